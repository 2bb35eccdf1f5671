import type { Kysely } from 'kysely';
import type { Repositories, TCustomTest } from '../../../app/ports.ts';
import type { TSeverity } from '../../../domain/monitoring/model.ts';
import type { DB } from '../schema.ts';

const COLUMNS = [
  'test_id',
  'title',
  'resource_type',
  'expression',
  'severity',
  'controls',
  'rationale',
  'remediation',
  'created_by',
  'created_at',
] as const;

type Row = {
  test_id: string;
  title: string;
  resource_type: string;
  expression: string;
  severity: string;
  controls: string[];
  rationale: string;
  remediation: string;
  created_by: string;
  created_at: Date;
};

const toCustomTest = (r: Row): TCustomTest => ({
  id: r.test_id,
  title: r.title,
  resourceType: r.resource_type,
  expression: r.expression,
  severity: r.severity as TSeverity,
  controls: r.controls,
  rationale: r.rationale,
  remediation: r.remediation,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export function customTestsRepo(db: Kysely<DB>): Repositories['customTests'] {
  return {
    async list(scope) {
      const rows = await db
        .selectFrom('custom_tests')
        .select(COLUMNS)
        .where('org_id', '=', scope.orgId)
        .orderBy('test_id')
        .execute();
      return rows.map(toCustomTest);
    },
    async find(scope, testId) {
      const row = await db
        .selectFrom('custom_tests')
        .select(COLUMNS)
        .where('org_id', '=', scope.orgId)
        .where('test_id', '=', testId)
        .executeTakeFirst();
      return row ? toCustomTest(row) : null;
    },
    async save(scope, t) {
      const changed = {
        title: t.title,
        resource_type: t.resourceType,
        expression: t.expression,
        severity: t.severity,
        controls: t.controls,
        rationale: t.rationale,
        remediation: t.remediation,
      };
      await db
        .insertInto('custom_tests')
        .values({
          id: t.rowId,
          org_id: scope.orgId,
          test_id: t.id,
          ...changed,
          created_by: t.createdBy,
          created_at: t.createdAt,
        })
        .onConflict((oc) => oc.columns(['org_id', 'test_id']).doUpdateSet(changed))
        .execute();
    },
    async remove(scope, testId) {
      const result = await db
        .deleteFrom('custom_tests')
        .where('org_id', '=', scope.orgId)
        .where('test_id', '=', testId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
