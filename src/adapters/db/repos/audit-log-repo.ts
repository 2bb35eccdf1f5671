import type { Kysely } from 'kysely';
import type { Repositories } from '../../../app/ports.ts';
import { chainHash, GENESIS_HASH, type TActorType, type TChainedEntry } from '../../../domain/audit-chain.ts';
import type { DB } from '../schema.ts';
import { appendLedgerEntry, inTransaction, lockOrgChains } from './ledger-append.ts';

export function toAuditEntry(r: {
  org_id: string;
  seq: number;
  occurred_at: Date;
  actor_type: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
  source_address: string | null;
  prev_hash: string;
  hash: string;
}): TChainedEntry {
  return {
    orgId: r.org_id,
    seq: r.seq,
    occurredAt: r.occurred_at,
    actorType: r.actor_type as TActorType,
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: r.details,
    requestId: r.request_id,
    sourceAddress: r.source_address,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export function auditLogRepo(db: Kysely<DB>): Repositories['auditLog'] {
  return {
    append: (scope, entry) =>
      inTransaction(db, async (db) => {
        // Serialize appends per organization for the rest of the transaction, so two writers cannot both
        // chain onto the same previous entry (the unique (org_id, seq) would refuse the second anyway).
        await lockOrgChains(db, scope.orgId);
        const last = await db
          .selectFrom('audit_log')
          .select(['seq', 'hash'])
          .where('org_id', '=', scope.orgId)
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        const content = {
          orgId: scope.orgId,
          seq: (last?.seq ?? 0) + 1,
          occurredAt: entry.occurredAt,
          actorType: entry.actor.type,
          actor: entry.actor.id,
          action: entry.action,
          targetType: entry.targetType,
          targetId: entry.targetId,
          // Hash the details as they will read back from jsonb (no undefined, dates as strings).
          details: JSON.parse(JSON.stringify(entry.details)) as Record<string, unknown>,
          requestId: entry.actor.requestId,
          sourceAddress: entry.actor.sourceAddress,
        };
        const prevHash = last?.hash ?? GENESIS_HASH;
        const hash = chainHash(prevHash, content);
        await db
          .insertInto('audit_log')
          .values({
            org_id: content.orgId,
            seq: content.seq,
            occurred_at: content.occurredAt,
            actor_type: content.actorType,
            actor: content.actor,
            action: content.action,
            target_type: content.targetType,
            target_id: content.targetId,
            details: JSON.stringify(content.details),
            request_id: content.requestId,
            source_address: content.sourceAddress,
            prev_hash: prevHash,
            hash,
          })
          .execute();
        // The evidence ledger records the entry by its chain hash.
        await appendLedgerEntry(db, scope.orgId, {
          occurredAt: content.occurredAt,
          kind: 'audit_log',
          refId: String(content.seq),
          digest: hash,
        });
        return { ...content, prevHash, hash };
      }),
    async chain(scope) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy('seq')
        .execute();
      return rows.map(toAuditEntry);
    },
    async page(scope, query) {
      let q = db.selectFrom('audit_log').selectAll().where('org_id', '=', scope.orgId);
      if (query.action !== undefined) q = q.where('action', '=', query.action);
      if (query.targetType !== undefined) q = q.where('target_type', '=', query.targetType);
      if (query.targetId !== undefined) q = q.where('target_id', '=', query.targetId);
      if (query.actor !== undefined) q = q.where('actor', '=', query.actor);
      if (query.beforeSeq !== undefined) q = q.where('seq', '<', query.beforeSeq);
      if (query.occurred !== undefined)
        q = q
          .where('occurred_at', '>=', query.occurred.from)
          .where('occurred_at', '<', query.occurred.before);
      const rows = await q.orderBy('seq', 'desc').limit(query.limit).execute();
      return rows.map(toAuditEntry);
    },
  };
}
