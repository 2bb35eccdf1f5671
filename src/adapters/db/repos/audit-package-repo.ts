import type { Kysely } from 'kysely';
import type { AuditPackageRepo } from '../../../app/audit-package/audit-package-ports.ts';
import type { TTransitionFacts } from '../../../domain/ledger.ts';
import type { DB } from '../schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function auditPackageRepo(db: Kysely<DB>): AuditPackageRepo {
  return {
    async runTransitions(scope, runIds) {
      const byRun = new Map<string, TTransitionFacts[]>();
      const ids = [...new Set(runIds)].filter((id) => UUID.test(id));
      if (ids.length === 0) return byRun;
      // Over test_transitions_run_idx (org_id, run_id, id).
      const rows = await db
        .selectFrom('test_transitions')
        .select(['run_id', 'test_id', 'resource_id', 'from_status', 'to_status', 'at'])
        .where('org_id', '=', scope.orgId)
        .where('run_id', 'in', ids)
        .orderBy('run_id')
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const facts = {
          testId: r.test_id,
          resourceId: r.resource_id,
          fromStatus: r.from_status,
          toStatus: r.to_status,
          at: r.at.toISOString(),
        };
        const list = byRun.get(r.run_id);
        if (list) list.push(facts);
        else byRun.set(r.run_id, [facts]);
      }
      return byRun;
    },
  };
}
