import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  AccessReviewsRepo,
  TAccessReviewCampaign,
  TAccessReviewItem,
} from '../../../app/access-reviews/access-review-ports.ts';
import type {
  TAccountStatus,
  TCampaignStatus,
  TReviewDecision,
  TRevocationState,
} from '../../../domain/access-review/campaign.ts';
import type { TSnapshotSource } from '../../../domain/access-review/snapshot.ts';
import type { AccessReviewCampaignsTable, AccessReviewItemsTable, DB } from '../schema.ts';

/** Rows per INSERT: a system of thousands of accounts is frozen in a few statements. */
const BATCH = 500;

const toCampaign = (r: Selectable<AccessReviewCampaignsTable>): TAccessReviewCampaign => ({
  id: r.id,
  version: r.version,
  integrationId: r.integration_id,
  systemId: r.system_id,
  systemName: r.system_name,
  systemType: r.system_type,
  title: r.title,
  status: r.status as TCampaignStatus,
  dueDate: r.due_date,
  reviewerUserIds: r.reviewer_user_ids,
  frozenAt: r.frozen_at,
  sources: r.sources as TSnapshotSource[],
  snapshotSha256: r.snapshot_sha256,
  snapshotBlobKey: r.snapshot_blob_key,
  accounts: r.accounts,
  startedBy: r.started_by,
  completedAt: r.completed_at,
  completedBy: r.completed_by,
  evidenceId: r.evidence_id,
});

const toItem = (r: Selectable<AccessReviewItemsTable>): TAccessReviewItem => ({
  id: r.id,
  campaignId: r.campaign_id,
  position: r.position,
  resourceType: r.resource_type,
  accountId: r.account_id,
  name: r.name,
  email: r.email,
  status: r.account_status as TAccountStatus,
  lastLogin: r.last_login,
  privileges: r.privileges,
  decision: r.decision as TReviewDecision | null,
  comment: r.comment,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  taskId: r.task_id,
  verification: r.verification as TRevocationState | null,
  verificationNote: r.verification_note,
  verifiedAt: r.verified_at,
});

