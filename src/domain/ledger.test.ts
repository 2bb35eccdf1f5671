import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from './audit-chain.ts';
import {
  evidenceDigest,
  ledgerHash,
  type TLedgerEntry,
  type TLedgerKind,
  type TTransitionFacts,
  transitionsDigest,
  verifyLedger,
} from './ledger.ts';

const HEX = (c: string) => c.repeat(64);

/** A chain of n entries as the repositories append them. */
function chain(n: number): TLedgerEntry[] {
  const kinds: TLedgerKind[] = ['evidence', 'test_transitions', 'audit_log'];
  const entries: TLedgerEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      seq,
      occurredAt: new Date(Date.UTC(2026, 2, seq)).toISOString(),
      kind: kinds[seq % 3] as TLedgerKind,
      refId: `ref-${seq}`,
      digest: HEX(String(seq % 10)),
    };
    const hash = ledgerHash(prev, content);
    entries.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

describe('ledgerHash', () => {
  it('commits to every field and to the previous hash', () => {
    const e = {
      seq: 1,
      occurredAt: '2026-03-01T00:00:00.000Z',
      kind: 'evidence' as const,
      refId: 'a',
      digest: HEX('a'),
    };
    const base = ledgerHash(GENESIS_HASH, e);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(ledgerHash(GENESIS_HASH, { ...e })).toBe(base);
    for (const changed of [
      { ...e, seq: 2 },
      { ...e, occurredAt: '2026-03-01T00:00:00.001Z' },
      { ...e, kind: 'audit_log' as const },
      { ...e, refId: 'b' },
      { ...e, digest: HEX('b') },
    ]) {
      expect(ledgerHash(GENESIS_HASH, changed)).not.toBe(base);
    }
    expect(ledgerHash(HEX('1'), e)).not.toBe(base);
  });
});

describe('verifyLedger', () => {
  it('accepts an intact chain and returns its head; an empty chain has the genesis head', () => {
    const entries = chain(6);
    expect(verifyLedger(entries)).toEqual({ ok: true, entries: 6, head: entries[5]?.hash });
    expect(verifyLedger([])).toEqual({ ok: true, entries: 0, head: GENESIS_HASH });
  });

  it('names an altered entry', () => {
    const entries = chain(6);
    entries[3] = { ...(entries[3] as TLedgerEntry), digest: HEX('f') };
    expect(verifyLedger(entries)).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'altered',
      message:
        'entry 4 (monitoring run ref-4, 2026-03-04T00:00:00.000Z) was altered: its content does not match its hash',
    });
  });

  it('names an entry re-hashed after an edit as not following the one before', () => {
    const entries = chain(6);
    const edited = { ...(entries[2] as TLedgerEntry), refId: 'forged' };
    entries[2] = { ...edited, hash: ledgerHash(edited.prevHash, edited) };
    expect(verifyLedger(entries)).toMatchObject({ ok: false, seq: 4, problem: 'out_of_order' });
  });

  it('names a missing entry, in the middle and at the start', () => {
    const entries = chain(6);
    expect(verifyLedger([...entries.slice(0, 2), ...entries.slice(3)])).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'missing',
      message: 'entry 3 is missing (the next entry is 4)',
    });
    expect(verifyLedger(entries.slice(1))).toMatchObject({ ok: false, seq: 1, problem: 'missing' });
  });

  it('names reordered entries', () => {
    const entries = chain(6);
    const swapped = [entries[0], entries[2], entries[1], ...entries.slice(3)] as TLedgerEntry[];
    expect(verifyLedger(swapped)).toMatchObject({ ok: false, seq: 2, problem: 'missing' });
    const renumbered = swapped.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyLedger(renumbered)).toMatchObject({ ok: false, seq: 2, problem: 'out_of_order' });
    const repeated = [...entries.slice(0, 3), entries[1], ...entries.slice(3)] as TLedgerEntry[];
    expect(verifyLedger(repeated)).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'out_of_order',
      message: 'entry 2 appears after entry 3',
    });
  });

  it('checks a segment from its anchor, and refuses it on another anchor', () => {
    const entries = chain(10);
    const segment = entries.slice(4, 8);
    const anchor = entries[3]?.hash as string;
    expect(verifyLedger(segment, { anchorPrevHash: anchor })).toEqual({
      ok: true,
      entries: 4,
      head: entries[7]?.hash,
    });
    expect(verifyLedger(segment, { anchorPrevHash: anchor, firstSeq: 5 })).toMatchObject({ ok: true });
    expect(verifyLedger(segment, { anchorPrevHash: anchor, firstSeq: 4 })).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'missing',
    });
    expect(verifyLedger(segment, { anchorPrevHash: entries[2]?.hash as string })).toMatchObject({
      ok: false,
      seq: 5,
      problem: 'out_of_order',
    });
    // Without an anchor a segment is checked as a whole chain, so it fails at its start.
    expect(verifyLedger(segment)).toMatchObject({ ok: false, seq: 1, problem: 'missing' });
  });
});

