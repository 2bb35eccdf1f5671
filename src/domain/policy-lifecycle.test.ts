import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/support/errors.ts';
import {
  checkPolicyBody,
  decideApproval,
  decidePublication,
  diffLines,
  MAX_POLICY_BODY_BYTES,
  mayApprovePolicy,
  planPolicyEdit,
  type TVersionState,
} from './policy-lifecycle.ts';

const v = (version: number, status: TVersionState['status']): TVersionState => ({ version, status });

describe('the state machine of policy versions', () => {
  it('edits the draft in place, and starts a new draft after an approved or published version', () => {
    expect(planPolicyEdit([v(1, 'draft')])).toEqual({ kind: 'update', version: 1 });
    expect(planPolicyEdit([v(1, 'published')])).toEqual({
      kind: 'create',
      version: 2,
      baseVersion: 1,
      supersedes: null,
    });
    expect(planPolicyEdit([v(1, 'published'), v(2, 'approved')])).toEqual({
      kind: 'create',
      version: 3,
      baseVersion: 2,
      supersedes: 2,
    });
    expect(planPolicyEdit([])).toEqual({ kind: 'create', version: 1, baseVersion: null, supersedes: null });
  });

  it('refuses an edit made on a version that is no longer the latest', () => {
    expect(errorOf(() => planPolicyEdit([v(1, 'published'), v(2, 'draft')], 1)).code).toBe('CONFLICT');
    expect(planPolicyEdit([v(1, 'published'), v(2, 'draft')], 2)).toEqual({ kind: 'update', version: 2 });
  });

  it('approves only the latest draft', () => {
    expect(() => decideApproval([v(1, 'draft')], 1)).not.toThrow();
    expect(errorOf(() => decideApproval([v(1, 'approved')], 1)).code).toBe('CONFLICT');
    expect(errorOf(() => decideApproval([v(1, 'published')], 1)).code).toBe('CONFLICT');
    expect(errorOf(() => decideApproval([v(1, 'draft')], 2)).code).toBe('NOT_FOUND');
  });

  it('publishes only an approved latest version, superseding the published one', () => {
    expect(errorOf(() => decidePublication([v(1, 'draft')], 1)).code).toBe('CONFLICT');
    expect(decidePublication([v(1, 'approved')], 1)).toEqual({ supersedes: null });
    expect(decidePublication([v(1, 'published'), v(2, 'approved')], 2)).toEqual({ supersedes: 1 });
    expect(errorOf(() => decidePublication([v(1, 'published')], 1)).code).toBe('CONFLICT');
    expect(errorOf(() => decidePublication([v(1, 'superseded'), v(2, 'draft')], 1)).code).toBe('CONFLICT');
  });

  it("lets the policy's owner approve; without an owner, an organization owner or admin", () => {
    expect(mayApprovePolicy({ ownerUserId: 'u1' }, { userId: 'u1', role: 'member' })).toBe(true);
    expect(mayApprovePolicy({ ownerUserId: 'u1' }, { userId: 'u2', role: 'owner' })).toBe(false);
    expect(mayApprovePolicy({ ownerUserId: null }, { userId: 'u2', role: 'admin' })).toBe(true);
    expect(mayApprovePolicy({ ownerUserId: null }, { userId: 'u2', role: 'member' })).toBe(false);
    expect(mayApprovePolicy({ ownerUserId: null }, { userId: null, role: 'owner' })).toBe(false);
  });

  it('refuses an empty body and one over 200 KiB', () => {
    expect(errorOf(() => checkPolicyBody('  \n')).code).toBe('INVALID_INPUT');
    expect(errorOf(() => checkPolicyBody('é'.repeat(MAX_POLICY_BODY_BYTES / 2 + 1))).code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(() => checkPolicyBody('a'.repeat(MAX_POLICY_BODY_BYTES))).not.toThrow();
  });
});

describe('the line diff', () => {
  it('keeps common lines and marks deletions and additions', () => {
    expect(diffLines('# Title\na\nb\nc\n', '# Title\na\nB\nc\nd\n')).toEqual([
      { op: 'same', text: '# Title' },
      { op: 'same', text: 'a' },
      { op: 'del', text: 'b' },
      { op: 'add', text: 'B' },
      { op: 'same', text: 'c' },
      { op: 'add', text: 'd' },
    ]);
  });

  it('finds the longest common subsequence inside a changed block', () => {
    const lines = diffLines('x\na\nb\nc\ny', 'x\nb\nq\nc\na\ny');
    expect(lines.filter((l) => l.op === 'same').map((l) => l.text)).toEqual(['x', 'b', 'c', 'y']);
    // Replaying the diff gives back both texts.
    expect(lines.filter((l) => l.op !== 'add').map((l) => l.text)).toEqual(['x', 'a', 'b', 'c', 'y']);
    expect(lines.filter((l) => l.op !== 'del').map((l) => l.text)).toEqual(['x', 'b', 'q', 'c', 'a', 'y']);
  });

  it('handles empty texts and CRLF line ends', () => {
    expect(diffLines('', '')).toEqual([]);
    expect(diffLines('', 'a')).toEqual([{ op: 'add', text: 'a' }]);
    expect(diffLines('a\r\nb', 'a\nb\n')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'same', text: 'b' },
    ]);
  });

  it('stays exact on long bodies with a small change', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
    const after = [...before];
    after[2500] = 'changed';
    const lines = diffLines(before.join('\n'), after.join('\n'));
    expect(lines.filter((l) => l.op !== 'same')).toEqual([
      { op: 'del', text: 'line 2500' },
      { op: 'add', text: 'changed' },
    ]);
  });
});
