import { createHash } from 'node:crypto';

// The audit log's hash chain. An entry's hash is SHA-256 over the previous entry's hash and the canonical
// JSON of the entry, so changing, removing or reordering any entry breaks every hash after it.

export const GENESIS_HASH = '0'.repeat(64);

export type TActorType = 'user' | 'token' | 'cli' | 'system';

export interface TChainEntry {
  orgId: string;
  seq: number;
  occurredAt: Date;
  actorType: TActorType;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
  sourceAddress: string | null;
}

export interface TChainedEntry extends TChainEntry {
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth, so the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(prevHash: string, entry: TChainEntry): string {
  const body = canonicalJson({ ...entry, occurredAt: entry.occurredAt.toISOString() });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

export type TChainVerdict =
  | { ok: true; entries: number; head: string }
  | {
      ok: false;
      entries: number;
      seq: number;
      problem: 'altered' | 'missing' | 'out_of_order';
      message: string;
    };

/** Checks a whole chain, in seq order as stored, and names the first entry that does not fit. */
export function verifyChain(entries: TChainedEntry[]): TChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    const { prevHash, hash, ...content } = entry;
    if (entry.seq !== expectedSeq) {
      const problem = entry.seq > expectedSeq ? 'missing' : 'out_of_order';
      const message =
        problem === 'missing'
          ? `entry ${expectedSeq} is missing (the next entry is ${entry.seq})`
          : `entry ${entry.seq} appears after entry ${expectedSeq - 1}`;
      return { ok: false, entries: entries.length, seq: expectedSeq, problem, message };
    }
    if (prevHash !== prev) {
      return {
        ok: false,
        entries: entries.length,
        seq: entry.seq,
        problem: 'out_of_order',
        message: `entry ${entry.seq} does not follow entry ${entry.seq - 1}: its previous hash does not match`,
      };
    }
    if (chainHash(prevHash, content) !== hash) {
      return {
        ok: false,
        entries: entries.length,
        seq: entry.seq,
        problem: 'altered',
        message: `entry ${entry.seq} (${entry.action} at ${entry.occurredAt.toISOString()}) was altered: its content does not match its hash`,
      };
    }
    prev = hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: entries.length, head: prev };
}