describe('evidenceDigest', () => {
  const evidence = {
    id: '3f2a0000-0000-4000-8000-000000000001',
    sha256: HEX('c'),
    fileName: 'policy.pdf',
    mediaType: 'application/pdf',
    sizeBytes: 1234,
    validFrom: '2026-01-01',
    validUntil: null,
    collectedAt: '2026-03-01T10:00:00.000Z',
  };

  it('is the same for the same facts, whatever the order of the keys', () => {
    const reordered = Object.fromEntries(Object.entries(evidence).reverse()) as typeof evidence;
    expect(evidenceDigest(reordered)).toBe(evidenceDigest(evidence));
    expect(evidenceDigest(evidence)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with every fact it covers', () => {
    const base = evidenceDigest(evidence);
    for (const changed of [
      { id: '3f2a0000-0000-4000-8000-000000000002' },
      { sha256: HEX('d') },
      { fileName: 'other.pdf' },
      { mediaType: 'text/plain' },
      { sizeBytes: 1235 },
      { validFrom: '2026-01-02' },
      { validUntil: '2026-12-31' },
      { collectedAt: '2026-03-01T10:00:00.001Z' },
    ]) {
      expect(evidenceDigest({ ...evidence, ...changed })).not.toBe(base);
    }
  });
});

describe('transitionsDigest', () => {
  const at = '2026-03-01T10:00:00.000Z';
  const transitions: TTransitionFacts[] = [
    { testId: 'aws.s3.encrypted', resourceId: 'b', fromStatus: 'pass', toStatus: 'fail', at },
    { testId: 'aws.s3.encrypted', resourceId: 'a', fromStatus: null, toStatus: 'pass', at },
    { testId: 'aws.iam.mfa', resourceId: 'z', fromStatus: 'fail', toStatus: null, at },
    { testId: 'aws.iam.mfa', resourceId: 'é', fromStatus: null, toStatus: 'error', at },
  ];
  const runId = '00000000-0000-4000-8000-000000000009';

  it('does not depend on the order the transitions come in, nor on being given an array', () => {
    const digest = transitionsDigest(runId, transitions);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(transitionsDigest(runId, [...transitions].reverse())).toBe(digest);
    expect(transitionsDigest(runId, new Set(transitions))).toBe(digest);
    // The caller's array is left as it was.
    expect(transitions[0]?.resourceId).toBe('b');
  });

  it('changes with the run, each field, a transition more or less', () => {
    const digest = transitionsDigest(runId, transitions);
    expect(transitionsDigest('00000000-0000-4000-8000-000000000010', transitions)).not.toBe(digest);
    expect(transitionsDigest(runId, transitions.slice(1))).not.toBe(digest);
    expect(transitionsDigest(runId, [...transitions, transitions[0] as TTransitionFacts])).not.toBe(digest);
    const first = transitions[0] as TTransitionFacts;
    for (const changed of [
      { testId: 'aws.s3.versioned' },
      { resourceId: 'c' },
      { fromStatus: null },
      { toStatus: 'pass' },
      { at: '2026-03-01T10:00:00.001Z' },
    ]) {
      expect(transitionsDigest(runId, [{ ...first, ...changed }, ...transitions.slice(1)])).not.toBe(digest);
    }
    // Fields are delimited: moving text from one field to the next is another digest.
    const a = [{ testId: 'ab', resourceId: 'c', fromStatus: null, toStatus: 'pass', at }];
    const b = [{ testId: 'a', resourceId: 'bc', fromStatus: null, toStatus: 'pass', at }];
    expect(transitionsDigest(runId, a)).not.toBe(transitionsDigest(runId, b));
  });

  it('has a digest for a run that changed nothing', () => {
    expect(transitionsDigest(runId, [])).toMatch(/^[0-9a-f]{64}$/);
    expect(transitionsDigest(runId, [])).not.toBe(transitionsDigest('other', []));
  });

  it('hashes a large run in pieces to the same digest, in any order', () => {
    const many: TTransitionFacts[] = [];
    for (let i = 0; i < 20_000; i++)
      many.push({ testId: `t${i % 7}`, resourceId: `r${i}`, fromStatus: null, toStatus: 'pass', at });
    const shuffled = [...many].sort(
      (x, y) => (x.resourceId.endsWith('3') ? -1 : 0) - (y.resourceId.endsWith('3') ? -1 : 0),
    );
    expect(transitionsDigest(runId, shuffled)).toBe(transitionsDigest(runId, many));
  });
});
