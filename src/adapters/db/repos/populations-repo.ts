import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  PopulationsRepo,
  TPopulationItemInput,
  TPopulationSummary,
  TStoredPopulationItem,
} from '../../../app/audits/audit-testing-ports.ts';
import type { TPopulationKind, TPopulationSourceKind } from '../../../domain/audit/populations.ts';
import type { DB, PopulationItemsTable } from '../schema.ts';

const BATCH = 500;

const toItem = (r: Selectable<PopulationItemsTable>): TStoredPopulationItem => ({
  id: r.id,
  kind: r.kind as TPopulationKind,
  externalId: r.external_id,
  occurredAt: r.occurred_at,
  title: r.title,
  attributes: r.attributes,
  source: { kind: r.source_kind as TPopulationSourceKind, ref: r.source_ref, collectedAt: r.collected_at },
});

/** Population items, kept whole: upserted by (kind, external id), never deleted by a later collection. */
export function populationsRepo(db: Kysely<DB>): PopulationsRepo {
  return {
    async upsert(scope, items) {
      // One row per key: PostgreSQL refuses to update the same row twice in one statement.
      const unique = new Map<string, TPopulationItemInput>();
      for (const item of items) unique.set(`${item.kind}\u0000${item.externalId}`, item);
      let changed = 0;
      const all = [...unique.values()];
      for (let i = 0; i < all.length; i += BATCH) {
        const result = await db
          .insertInto('population_items')
          .values(
            all.slice(i, i + BATCH).map((item) => ({
              id: sql<string>`gen_random_uuid()`,
              org_id: scope.orgId,
              kind: item.kind,
              external_id: item.externalId,
              occurred_at: item.occurredAt,
              title: item.title,
              attributes: JSON.stringify(item.attributes),
              source_kind: item.source.kind,
              source_ref: item.source.ref,
              collected_at: item.source.collectedAt,
            })),
          )
          .onConflict((oc) =>
            oc
              .columns(['org_id', 'kind', 'external_id'])
              .doUpdateSet((eb) => ({
                occurred_at: eb.ref('excluded.occurred_at'),
                title: eb.ref('excluded.title'),
                attributes: eb.ref('excluded.attributes'),
                source_kind: eb.ref('excluded.source_kind'),
                source_ref: eb.ref('excluded.source_ref'),
                collected_at: eb.ref('excluded.collected_at'),
              }))
              // An item collected again unchanged keeps its first collection as its provenance.
              .where((eb) =>
                eb.or([
                  eb('population_items.occurred_at', 'is distinct from', eb.ref('excluded.occurred_at')),
                  eb('population_items.title', 'is distinct from', eb.ref('excluded.title')),
                  eb('population_items.attributes', 'is distinct from', eb.ref('excluded.attributes')),
                  eb('population_items.source_kind', 'is distinct from', eb.ref('excluded.source_kind')),
                  eb('population_items.source_ref', 'is distinct from', eb.ref('excluded.source_ref')),
                ]),
              ),
          )
          .executeTakeFirst();
        changed += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      return changed;
    },
    async list(scope, kind, range) {
      const rows = await db
        .selectFrom('population_items')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('kind', '=', kind)
        .where('occurred_at', '>=', range.from)
        .where('occurred_at', '<=', range.to)
        .orderBy('occurred_at')
        .orderBy('external_id')
        .execute();
      return rows.map(toItem);
    },
    async summarize(scope, range) {
      const rows = await db
        .selectFrom('population_items')
        .select(['kind', 'source_kind', 'source_ref'])
        .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('collected_at').as('last')])
        .where('org_id', '=', scope.orgId)
        .where('occurred_at', '>=', range.from)
        .where('occurred_at', '<=', range.to)
        .groupBy(['kind', 'source_kind', 'source_ref'])
        .orderBy('kind')
        .orderBy('source_kind')
        .orderBy('source_ref')
        .execute();
      const out = new Map<string, TPopulationSummary>();
      for (const row of rows) {
        const summary = out.get(row.kind) ?? { kind: row.kind, count: 0, sources: [] };
        const count = Number(row.count);
        summary.count += count;
        summary.sources.push({
          kind: row.source_kind as TPopulationSourceKind,
          ref: row.source_ref,
          count,
          lastCollectedAt: new Date(row.last),
        });
        out.set(row.kind, summary);
      }
      return [...out.values()];
    },
    async findByExternalIds(scope, kind, externalIds) {
      if (externalIds.length === 0) return [];
      const rows = await db
        .selectFrom('population_items')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('kind', '=', kind)
        .where('external_id', 'in', externalIds)
        .orderBy('external_id')
        .execute();
      return rows.map(toItem);
    },
  };
}
