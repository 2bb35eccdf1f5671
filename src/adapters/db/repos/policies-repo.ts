import { type Kysely, sql } from 'kysely';
import type { Repositories, TPolicyVersionMeta } from '../../../app/ports.ts';
import { isPolicyVersionStatus, type TPolicyVersionStatus } from '../../../domain/policy-lifecycle.ts';
import type { DB } from '../schema.ts';

function statusOf(value: string): TPolicyVersionStatus {
  if (!isPolicyVersionStatus(value)) throw new Error(`unknown policy version status "${value}"`);
  return value;
}

export function policiesRepo(db: Kysely<DB>): Repositories['policies'] {
  function versions(orgId: string) {
    return db
      .selectFrom('policy_versions as v')
      .leftJoin('users as creator', 'creator.id', 'v.created_by')
      .leftJoin('users as approver', 'approver.id', 'v.approved_by')
      .leftJoin('users as publisher', 'publisher.id', 'v.published_by')
      .select([
        'v.id',
        'v.version',
        'v.status',
        'v.sha256',
        'v.created_at',
        'v.updated_at',
        'v.approved_at',
        'v.published_at',
        'creator.email as created_by_email',
        'approver.email as approved_by_email',
        'publisher.email as published_by_email',
      ])
      .where('v.org_id', '=', orgId);
  }
  type MetaRow = Awaited<ReturnType<ReturnType<typeof versions>['executeTakeFirstOrThrow']>>;
  const toMeta = (r: MetaRow): TPolicyVersionMeta => ({
    id: r.id,
    version: r.version,
    status: statusOf(r.status),
    sha256: r.sha256,
    createdBy: r.created_by_email,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    approvedBy: r.approved_by_email,
    approvedAt: r.approved_at,
    publishedBy: r.published_by_email,
    publishedAt: r.published_at,
  });

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
        .innerJoin('policy_versions as latest', (join) =>
          join.onRef('latest.policy_id', '=', 'policies.id').onRef('latest.org_id', '=', 'policies.org_id'),
        )
        .leftJoin('policy_versions as published', (join) =>
          join
            .onRef('published.policy_id', '=', 'policies.id')
            .onRef('published.org_id', '=', 'policies.org_id')
            .on('published.status', '=', 'published'),
        )
        .leftJoin('users as owner', 'owner.id', 'policies.owner_user_id')
        .select([
          'policies.id',
          'policies.template_id',
          'policies.title',
          'policies.owner_role',
          'policies.owner_user_id',
          'owner.email as owner_email',
          'latest.version',
          'latest.status',
          'published.version as published_version',
          'published.published_at',
          sql<
            number | string | null
          >`CASE WHEN published.id IS NULL THEN NULL ELSE (SELECT count(*) FROM policy_acceptances a WHERE a.org_id = published.org_id AND a.policy_version_id = published.id) END`.as(
            'acceptance_count',
          ),
        ])
        .where('policies.org_id', '=', scope.orgId)
        .where(
          'latest.version',
          '=',
          sql<number>`(SELECT max(v.version) FROM policy_versions v WHERE v.policy_id = policies.id AND v.org_id = policies.org_id)`,
        )
        .orderBy('policies.title')
        .orderBy('policies.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        templateId: r.template_id,
        title: r.title,
        ownerRole: r.owner_role,
        latestVersion: r.version,
        latestStatus: r.status,
        ownerUserId: r.owner_user_id,
        ownerEmail: r.owner_email,
        publishedVersion: r.published_version,
        publishedAt: r.published_at,
        acceptanceCount: r.acceptance_count === null ? null : Number(r.acceptance_count),
      }));
    },
    async find(scope, id, options = {}) {
      let query = db
        .selectFrom('policies')
        .leftJoin('users as owner', 'owner.id', 'policies.owner_user_id')
        .select([
          'policies.id',
          'policies.template_id',
          'policies.title',
          'policies.owner_role',
          'policies.owner_user_id',
          'policies.review_cadence',
          'owner.email as owner_email',
        ])
        .where('policies.org_id', '=', scope.orgId)
        .where('policies.id', '=', id);
      if (options.forUpdate) query = query.forUpdate('policies');
      const r = await query.executeTakeFirst();
      return r
        ? {
            id: r.id,
            templateId: r.template_id,
            title: r.title,
            ownerRole: r.owner_role,
            ownerUserId: r.owner_user_id,
            ownerEmail: r.owner_email,
            reviewCadence: r.review_cadence,
          }
        : null;
    },
    async listVersions(scope, policyId) {
      const rows = await versions(scope.orgId)
        .where('v.policy_id', '=', policyId)
        .orderBy('v.version')
        .execute();
      return rows.map(toMeta);
    },
    async findVersion(scope, policyId, version) {
      const row = await versions(scope.orgId)
        .select('v.body_markdown')
        .where('v.policy_id', '=', policyId)
        .where('v.version', '=', version)
        .executeTakeFirst();
      return row ? { ...toMeta(row), bodyMarkdown: row.body_markdown } : null;
    },
    async insertVersion(scope, version, createdBy, at) {
      await db
        .insertInto('policy_versions')
        .values({
          id: version.id,
          org_id: scope.orgId,
          policy_id: version.policyId,
          version: version.version,
          body_markdown: version.bodyMarkdown,
          sha256: version.sha256,
          status: 'draft',
          created_by: createdBy,
          created_at: at,
          updated_at: at,
        })
        .execute();
    },
    async updateDraft(scope, versionId, body, at) {
      const result = await db
        .updateTable('policy_versions')
        .set({ body_markdown: body.bodyMarkdown, sha256: body.sha256, updated_at: at })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', versionId)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async transition(scope, versionId, from, to, stamp) {
      const set =
        to === 'approved'
          ? { status: to, approved_by: stamp.userId, approved_at: stamp.at, updated_at: stamp.at }
          : to === 'published'
            ? { status: to, published_by: stamp.userId, published_at: stamp.at, updated_at: stamp.at }
            : { status: to, updated_at: stamp.at };
      const result = await db
        .updateTable('policy_versions')
        .set(set)
        .where('org_id', '=', scope.orgId)
        .where('id', '=', versionId)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async setOwner(scope, policyId, ownerUserId) {
      await db
        .updateTable('policies')
        .set({ owner_user_id: ownerUserId })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', policyId)
        .execute();
    },
    async accept(scope, acceptance) {
      const rows = await db
        .insertInto('policy_acceptances')
        .values({
          id: acceptance.id,
          org_id: scope.orgId,
          policy_version_id: acceptance.policyVersionId,
          user_id: acceptance.userId,
          accepted_at: acceptance.acceptedAt,
        })
        .onConflict((oc) => oc.columns(['policy_version_id', 'user_id']).doNothing())
        .returning('id')
        .execute();
      return rows.length === 1;
    },
    async findAcceptance(scope, policyVersionId, userId) {
      const row = await db
        .selectFrom('policy_acceptances')
        .select('accepted_at')
        .where('org_id', '=', scope.orgId)
        .where('policy_version_id', '=', policyVersionId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? { acceptedAt: row.accepted_at } : null;
    },
    async listAcceptances(scope, policyId) {
      const rows = await db
        .selectFrom('policy_acceptances as a')
        .innerJoin('policy_versions as v', (join) =>
          join.onRef('v.id', '=', 'a.policy_version_id').onRef('v.org_id', '=', 'a.org_id'),
        )
        .innerJoin('users as u', 'u.id', 'a.user_id')
        .select(['a.user_id', 'u.email', 'v.version', 'a.accepted_at'])
        .where('a.org_id', '=', scope.orgId)
        .where('v.policy_id', '=', policyId)
        .orderBy('a.accepted_at', 'desc')
        .orderBy('u.email')
        .execute();
      return rows.map((r) => ({
        userId: r.user_id,
        email: r.email,
        version: r.version,
        acceptedAt: r.accepted_at,
      }));
    },
    async listUnaccepted(scope, userId) {
      const rows = await db
        .selectFrom('policy_versions as v')
        .innerJoin('policies as p', (join) =>
          join.onRef('p.id', '=', 'v.policy_id').onRef('p.org_id', '=', 'v.org_id'),
        )
        .select(['p.id', 'p.title', 'v.version', 'v.sha256', 'v.published_at'])
        .where('v.org_id', '=', scope.orgId)
        .where('v.status', '=', 'published')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('policy_acceptances as a')
                .select('a.id')
                .whereRef('a.policy_version_id', '=', 'v.id')
                .whereRef('a.org_id', '=', 'v.org_id')
                .where('a.user_id', '=', userId),
            ),
          ),
        )
        .orderBy('p.title')
        .orderBy('p.id')
        .execute();
      return rows.map((r) => ({
        policyId: r.id,
        title: r.title,
        version: r.version,
        sha256: r.sha256,
        publishedAt: r.published_at ?? new Date(0),
      }));
    },
  };
}
