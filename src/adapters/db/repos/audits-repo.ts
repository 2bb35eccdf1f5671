import type { Kysely, Selectable } from 'kysely';
import type { Repositories, TMemberRole } from '../../../app/ports.ts';
import type { TAudit } from '../../../domain/audit/audit.ts';
import type { AuditsTable, DB } from '../schema.ts';

const toAudit = (r: Selectable<AuditsTable>): TAudit => ({
  id: r.id,
  firmName: r.firm_name,
  contacts: r.contacts,
  reportType: r.report_type as TAudit['reportType'],
  asOfDate: r.as_of_date,
  windowStart: r.window_start,
  windowEnd: r.window_end,
  phase: r.phase as TAudit['phase'],
  firmChecklist: r.firm_checklist,
  version: r.version,
});

const columns = (a: TAudit) => ({
  firm_name: a.firmName,
  contacts: JSON.stringify(a.contacts),
  report_type: a.reportType,
  as_of_date: a.asOfDate,
  window_start: a.windowStart,
  window_end: a.windowEnd,
  phase: a.phase,
  firm_checklist: JSON.stringify(a.firmChecklist),
});

/** Audits, and the memberships limited to one of them; always within one organization. */
export function auditsRepo(db: Kysely<DB>): Repositories['audits'] {
  return {
    async insert(scope, audit) {
      await db
        .insertInto('audits')
        .values({ id: audit.id, org_id: scope.orgId, ...columns(audit), version: audit.version })
        .execute();
    },
    async list(scope) {
      const rows = await db
        .selectFrom('audits')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toAudit);
    },
    async find(scope, id) {
      const row = await db
        .selectFrom('audits')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toAudit(row) : null;
    },
    async update(scope, audit, expectedVersion, at) {
      const result = await db
        .updateTable('audits')
        .set((eb) => ({ ...columns(audit), updated_at: at, version: eb('version', '+', 1) }))
        .where('org_id', '=', scope.orgId)
        .where('id', '=', audit.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async findForMember(scope, userId) {
      const row = await db
        .selectFrom('memberships')
        .innerJoin('audits', (join) =>
          join
            .onRef('audits.org_id', '=', 'memberships.org_id')
            .onRef('audits.id', '=', 'memberships.audit_id'),
        )
        .selectAll('audits')
        .where('memberships.org_id', '=', scope.orgId)
        .where('memberships.user_id', '=', userId)
        .executeTakeFirst();
      return row ? toAudit(row) : null;
    },
    async limitMember(scope, userId, auditId) {
      await db
        .updateTable('memberships')
        .set({ audit_id: auditId })
        .where('org_id', '=', scope.orgId)
        .where('user_id', '=', userId)
        .where('role', '=', 'auditor')
        .execute();
    },
    async listAuditors(scope, auditId) {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['memberships.user_id as userId', 'users.email', 'memberships.role'])
        .where('memberships.org_id', '=', scope.orgId)
        .where('memberships.audit_id', '=', auditId)
        .orderBy('users.email')
        .execute();
      return rows.map((r) => ({ ...r, role: r.role as TMemberRole }));
    },
  };
}