/** Access review campaigns, their frozen accounts and each system's schedule, always within one organization. */
export function accessReviewsRepo(db: Kysely<DB>): AccessReviewsRepo {
  return {
    async insertCampaign(scope, c, items) {
      await db
        .insertInto('access_review_campaigns')
        .values({
          id: c.id,
          org_id: scope.orgId,
          integration_id: c.integrationId,
          system_id: c.systemId,
          system_name: c.systemName,
          system_type: c.systemType,
          title: c.title,
          status: c.status,
          due_date: c.dueDate,
          reviewer_user_ids: JSON.stringify(c.reviewerUserIds),
          frozen_at: c.frozenAt,
          sources: JSON.stringify(c.sources),
          snapshot_sha256: c.snapshotSha256,
          snapshot_blob_key: c.snapshotBlobKey,
          accounts: c.accounts,
          started_by: c.startedBy,
          completed_at: c.completedAt,
          completed_by: c.completedBy,
          evidence_id: c.evidenceId,
        })
        .execute();
      for (let i = 0; i < items.length; i += BATCH) {
        await db
          .insertInto('access_review_items')
          .values(
            items.slice(i, i + BATCH).map((item) => ({
              id: item.id,
              org_id: scope.orgId,
              campaign_id: c.id,
              position: item.position,
              resource_type: item.resourceType,
              account_id: item.accountId,
              name: item.name,
              email: item.email,
              account_status: item.status,
              last_login: item.lastLogin,
              privileges: JSON.stringify(item.privileges),
              decision: item.decision,
              comment: item.comment,
              decided_by: item.decidedBy,
              decided_at: item.decidedAt,
              task_id: item.taskId,
              verification: item.verification,
              verification_note: item.verificationNote,
              verified_at: item.verifiedAt,
            })),
          )
          .execute();
      }
    },

    async listCampaigns(scope) {
      const rows = await db
        .selectFrom('access_review_campaigns')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy('frozen_at', 'desc')
        .orderBy('id')
        .execute();
      const counts = await db
        .selectFrom('access_review_items')
        .select([
          'campaign_id',
          sql<string>`count(*) filter (where decision is not null)`.as('decided'),
          sql<string>`count(*) filter (where decision = 'keep')`.as('kept'),
          sql<string>`count(*) filter (where decision = 'revoke')`.as('revoked'),
          sql<string>`count(*) filter (where verification = 'verified')`.as('verified'),
          sql<string>`count(*) filter (where verification = 'flagged')`.as('flagged'),
        ])
        .where('org_id', '=', scope.orgId)
        .groupBy('campaign_id')
        .execute();
      const byCampaign = new Map(counts.map((c) => [c.campaign_id, c]));
      return rows.map((r) => {
        const c = byCampaign.get(r.id);
        return {
          ...toCampaign(r),
          progress: {
            decided: Number(c?.decided ?? 0),
            kept: Number(c?.kept ?? 0),
            revoked: Number(c?.revoked ?? 0),
            verified: Number(c?.verified ?? 0),
            flagged: Number(c?.flagged ?? 0),
          },
        };
      });
    },

    async findCampaign(scope, id, options = {}) {
      let query = db
        .selectFrom('access_review_campaigns')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id);
      if (options.forUpdate) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row ? toCampaign(row) : null;
    },

    async findOpenCampaign(scope, integrationId) {
      const row = await db
        .selectFrom('access_review_campaigns')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('integration_id', '=', integrationId)
        .where('status', '=', 'in_progress')
        .executeTakeFirst();
      return row ? toCampaign(row) : null;
    },

    async listItems(scope, campaignId) {
      const rows = await db
        .selectFrom('access_review_items')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('campaign_id', '=', campaignId)
        .orderBy('position')
        .execute();
      return rows.map(toItem);
    },

    async findItem(scope, campaignId, itemId) {
      const row = await db
        .selectFrom('access_review_items')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('campaign_id', '=', campaignId)
        .where('id', '=', itemId)
        .executeTakeFirst();
      return row ? toItem(row) : null;
    },

    async decideItem(scope, itemId, d) {
      const result = await db
        .updateTable('access_review_items')
        .set({
          decision: d.decision,
          comment: d.comment,
          decided_by: d.decidedBy,
          decided_at: d.decidedAt,
          task_id: d.taskId,
          verification: d.verification,
          verification_note: d.verificationNote,
        })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', itemId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async completeCampaign(scope, id, completion) {
      const result = await db
        .updateTable('access_review_campaigns')
        .set((eb) => ({
          status: 'completed',
          completed_at: completion.completedAt,
          completed_by: completion.completedBy,
          evidence_id: completion.evidenceId,
          version: eb('version', '+', 1),
        }))
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .where('status', '=', 'in_progress')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async listOpenRevocations(scope, integrationId) {
      const rows = await db
        .selectFrom('access_review_items as i')
        .innerJoin('access_review_campaigns as c', (join) =>
          join.onRef('c.org_id', '=', 'i.org_id').onRef('c.id', '=', 'i.campaign_id'),
        )
        .selectAll('i')
        .where('i.org_id', '=', scope.orgId)
        .where('c.integration_id', '=', integrationId)
        .where('i.verification', 'in', ['pending', 'flagged'])
        .orderBy('i.decided_at')
        .orderBy('i.id')
        .execute();
      return rows.map(toItem);
    },

    async setVerification(scope, itemId, v) {
      await db
        .updateTable('access_review_items')
        .set({
          verification: v.state,
          verification_note: v.note,
          verified_at: v.at,
          verified_run_id: v.runId,
        })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', itemId)
        .execute();
    },

    async accountSystems(scope, resourceTypes) {
      if (resourceTypes.length === 0) return [];
      const rows = await db
        .selectFrom('test_states')
        .select(['integration_id', 'resource_type', sql<string>`count(distinct resource_id)`.as('accounts')])
        .where('org_id', '=', scope.orgId)
        .where('resource_type', 'in', [...resourceTypes])
        .groupBy(['integration_id', 'resource_type'])
        .orderBy('integration_id')
        .orderBy('resource_type')
        .execute();
      return rows.map((r) => ({
        integrationId: r.integration_id,
        resourceType: r.resource_type,
        accounts: Number(r.accounts),
      }));
    },

    async listSchedules(scope) {
      const rows = await db
        .selectFrom('access_review_schedules')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .execute();
      return rows.map((r) => ({
        integrationId: r.integration_id,
        cadenceMonths: r.cadence_months,
        nextDue: r.next_due,
      }));
    },

    async saveSchedule(scope, s, at) {
      await db
        .insertInto('access_review_schedules')
        .values({
          org_id: scope.orgId,
          integration_id: s.integrationId,
          cadence_months: s.cadenceMonths,
          next_due: s.nextDue,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc
            .columns(['org_id', 'integration_id'])
            .doUpdateSet({ cadence_months: s.cadenceMonths, next_due: s.nextDue, updated_at: at }),
        )
        .execute();
    },
  };
}
