import type { Kysely } from 'kysely';
import type { SamplesRepo, SamplingSettingsRepo } from '../../../app/audits/audit-testing-ports.ts';
import type { TSamplingOverrides } from '../../../domain/audit/sampling.ts';
import type { DB } from '../schema.ts';

/** Samples drawn in an audit: each with its seed and the digest of the population it came from. */
export function samplesRepo(db: Kysely<DB>): SamplesRepo {
  return {
    async insert(scope, auditId, sample) {
      await db
        .insertInto('samples')
        .values({
          id: sample.id,
          org_id: scope.orgId,
          audit_id: auditId,
          control_code: sample.controlCode,
          kind: sample.kind,
          seed: sample.seed,
          size: sample.size,
          population_count: sample.populationCount,
          population_digest: sample.populationDigest,
          item_ids: JSON.stringify(sample.itemIds),
          drawn_by: sample.drawnBy,
          drawn_at: sample.drawnAt,
        })
        .execute();
    },
    async list(scope, auditId) {
      const rows = await db
        .selectFrom('samples')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('audit_id', '=', auditId)
        .orderBy('drawn_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        controlCode: r.control_code,
        kind: r.kind,
        seed: r.seed,
        size: r.size,
        populationCount: r.population_count,
        populationDigest: r.population_digest,
        itemIds: r.item_ids,
        drawnBy: r.drawn_by,
        drawnAt: r.drawn_at,
      }));
    },
  };
}

/** An organization's own sample sizes per control frequency. */
export function samplingSettingsRepo(db: Kysely<DB>): SamplingSettingsRepo {
  return {
    async find(scope) {
      const row = await db
        .selectFrom('sampling_settings')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .executeTakeFirst();
      return row
        ? { sizes: row.sizes as TSamplingOverrides, updatedBy: row.updated_by, updatedAt: row.updated_at }
        : null;
    },
    async save(scope, settings) {
      const values = {
        sizes: JSON.stringify(settings.sizes),
        updated_by: settings.updatedBy,
        updated_at: settings.updatedAt,
      };
      await db
        .insertInto('sampling_settings')
        .values({ org_id: scope.orgId, ...values })
        .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
        .execute();
    },
  };
}
