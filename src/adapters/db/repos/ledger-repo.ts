import { type Kysely, sql } from 'kysely';
import type { LedgerRepo, SigningKeysRepo } from '../../../app/ledger/ledger-ports.ts';
import type { TChainedEntry } from '../../../domain/audit-chain.ts';
import type { TEvidenceFacts, TLedgerEntry, TLedgerKind, TTransitionFacts } from '../../../domain/ledger.ts';
import type { DB } from '../schema.ts';
import { toAuditEntry } from './audit-log-repo.ts';
import { evidenceFactsOf } from './ledger-append.ts';

const BATCH = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Ids as the ledger names them; one that is not a UUID names no row (and would not cast). */
const uuids = (ids: string[]) => ids.filter((id) => UUID.test(id));

function toEntry(r: {
  seq: number;
  occurred_at: Date;
  kind: string;
  ref_id: string;
  digest: string;
  prev_hash: string;
  hash: string;
}): TLedgerEntry {
  return {
    seq: r.seq,
    occurredAt: r.occurred_at.toISOString(),
    kind: r.kind as TLedgerKind,
    refId: r.ref_id,
    digest: r.digest,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

const ENTRY_COLUMNS = ['seq', 'occurred_at', 'kind', 'ref_id', 'digest', 'prev_hash', 'hash'] as const;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

export function ledgerRepo(db: Kysely<DB>): LedgerRepo {
  return {
    async page(scope, afterSeq, limit) {
      const rows = await db
        .selectFrom('ledger_entries')
        .select(ENTRY_COLUMNS)
        .where('org_id', '=', scope.orgId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(toEntry);
    },
    async summary(scope) {
      const count = await db
        .selectFrom('ledger_entries')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('org_id', '=', scope.orgId)
        .executeTakeFirstOrThrow();
      const last = await db
        .selectFrom('ledger_entries')
        .select('hash')
        .where('org_id', '=', scope.orgId)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return { entries: count.n, head: last?.hash ?? null };
    },
    async window(scope, range) {
      const seqs = await db
        .selectFrom('ledger_entries')
        .select([sql<number | null>`min(seq)`.as('first'), sql<number | null>`max(seq)`.as('last')])
        .where('org_id', '=', scope.orgId)
        .where('occurred_at', '>=', range.from)
        .where('occurred_at', '<=', range.to)
        .executeTakeFirstOrThrow();
      const before = await db
        .selectFrom('ledger_entries')
        .select('hash')
        .where('org_id', '=', scope.orgId)
        .where('occurred_at', '<', range.from)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return {
        seqs:
          seqs.first === null || seqs.last === null
            ? null
            : { first: Number(seqs.first), last: Number(seqs.last) },
        hashBefore: before?.hash ?? null,
      };
    },
    async between(scope, first, last) {
      const rows = await db
        .selectFrom('ledger_entries')
        .select(ENTRY_COLUMNS)
        .where('org_id', '=', scope.orgId)
        .where('seq', '>=', first)
        .where('seq', '<=', last)
        .orderBy('seq')
        .execute();
      return rows.map(toEntry);
    },
    async latestEvidenceSeqs(scope) {
      const rows = await db
        .selectFrom('ledger_entries')
        .select(['ref_id', sql<number>`max(seq)`.as('seq')])
        .where('org_id', '=', scope.orgId)
        .where('kind', '=', 'evidence')
        .groupBy('ref_id')
        .execute();
      return new Map(rows.map((r) => [r.ref_id, Number(r.seq)]));
    },
    async evidenceFacts(scope, ids) {
      const facts = new Map<string, TEvidenceFacts>();
      for (const batch of chunks(uuids(ids))) {
        const rows = await db
          .selectFrom('evidence')
          .select([
            'id',
            'sha256',
            'file_name',
            'media_type',
            'size_bytes',
            'valid_from',
            'valid_until',
            'collected_at',
          ])
          .where('org_id', '=', scope.orgId)
          .where('id', 'in', batch)
          .execute();
        for (const r of rows) facts.set(r.id, evidenceFactsOf(r));
      }
      return facts;
    },
    async auditEntries(scope, seqs) {
      const entries = new Map<number, TChainedEntry>();
      for (const batch of chunks(seqs)) {
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('org_id', '=', scope.orgId)
          .where('seq', 'in', batch)
          .execute();
        for (const r of rows) entries.set(r.seq, toAuditEntry(r));
      }
      return entries;
    },
    async existingRuns(scope, runIds) {
      const found = new Set<string>();
      for (const batch of chunks(uuids(runIds))) {
        const rows = await db
          .selectFrom('monitor_runs')
          .select('id')
          .where('org_id', '=', scope.orgId)
          .where('id', 'in', batch)
          .execute();
        for (const r of rows) found.add(r.id);
      }
      return found;
    },
    async runTransitions(scope, runId) {
      const out: TTransitionFacts[] = [];
      if (!UUID.test(runId)) return out;
      let afterId = 0;
      for (;;) {
        // Keyset pages over test_transitions_run_idx: a run can have a million transitions.
        const rows = await db
          .selectFrom('test_transitions')
          .select(['id', 'test_id', 'resource_id', 'from_status', 'to_status', 'at'])
          .where('org_id', '=', scope.orgId)
          .where('run_id', '=', runId)
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(10 * BATCH)
          .execute();
        for (const r of rows) {
          out.push({
            testId: r.test_id,
            resourceId: r.resource_id,
            fromStatus: r.from_status,
            toStatus: r.to_status,
            at: r.at.toISOString(),
          });
        }
        const last = rows.at(-1);
        if (!last || rows.length < 10 * BATCH) return out;
        afterId = last.id;
      }
    },
  };
}

export function signingKeysRepo(db: Kysely<DB>): SigningKeysRepo {
  return {
    async find(scope) {
      const row = await db
        .selectFrom('org_signing_keys')
        .select(['public_key_pem', 'private_key_sealed', 'fingerprint', 'created_at'])
        .where('org_id', '=', scope.orgId)
        .executeTakeFirst();
      return row
        ? {
            publicKeyPem: row.public_key_pem,
            privateKeySealed: row.private_key_sealed,
            fingerprint: row.fingerprint,
            createdAt: row.created_at,
          }
        : null;
    },
    async insertIfAbsent(scope, key) {
      const inserted = await db
        .insertInto('org_signing_keys')
        .values({
          org_id: scope.orgId,
          public_key_pem: key.publicKeyPem,
          private_key_sealed: key.privateKeySealed,
          fingerprint: key.fingerprint,
          created_at: key.createdAt,
        })
        .onConflict((oc) => oc.column('org_id').doNothing())
        .returning('org_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async replaceSealed(scope, privateKeySealed) {
      await db
        .updateTable('org_signing_keys')
        .set({ private_key_sealed: privateKeySealed })
        .where('org_id', '=', scope.orgId)
        .execute();
    },
  };
}
