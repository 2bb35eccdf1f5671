import type { Kysely } from 'kysely';
import type { Repositories } from '../../../app/ports.ts';
import type { TCategoryId } from '../../../domain/catalog-types.ts';
import type { TComponentKind, TReportType } from '../../../domain/program.ts';
import type { DB } from '../schema.ts';

export function programsRepo(db: Kysely<DB>): Repositories['programs'] {
  return {
    async create(scope, program) {
      await db
        .insertInto('programs')
        .values({
          org_id: scope.orgId,
          report_type: program.reportType,
          as_of_date: program.asOf,
          window_start: program.window?.start ?? null,
          window_end: program.window?.end ?? null,
          categories: program.categories,
          component_kinds: program.componentKinds,
          updated_at: new Date(),
        })
        .execute();
    },
    async update(scope, program) {
      await db
        .updateTable('programs')
        .set({
          report_type: program.reportType,
          as_of_date: program.asOf,
          window_start: program.window?.start ?? null,
          window_end: program.window?.end ?? null,
          categories: program.categories,
          component_kinds: program.componentKinds,
          updated_at: new Date(),
        })
        .where('org_id', '=', scope.orgId)
        .execute();
    },
    async find(scope) {
      const row = await db
        .selectFrom('programs')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        reportType: row.report_type as TReportType,
        asOf: row.as_of_date,
        window: row.window_start && row.window_end ? { start: row.window_start, end: row.window_end } : null,
        categories: row.categories as TCategoryId[],
        componentKinds: row.component_kinds as TComponentKind[],
      };
    },
  };
}

export function componentsRepo(db: Kysely<DB>): Repositories['components'] {
  return {
    async add(scope, components) {
      if (components.length === 0) return;
      await db
        .insertInto('system_components')
        .values(components.map((c) => ({ id: c.id, org_id: scope.orgId, kind: c.kind, name: c.name })))
        .execute();
    },
    async list(scope) {
      const rows = await db
        .selectFrom('system_components')
        .select(['kind', 'name'])
        .where('org_id', '=', scope.orgId)
        .orderBy('kind')
        .orderBy('name')
        .execute();
      return rows.map((r) => ({ kind: r.kind as TComponentKind, name: r.name }));
    },
  };
}

export function exclusionsRepo(db: Kysely<DB>): Repositories['exclusions'] {
  return {
    async set(scope, criterionId, reason) {
      await db
        .insertInto('criterion_exclusions')
        .values({ org_id: scope.orgId, criterion_id: criterionId, reason })
        .onConflict((oc) => oc.columns(['org_id', 'criterion_id']).doUpdateSet({ reason }))
        .execute();
    },
    async remove(scope, criterionId) {
      const result = await db
        .deleteFrom('criterion_exclusions')
        .where('org_id', '=', scope.orgId)
        .where('criterion_id', '=', criterionId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async list(scope) {
      const rows = await db
        .selectFrom('criterion_exclusions')
        .select(['criterion_id', 'reason'])
        .where('org_id', '=', scope.orgId)
        .execute();
      return new Map(rows.map((r) => [r.criterion_id, r.reason]));
    },
  };
}
