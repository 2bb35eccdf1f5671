import type { Kysely } from 'kysely';
import type { OrgScope, Repositories, TEvidenceRecord } from '../../../app/ports.ts';
import { evidenceDigest } from '../../../domain/ledger.ts';
import type { DB } from '../schema.ts';
import { appendLedgerEntry, evidenceFactsOf, inTransaction } from './ledger-append.ts';

async function selectEvidence(db: Kysely<DB>, scope: OrgScope, id?: string): Promise<TEvidenceRecord[]> {
  let query = db.selectFrom('evidence').selectAll().where('org_id', '=', scope.orgId);
  if (id !== undefined) query = query.where('id', '=', id);
  const rows = await query.orderBy('collected_at', 'desc').orderBy('id').execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('evidence_controls')
    .innerJoin('controls', (join) =>
      join
        .onRef('controls.id', '=', 'evidence_controls.control_id')
        .onRef('controls.org_id', '=', 'evidence_controls.org_id'),
    )
    .select(['evidence_controls.evidence_id', 'controls.code'])
    .where('evidence_controls.org_id', '=', scope.orgId)
    .where(
      'evidence_controls.evidence_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('controls.code')
    .execute();
  const codes = new Map<string, string[]>();
  for (const link of links) codes.set(link.evidence_id, [...(codes.get(link.evidence_id) ?? []), link.code]);
  return rows.map(
    (r): TEvidenceRecord => ({
      id: r.id,
      title: r.title,
      fileName: r.file_name,
      mediaType: r.media_type,
      sizeBytes: r.size_bytes,
      sha256: r.sha256,
      blobKey: r.blob_key,
      source: r.source as TEvidenceRecord['source'],
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      collectedAt: r.collected_at,
      controlCodes: codes.get(r.id) ?? [],
    }),
  );
}

const EVIDENCE_FACTS = [
  'id',
  'sha256',
  'file_name',
  'media_type',
  'size_bytes',
  'valid_from',
  'valid_until',
  'collected_at',
] as const;

/** Evidence records and their links to controls, always within one organization. */
export function evidenceRepo(db: Kysely<DB>): Repositories['evidence'] {
  return {
    insert: (scope, evidence, controlIds, createdBy) =>
      inTransaction(db, async (db) => {
        const stored = await db
          .insertInto('evidence')
          .values({
            id: evidence.id,
            org_id: scope.orgId,
            title: evidence.title,
            file_name: evidence.fileName,
            media_type: evidence.mediaType,
            size_bytes: evidence.sizeBytes,
            sha256: evidence.sha256,
            blob_key: evidence.blobKey,
            source: evidence.source,
            valid_from: evidence.validFrom,
            valid_until: evidence.validUntil,
            collected_at: evidence.collectedAt,
            created_by: createdBy,
          })
          .returning(EVIDENCE_FACTS)
          .executeTakeFirstOrThrow();
        if (controlIds.length > 0) {
          await db
            .insertInto('evidence_controls')
            .values(
              controlIds.map((control_id) => ({ org_id: scope.orgId, evidence_id: evidence.id, control_id })),
            )
            .execute();
        }
        // The ledger commits to the row as stored (dates as the database reads them back).
        await appendLedgerEntry(db, scope.orgId, {
          occurredAt: stored.collected_at,
          kind: 'evidence',
          refId: stored.id,
          digest: evidenceDigest(evidenceFactsOf(stored)),
        });
      }),
    list: (scope) => selectEvidence(db, scope),
    async find(scope, id) {
      return (await selectEvidence(db, scope, id))[0] ?? null;
    },
    async validityByControl(scope) {
      const rows = await db
        .selectFrom('evidence_controls')
        .innerJoin('evidence', (join) =>
          join
            .onRef('evidence.id', '=', 'evidence_controls.evidence_id')
            .onRef('evidence.org_id', '=', 'evidence_controls.org_id'),
        )
        .select(['evidence_controls.control_id', 'evidence.valid_from', 'evidence.valid_until'])
        .where('evidence_controls.org_id', '=', scope.orgId)
        .execute();
      const result = new Map<string, Array<{ validFrom: string; validUntil: string | null }>>();
      for (const row of rows) {
        const list = result.get(row.control_id) ?? [];
        list.push({ validFrom: row.valid_from, validUntil: row.valid_until });
        result.set(row.control_id, list);
      }
      return result;
    },
    update: (scope, id, patch, at) =>
      inTransaction(db, async (db) => {
        const before = await db
          .selectFrom('evidence')
          .select(EVIDENCE_FACTS)
          .where('org_id', '=', scope.orgId)
          .where('id', '=', id)
          .executeTakeFirst();
        const after = await db
          .updateTable('evidence')
          .set({ title: patch.title, valid_from: patch.validFrom, valid_until: patch.validUntil })
          .where('org_id', '=', scope.orgId)
          .where('id', '=', id)
          .returning(EVIDENCE_FACTS)
          .executeTakeFirst();
        if (!before || !after) return false;
        // A new validity is a new entry for the item; a new title alone is not (the digest leaves it out).
        const digest = evidenceDigest(evidenceFactsOf(after));
        if (digest !== evidenceDigest(evidenceFactsOf(before))) {
          await appendLedgerEntry(db, scope.orgId, { occurredAt: at, kind: 'evidence', refId: id, digest });
        }
        return true;
      }),
    async setControls(scope, id, controlIds) {
      await db
        .deleteFrom('evidence_controls')
        .where('org_id', '=', scope.orgId)
        .where('evidence_id', '=', id)
        .execute();
      if (controlIds.length > 0) {
        await db
          .insertInto('evidence_controls')
          .values(controlIds.map((control_id) => ({ org_id: scope.orgId, evidence_id: id, control_id })))
          .execute();
      }
    },
  };
}
