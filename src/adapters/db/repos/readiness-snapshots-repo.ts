import type { Kysely } from 'kysely';
import type { Repositories, TReadinessSnapshot } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

/** One readiness row per organization and day; a later write the same day replaces the earlier one. */
export function readinessSnapshotsRepo(db: Kysely<DB>): Repositories['readinessSnapshots'] {
  return {
    async upsert(scope, snapshot, at) {
      const values = {
        overall_score: snapshot.overall,
        category_scores: JSON.stringify(snapshot.categories),
        counts: JSON.stringify(snapshot.counts),
        recorded_at: at,
      };
      await db
        .insertInto('readiness_snapshots')
        .values({ org_id: scope.orgId, day: snapshot.day, ...values })
        .onConflict((oc) => oc.columns(['org_id', 'day']).doUpdateSet(values))
        .execute();
    },
    async listSince(scope, fromDay) {
      const rows = await db
        .selectFrom('readiness_snapshots')
        .select(['day', 'overall_score', 'category_scores', 'counts'])
        .where('org_id', '=', scope.orgId)
        .where('day', '>=', fromDay)
        .orderBy('day')
        .execute();
      return rows.map(
        (r): TReadinessSnapshot => ({
          day: r.day,
          overall: r.overall_score,
          categories: r.category_scores,
          counts: r.counts as TReadinessSnapshot['counts'],
        }),
      );
    },
  };
}
