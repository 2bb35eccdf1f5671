import { createHash } from 'node:crypto';
import { canonicalJson, GENESIS_HASH } from './audit-chain.ts';

// The evidence ledger: one hash chain per organization over what an auditor relies on. Each entry names
// what it records (an evidence item, one monitoring run's test-result transitions, an audit-log entry),
// carries a digest of that record's content, and commits to the previous entry, so a record changed or
// removed after the fact no longer matches its entry, and an entry changed, removed or reordered breaks
// every hash after it. A chain starts at seq 1 after GENESIS_HASH; organizations that existed before the
// ledger start theirs with their first write after it (their earlier records are not in it).

export type TLedgerKind = 'evidence' | 'test_transitions' | 'audit_log';
export const LEDGER_KINDS: readonly TLedgerKind[] = ['evidence', 'test_transitions', 'audit_log'];

export interface TLedgerEntry {
  seq: number;
  /** ISO 8601. */
  occurredAt: string;
  kind: TLedgerKind;
  /** The evidence id, the monitoring run id, or the audit-log entry's seq. */
  refId: string;
  digest: string;
  prevHash: string;
  hash: string;
}

export type TLedgerContent = Pick<TLedgerEntry, 'seq' | 'occurredAt' | 'kind' | 'refId' | 'digest'>;

export type TLedgerVerdict =
  | { ok: true; entries: number; head: string }
  | {
      ok: false;
      entries: number;
      seq: number;
      problem: 'altered' | 'missing' | 'out_of_order';
      message: string;
    };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** SHA-256 over the previous entry's hash and the canonical JSON of the entry's content. */
export function ledgerHash(prevHash: string, e: TLedgerContent): string {
  const body = canonicalJson({
    seq: e.seq,
    occurredAt: e.occurredAt,
    kind: e.kind,
    refId: e.refId,
    digest: e.digest,
  });
  return sha256(`${prevHash}\n${body}`);
}

const KIND_LABEL: Record<TLedgerKind, string> = {
  evidence: 'evidence',
  test_transitions: 'monitoring run',
  audit_log: 'audit-log entry',
};

/** "entry 17 (evidence 3f2…, 2026-03-01T10:00:00.000Z)", the way every ledger message names an entry. */
export function describeLedgerEntry(e: Pick<TLedgerEntry, 'seq' | 'kind' | 'refId' | 'occurredAt'>): string {
  return `entry ${e.seq} (${KIND_LABEL[e.kind]} ${e.refId}, ${e.occurredAt})`;
}

/**
 * Checks entries in seq order as stored and names the first that does not fit. A whole chain starts after
 * GENESIS_HASH at seq 1; a segment is checked from its anchor (the prevHash of its first entry, taken
 * from a trusted source such as a signed export) and, unless firstSeq says otherwise, its first seq.
 */
export function verifyLedger(
  entries: TLedgerEntry[],
  opts: { anchorPrevHash?: string; firstSeq?: number } = {},
): TLedgerVerdict {
  let prev = opts.anchorPrevHash ?? GENESIS_HASH;
  let expectedSeq = opts.firstSeq ?? (opts.anchorPrevHash !== undefined ? (entries[0]?.seq ?? 1) : 1);
  const fail = (seq: number, problem: 'altered' | 'missing' | 'out_of_order', message: string) =>
    ({ ok: false, entries: entries.length, seq, problem, message }) as const;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) {
      return entry.seq > expectedSeq
        ? fail(expectedSeq, 'missing', `entry ${expectedSeq} is missing (the next entry is ${entry.seq})`)
        : fail(expectedSeq, 'out_of_order', `entry ${entry.seq} appears after entry ${expectedSeq - 1}`);
    }
    if (entry.prevHash !== prev) {
      return fail(
        entry.seq,
        'out_of_order',
        `${describeLedgerEntry(entry)} does not follow entry ${entry.seq - 1}: its previous hash does not match`,
      );
    }
    if (!LEDGER_KINDS.includes(entry.kind) || ledgerHash(entry.prevHash, entry) !== entry.hash) {
      return fail(
        entry.seq,
        'altered',
        `${describeLedgerEntry(entry)} was altered: its content does not match its hash`,
      );
    }
    prev = entry.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: entries.length, head: prev };
}

export interface TEvidenceFacts {
  id: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  validFrom: string;
  validUntil: string | null;
  /** ISO 8601. */
  collectedAt: string;
}

/** What an evidence item's ledger entry commits to: the file (by its SHA-256), its name and its validity. */
export function evidenceDigest(e: TEvidenceFacts): string {
  return sha256(
    canonicalJson({
      kind: 'evidence',
      id: e.id,
      sha256: e.sha256,
      fileName: e.fileName,
      mediaType: e.mediaType,
      sizeBytes: e.sizeBytes,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
      collectedAt: e.collectedAt,
    }),
  );
}

export interface TTransitionFacts {
  testId: string;
  resourceId: string;
  fromStatus: string | null;
  toStatus: string | null;
  /** ISO 8601. */
  at: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** JSON strings of the values a run repeats (statuses, its time), made once per run rather than per line. */
function jsonOfRepeated(): (value: string | null) => string {
  const known = new Map<string | null, string>();
  return (value) => {
    let json = known.get(value);
    if (json === undefined) {
      json = JSON.stringify(value);
      known.set(value, json);
    }
    return json;
  };
}

const CHUNK_CHARS = 64 * 1024;

/**
 * What a monitoring run's ledger entry commits to: its test-result transitions, in whatever order they
 * come. They are hashed sorted by test id, then resource id, so the writer and a verifier reading them
 * back from the database agree; each is one line of JSON ([testId, resourceId, from, to, at]), hashed in
 * 64 KiB pieces, never one string: a run can have a million transitions.
 */
export function transitionsDigest(runId: string, transitions: Iterable<TTransitionFacts>): string {
  // Grouped by test first: a run has few tests and many resources, so most comparisons are of resource ids.
  const byTest = new Map<string, TTransitionFacts[]>();
  let count = 0;
  for (const t of transitions) {
    let group = byTest.get(t.testId);
    if (!group) {
      group = [];
      byTest.set(t.testId, group);
    }
    group.push(t);
    count += 1;
  }
  const repeated = jsonOfRepeated();
  const line = (t: TTransitionFacts, testJson: string) =>
    `[${testJson},${JSON.stringify(t.resourceId)},${repeated(t.fromStatus)},${repeated(t.toStatus)},${repeated(t.at)}]\n`;
  const hash = createHash('sha256').update(`transitions\n${runId}\n${count}\n`);
  let chunk = '';
  for (const testId of [...byTest.keys()].sort(byText)) {
    const testJson = JSON.stringify(testId);
    const group = byTest.get(testId) ?? [];
    // One pair changes once per run; should it appear twice, the whole line still gives one order.
    group.sort((a, b) => byText(a.resourceId, b.resourceId) || byText(line(a, testJson), line(b, testJson)));
    for (const t of group) {
      chunk += line(t, testJson);
      if (chunk.length >= CHUNK_CHARS) {
        hash.update(chunk);
        chunk = '';
      }
    }
  }
  return hash.update(chunk).digest('hex');
}
