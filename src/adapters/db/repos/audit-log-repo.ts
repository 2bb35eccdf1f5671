import type { Kysely } from 'kysely';
import type { Repositories } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

export function auditLogRepo(db: Kysely<DB>): Repositories['auditLog'] {
  return {
    async append(scope, entry) {
      await db
        .insertInto('audit_log')
        .values({
          org_id: scope.orgId,
          occurred_at: entry.occurredAt,
          actor: entry.actor,
          action: entry.action,
          target_type: entry.targetType,
          target_id: entry.targetId,
          details: JSON.stringify(entry.details),
        })
        .execute();
    },
    async list(scope) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        occurredAt: r.occurred_at,
        actor: r.actor,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        details: r.details,
      }));
    },
  };
}
