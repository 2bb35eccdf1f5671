import { type Kysely, sql } from 'kysely';
import type { Repositories } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

export function policiesRepo(db: Kysely<DB>): Repositories['policies'] {
  return {
    async insert(scope, policy) {
      await db
        .insertInto('policies')
        .values({
          id: policy.id,
          org_id: scope.orgId,
          template_id: policy.templateId,
          title: policy.title,
          owner_role: policy.ownerRole,
          review_cadence: policy.reviewCadence,
        })
        .execute();
      await db
        .insertInto('policy_versions')
        .values({
          id: policy.versionId,
          org_id: scope.orgId,
          policy_id: policy.id,
          version: 1,
          body_markdown: policy.bodyMarkdown,
          sha256: policy.sha256,
          status: 'draft',
        })
        .execute();
      if (policy.controlIds.length > 0) {
        await db
          .insertInto('policy_controls')
          .values(
            policy.controlIds.map((control_id) => ({
              org_id: scope.orgId,
              policy_id: policy.id,
              control_id,
            })),
          )
          .execute();
      }
    },
    async list(scope) {
      const rows = await db
        .selectFrom('policies')
        .innerJoin('policy_versions', (join) =>
          join
            .onRef('policy_versions.policy_id', '=', 'policies.id')
            .onRef('policy_versions.org_id', '=', 'policies.org_id'),
        )
        .select([
          'policies.id',
          'policies.template_id',
          'policies.title',
          'policies.owner_role',
          'policy_versions.version',
          'policy_versions.status',
        ])
        .where('policies.org_id', '=', scope.orgId)
        .where(
          'policy_versions.version',
          '=',
          sql<number>`(SELECT max(v.version) FROM policy_versions v WHERE v.policy_id = policies.id AND v.org_id = policies.org_id)`,
        )
        .orderBy('policies.title')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        templateId: r.template_id,
        title: r.title,
        ownerRole: r.owner_role,
        latestVersion: r.version,
        latestStatus: r.status,
      }));
    },
  };
}
