import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TAccessAccount } from './campaign.ts';
import {
  accessSnapshotSha256,
  accessSnapshotText,
  type TAccessSnapshot,
  verifyAccessSnapshot,
} from './snapshot.ts';

const account = (accountId: string, over: Partial<TAccessAccount> = {}): TAccessAccount => ({
  resourceType: 'idp.user',
  accountId,
  name: `${accountId}@acme.test`,
  email: `${accountId}@acme.test`,
  status: 'active',
  lastLogin: '2026-06-01T10:00:00.000Z',
  privileges: { roles: [], groups: ['Everyone'], privileged: false },
  ...over,
});

const snapshot = (accounts: TAccessAccount[]): TAccessSnapshot => ({
  campaignId: 'c-1',
  system: { integrationId: 'i-1', name: 'Okta', type: 'okta' },
  frozenAt: '2026-06-15T09:00:00.000Z',
  sources: [
    {
      resourceType: 'idp.user',
      runId: 'r-1',
      collectedAt: '2026-06-15T08:00:00.000Z',
      runSnapshotSha256: null,
    },
  ],
  accounts,
});

describe('the frozen snapshot of an access review', () => {
  it('is canonical: the same accounts in any order and key order give the same text and hash', () => {
    const a = account('ana', {
      privileges: { roles: ['SUPER_ADMIN'], groups: ['Admins'], privileged: true },
    });
    const b = account('bob');
    const reordered = {
      privileges: { privileged: true, groups: ['Admins'], roles: ['SUPER_ADMIN'] },
      status: a.status,
      name: a.name,
      lastLogin: a.lastLogin,
      email: a.email,
      accountId: a.accountId,
      resourceType: a.resourceType,
    } as TAccessAccount;
    expect(accessSnapshotText(snapshot([b, a]))).toBe(accessSnapshotText(snapshot([a, b])));
    expect(accessSnapshotSha256(snapshot([b, reordered]))).toBe(accessSnapshotSha256(snapshot([a, b])));
    const text = accessSnapshotText(snapshot([b, a]));
    expect(text.indexOf('"ana"')).toBeLessThan(text.indexOf('"bob"'));
    expect(accessSnapshotSha256(snapshot([a, b]))).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('changes its hash when any privilege, status or account changes', () => {
    const base = accessSnapshotSha256(snapshot([account('ana'), account('bob')]));
    expect(
      accessSnapshotSha256(
        snapshot([
          account('ana', { privileges: { roles: ['admin'], groups: ['Everyone'], privileged: true } }),
          account('bob'),
        ]),
      ),
    ).not.toBe(base);
    expect(accessSnapshotSha256(snapshot([account('ana', { status: 'disabled' }), account('bob')]))).not.toBe(
      base,
    );
    expect(accessSnapshotSha256(snapshot([account('ana')]))).not.toBe(base);
    // Extra fields of a stored row (its id, the decision) are not part of the snapshot.
    const row = { ...account('ana'), id: 'row-1', decision: 'keep' } as TAccessAccount;
    expect(accessSnapshotSha256(snapshot([row, account('bob')]))).toBe(base);
  });

  it('verifies a stored file and stored rows against the hash, and names which one was altered', () => {
    const frozen = snapshot([account('ana'), account('bob')]);
    const sha = accessSnapshotSha256(frozen);
    const file = new TextEncoder().encode(accessSnapshotText(frozen));
    expect(verifyAccessSnapshot(sha, file, frozen)).toEqual({ fileMatches: true, rowsMatch: true });
    const edited = new TextEncoder().encode(accessSnapshotText(frozen).replace('"ana"', '"eve"'));
    expect(verifyAccessSnapshot(sha, edited, frozen)).toEqual({ fileMatches: false, rowsMatch: true });
    const widened = snapshot([
      account('ana', { privileges: { roles: ['owner'], groups: [], privileged: true } }),
      account('bob'),
    ]);
    expect(verifyAccessSnapshot(sha, file, widened)).toEqual({ fileMatches: true, rowsMatch: false });
  });
});
