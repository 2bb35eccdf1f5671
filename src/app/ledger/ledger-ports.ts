import type { TChainedEntry } from '../../domain/audit-chain.ts';
import type { TEvidenceFacts, TLedgerEntry, TTransitionFacts } from '../../domain/ledger.ts';
import type { OrgScope } from '../org-scope.ts';

// The evidence ledger's reads. Entries are appended only by the repositories whose writes they record
// (evidence, monitoring transitions, audit log), in the same transaction, so no path can skip one.

export interface LedgerRepo {
  /** Entries after afterSeq, in seq order, at most limit. */
  page(scope: OrgScope, afterSeq: number, limit: number): Promise<TLedgerEntry[]>;
  /** How many entries, and the last one's hash (null: none yet). */
  summary(scope: OrgScope): Promise<{ entries: number; head: string | null }>;
  /**
   * The seq range of the entries that occurred in [from, to] (null: none), and the hash of the last entry
   * that occurred before from (null: none).
   */
  window(
    scope: OrgScope,
    range: { from: Date; to: Date },
  ): Promise<{ seqs: { first: number; last: number } | null; hashBefore: string | null }>;
  /** Entries with first <= seq <= last, in seq order. */
  between(scope: OrgScope, first: number, last: number): Promise<TLedgerEntry[]>;
  /** For each evidence id in the ledger, the seq of its latest entry (earlier ones were superseded by an edit). */
  latestEvidenceSeqs(scope: OrgScope): Promise<Map<string, number>>;
  /** The evidence rows as they are stored now, by id. */
  evidenceFacts(scope: OrgScope, ids: string[]): Promise<Map<string, TEvidenceFacts>>;
  /** The audit-log entries with these seqs, as stored now, by seq. */
  auditEntries(scope: OrgScope, seqs: number[]): Promise<Map<number, TChainedEntry>>;
  /** The ids among these of the monitoring runs still stored. */
  existingRuns(scope: OrgScope, runIds: string[]): Promise<Set<string>>;
  /** A run's stored test-result transitions, in no particular order. */
  runTransitions(scope: OrgScope, runId: string): Promise<TTransitionFacts[]>;
}

export interface TOrgSigningKey {
  publicKeyPem: string;
  privateKeySealed: string;
  fingerprint: string;
  createdAt: Date;
}

export interface SigningKeysRepo {
  find(scope: OrgScope): Promise<TOrgSigningKey | null>;
  /** Stores the organization's key unless it has one; false when another was stored first. */
  insertIfAbsent(scope: OrgScope, key: TOrgSigningKey): Promise<boolean>;
  /** Replaces the sealed private key, for re-sealing under a new master key. */
  replaceSealed(scope: OrgScope, privateKeySealed: string): Promise<void>;
}
