import { type Kysely, sql } from 'kysely';
import { GENESIS_HASH } from '../../../domain/audit-chain.ts';
import {
  ledgerHash,
  type TEvidenceFacts,
  type TLedgerEntry,
  type TLedgerKind,
} from '../../../domain/ledger.ts';
import type { DB } from '../schema.ts';

// Appending to the evidence ledger, for the repositories whose writes it records (evidence, monitoring,
// audit log): always in the transaction of the write, under the organization's chain lock.

/**
 * Runs fn in the caller's transaction, or in a new one when the repository is bound to the pool: a write
 * and the ledger entry that records it land together or not at all.
 */
export function inTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/**
 * Serializes an organization's ledger and audit-log appends until the transaction ends. One key for both
 * (taking it again in the same transaction is free), so a transaction that writes evidence and then its
 * audit-log entry never waits on another that took them in the other order.
 */
export async function lockOrgChains(db: Kysely<DB>, orgId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${orgId}`}, 0))`.execute(db);
}

/**
 * Appends one entry to the organization's ledger. Call it inside the transaction of the write it records
 * (see inTransaction).
 */
export async function appendLedgerEntry(
  db: Kysely<DB>,
  orgId: string,
  entry: { occurredAt: Date; kind: TLedgerKind; refId: string; digest: string },
): Promise<TLedgerEntry> {
  await lockOrgChains(db, orgId);
  const last = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'hash'])
    .where('org_id', '=', orgId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const content = {
    seq: (last?.seq ?? 0) + 1,
    occurredAt: entry.occurredAt.toISOString(),
    kind: entry.kind,
    refId: entry.refId,
    digest: entry.digest,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = ledgerHash(prevHash, content);
  await db
    .insertInto('ledger_entries')
    .values({
      org_id: orgId,
      seq: content.seq,
      occurred_at: entry.occurredAt,
      kind: content.kind,
      ref_id: content.refId,
      digest: content.digest,
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { ...content, prevHash, hash };
}

/** The evidence row's fields its ledger digest covers. */
export function evidenceFactsOf(r: {
  id: string;
  sha256: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  valid_from: string;
  valid_until: string | null;
  collected_at: Date;
}): TEvidenceFacts {
  return {
    id: r.id,
    sha256: r.sha256,
    fileName: r.file_name,
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    collectedAt: r.collected_at.toISOString(),
  };
}
