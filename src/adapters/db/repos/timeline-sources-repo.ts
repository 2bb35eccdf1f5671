import { type Kysely, sql } from 'kysely';
import type { TimelineSourcesRepo } from '../../../app/audits/audit-testing-ports.ts';
import type { TOutcomeStatus } from '../../../domain/monitoring/model.ts';
import type { DB } from '../schema.ts';

// The control timelines' reads, each one query over the whole organization. Cost for a year of hourly
// runs: monitor_runs is grouped by day in the database (at most 365 rows per integration come back);
// test_transitions holds only changes, so a stable test × resource pair is one row however often it runs,
// and before the period only the latest row of each pair is read (DISTINCT ON over the org_id index).
// Measured: 10,000 stable pairs plus 100 pairs flapping twice a day for a year (83,000 transitions) over
// 120 controls build in about 0.3 s (domain/audit/timeline.ts); the queries return those rows once.

/** Reads for the control timelines, over the whole organization. */
export function timelineSourcesRepo(db: Kysely<DB>): TimelineSourcesRepo {
  return {
    async transitions(scope, range) {
      const result = await sql<{
        integration_id: string;
        test_id: string;
        resource_id: string;
        to_status: string | null;
        at: Date;
      }>`
        SELECT integration_id, test_id, resource_id, to_status, at, id FROM (
          SELECT DISTINCT ON (integration_id, test_id, resource_id)
                 integration_id, test_id, resource_id, to_status, at, id
            FROM test_transitions
           WHERE org_id = ${scope.orgId} AND at < ${range.from}
           ORDER BY integration_id, test_id, resource_id, at DESC, id DESC
        ) AS before_period
        UNION ALL
        SELECT integration_id, test_id, resource_id, to_status, at, id
          FROM test_transitions
         WHERE org_id = ${scope.orgId} AND at >= ${range.from} AND at <= ${range.to}
        ORDER BY at, id`.execute(db);
      return result.rows.map((r) => ({
        integrationId: r.integration_id,
        testId: r.test_id,
        resourceId: r.resource_id,
        toStatus: r.to_status as TOutcomeStatus | null,
        at: new Date(r.at),
      }));
    },
    async runDays(scope, range) {
      const day = sql<string>`to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
      const rows = await db
        .selectFrom('monitor_runs')
        .select(['integration_id', day.as('day')])
        .where('org_id', '=', scope.orgId)
        .where('status', '=', 'succeeded')
        .where('started_at', '>=', range.from)
        .where('started_at', '<=', range.to)
        .groupBy(['integration_id', day])
        .orderBy('integration_id')
        .orderBy(day)
        .execute();
      return rows.map((r) => ({ integrationId: r.integration_id, day: r.day }));
    },
    async evidenceValidity(scope) {
      const rows = await db
        .selectFrom('evidence_controls')
        .innerJoin('evidence', (join) =>
          join
            .onRef('evidence.id', '=', 'evidence_controls.evidence_id')
            .onRef('evidence.org_id', '=', 'evidence_controls.org_id'),
        )
        .innerJoin('controls', (join) =>
          join
            .onRef('controls.id', '=', 'evidence_controls.control_id')
            .onRef('controls.org_id', '=', 'evidence_controls.org_id'),
        )
        .select(['controls.code', 'evidence.valid_from', 'evidence.valid_until'])
        .where('evidence_controls.org_id', '=', scope.orgId)
        .orderBy('controls.code')
        .orderBy('evidence.valid_from')
        .execute();
      return rows.map((r) => ({ controlCode: r.code, validFrom: r.valid_from, validUntil: r.valid_until }));
    },
  };
}
