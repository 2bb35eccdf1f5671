import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type {
  TAccessReviewCampaign,
  TAccessReviewItem,
  TAccessReviewSummary,
} from '../../../app/access-reviews/access-review-ports.ts';
import { completeAccessReview } from '../../../app/access-reviews/complete-access-review.ts';
import { decideAccessReviewItem } from '../../../app/access-reviews/decide-access-review-item.ts';
import { getAccessReview } from '../../../app/access-reviews/get-access-review.ts';
import { listAccessReviewSystems } from '../../../app/access-reviews/list-access-review-systems.ts';
import type { TReviewer } from '../../../app/access-reviews/review-roles.ts';
import { scheduleAccessReviews } from '../../../app/access-reviews/schedule-access-reviews.ts';
import { startAccessReview } from '../../../app/access-reviews/start-access-review.ts';
import type { AppDeps, OrgScope, TTask } from '../../../app/ports.ts';
import {
  ACCOUNT_STATUSES,
  CAMPAIGN_STATUSES,
  REVIEW_DECISIONS,
  REVOCATION_STATES,
} from '../../../domain/access-review/campaign.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { orgOf, principalOf } from '../access.ts';
import { ERRORS, page, paged, ZIsoDate, ZOrgParams, ZPage } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

// User access reviews (CC6.2, CC6.3): the systems with accounts and when each is due, campaigns that freeze
// a system's accounts, keep or revoke decisions, and completion into evidence.

const ZProgress = z.object({
  decided: z.number().int(),
  kept: z.number().int(),
  revoked: z.number().int(),
  verified: z.number().int(),
  flagged: z.number().int(),
});

const ZCampaign = z.object({
  id: z.string(),
  title: z.string(),
  /** The integration reviewed; null once it was deleted. */
  integrationId: z.string().nullable(),
  systemName: z.string(),
  systemType: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  dueDate: z.string(),
  reviewerEmails: z.array(z.string()),
  /** When the accounts were frozen (ISO 8601). */
  frozenAt: z.string(),
  accounts: z.number().int(),
  /** SHA-256 of the frozen snapshot's canonical JSON. */
  snapshotSha256: z.string(),
  startedBy: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  /** The evidence the completed review became. */
  evidenceId: z.string().nullable(),
  progress: ZProgress,
});

const ZItem = z.object({
  id: z.string(),
  resourceType: z.string(),
  accountId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  lastLogin: z.string().nullable(),
  privileges: z.object({ roles: z.array(z.string()), groups: z.array(z.string()), privileged: z.boolean() }),
  decision: z.enum(REVIEW_DECISIONS).nullable(),
  comment: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The removal task of a revoked account. */
  task: z
    .object({
      id: z.string(),
      title: z.string(),
      status: z.enum(['todo', 'in_progress', 'done']),
      dueDate: z.string().nullable(),
      assigneeEmail: z.string().nullable(),
    })
    .nullable(),
  verification: z.enum(REVOCATION_STATES).nullable(),
  verificationNote: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});

const ZCampaignDetail = ZCampaign.extend({
  sources: z.array(
    z.object({
      resourceType: z.string(),
      runId: z.string(),
      collectedAt: z.string(),
      runSnapshotSha256: z.string().nullable(),
    }),
  ),
  /** The stored snapshot file has its hash, and the stored accounts rebuild it exactly. */
  integrity: z.object({ fileMatches: z.boolean(), rowsMatch: z.boolean() }),
  items: z.array(ZItem),
});

const ZSystem = z.object({
  integrationId: z.string(),
  name: z.string(),
  type: z.string(),
  accountTypes: z.array(z.string()),
  accounts: z.number().int(),
  cadenceMonths: z.number().int(),
  /** null: never reviewed, so a review is due now. */
  nextDue: z.string().nullable(),
  due: z.enum(['overdue', 'due', 'scheduled']),
  lastCampaign: ZCampaign.nullable(),
  openCampaignId: z.string().nullable(),
});

const ZCampaignParams = ZOrgParams.extend({ id: z.uuid() });

function progressOf(items: readonly TAccessReviewItem[]): TAccessReviewSummary['progress'] {
  return {
    decided: items.filter((i) => i.decision !== null).length,
    kept: items.filter((i) => i.decision === 'keep').length,
    revoked: items.filter((i) => i.decision === 'revoke').length,
    verified: items.filter((i) => i.verification === 'verified').length,
    flagged: items.filter((i) => i.verification === 'flagged').length,
  };
}

/** Shows campaigns as the API does: reviewers by email, times as ISO 8601, no storage key. */
async function campaignViewer(deps: AppDeps, scope: OrgScope) {
  const members = await deps.store.repos.memberships.list(scope);
  const emailOf = (userId: string | null) => members.find((m) => m.userId === userId)?.email ?? null;
  const view = (c: TAccessReviewCampaign, progress: TAccessReviewSummary['progress']) => ({
    id: c.id,
    title: c.title,
    integrationId: c.integrationId,
    systemName: c.systemName,
    systemType: c.systemType,
    status: c.status,
    dueDate: c.dueDate,
    reviewerEmails: c.reviewerUserIds.map((u) => emailOf(u) ?? u),
    frozenAt: c.frozenAt.toISOString(),
    accounts: c.accounts,
    snapshotSha256: c.snapshotSha256,
    startedBy: c.startedBy,
    completedAt: c.completedAt ? c.completedAt.toISOString() : null,
    completedBy: c.completedBy,
    evidenceId: c.evidenceId,
    progress,
  });
  const item = (i: TAccessReviewItem, task: TTask | undefined) => ({
    id: i.id,
    resourceType: i.resourceType,
    accountId: i.accountId,
    name: i.name,
    email: i.email,
    status: i.status,
    lastLogin: i.lastLogin,
    privileges: i.privileges,
    decision: i.decision,
    comment: i.comment,
    decidedBy: i.decidedBy,
    decidedAt: i.decidedAt ? i.decidedAt.toISOString() : null,
    task: task
      ? {
          id: task.id,
          title: task.title,
          status: task.status,
          dueDate: task.dueDate,
          assigneeEmail: emailOf(task.assigneeUserId),
        }
      : null,
    verification: i.verification,
    verificationNote: i.verificationNote,
    verifiedAt: i.verifiedAt ? i.verifiedAt.toISOString() : null,
  });
  return { view, item };
}

async function detailView(deps: AppDeps, scope: OrgScope, id: string) {
  const detail = await getAccessReview(deps, scope, id);
  const { view, item } = await campaignViewer(deps, scope);
  return {
    ...view(detail.campaign, progressOf(detail.items)),
    sources: detail.campaign.sources,
    integrity: detail.integrity,
    items: detail.items.map((i) => item(i, i.taskId ? detail.tasks.get(i.taskId) : undefined)),
  };
}

function reviewerOf(request: FastifyRequest): TReviewer {
  const principal = principalOf(request);
  return { userId: principal.kind === 'session' ? principal.user.id : null, role: orgOf(request).role };
}

export function registerAccessReviewRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/access-reviews/systems',
    {
      config: { access: { kind: 'org', permission: 'access_reviews:read' } },
      schema: {
        summary: 'The systems with accounts to review, when each is next due, and its latest review',
        tags: ['access reviews'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZSystem) }), ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const systems = await listAccessReviewSystems(request.deps, scope);
      const { view } = await campaignViewer(request.deps, scope);
      return {
        items: systems.map((s) => ({
          ...s,
          lastCampaign: s.lastCampaign ? view(s.lastCampaign, s.lastCampaign.progress) : null,
        })),
      };
    },
  );

  app.put(
    '/api/v1/orgs/:org/access-reviews/systems/:id',
    {
      config: { access: { kind: 'org', permission: 'access_reviews:write' } },
      schema: {
        summary: "Set how often a system's accounts are reviewed and when the next review is due",
        tags: ['access reviews'],
        params: ZCampaignParams,
        body: z.strictObject({ cadenceMonths: z.number().int().min(1).max(12), nextDue: ZIsoDate }),
        response: {
          200: z.object({ integrationId: z.string(), cadenceMonths: z.number().int(), nextDue: z.string() }),
          ...ERRORS,
        },
      },
    },
    async (request) =>
      scheduleAccessReviews(request.deps, orgOf(request).scope, request.params.id, request.body),
  );

  app.get(
    '/api/v1/orgs/:org/access-reviews',
    {
      config: { access: { kind: 'org', permission: 'access_reviews:read' } },
      schema: {
        summary: 'Access review campaigns, newest first, with their progress',
        tags: ['access reviews'],
        params: ZOrgParams,
        querystring: ZPage,
        response: { 200: paged(ZCampaign), ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const campaigns = await request.deps.store.repos.accessReviews.listCampaigns(scope);
      const { view } = await campaignViewer(request.deps, scope);
      return page(
        campaigns.map((c) => view(c, c.progress)),
        request.query,
      );
    },
  );

  app.post(
    '/api/v1/orgs/:org/access-reviews',
    {
      config: { access: { kind: 'org', permission: 'access_reviews:write' } },
      schema: {
        summary: 'Start a review of a system: its accounts as last collected are frozen and hashed',
        tags: ['access reviews'],
        params: ZOrgParams,
        body: z.strictObject({
          /** The integration's id or name. */
          system: z.string().min(1).max(100),
          dueDate: ZIsoDate.optional(),
          reviewerEmails: z.array(z.string().max(254)).max(20).optional(),
        }),
        response: { 201: ZCampaignDetail, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { scope } = orgOf(request);
      const campaign = await startAccessReview(request.deps, scope, request.body, reviewerOf(request));
      return reply.status(201).send(await detailView(request.deps, scope, campaign.id));
    },
  );

  app.get(
    '/api/v1/orgs/:org/access-reviews/:id',
    {
      config: { access: { kind: 'org', permission: 'access_reviews:read' } },
      schema: {
        summary: 'One review: its frozen accounts with their decisions, checked against the snapshot hash',
        tags: ['access reviews'],
        params: ZCampaignParams,
        response: { 200: ZCampaignDetail, ...ERRORS },
      },
    },
    async (request) => detailView(request.deps, orgOf(request).scope, request.params.id),
  );

  app.get(
    '/api/v1/orgs/:org/access-reviews/:id/snapshot',
    {
      config: { access: { kind: 'org', permission: 'access_reviews:read' } },
      schema: {
        summary: "Download a review's frozen snapshot (canonical JSON), with its SHA-256 in a header",
        tags: ['access reviews'],
        params: ZCampaignParams,
        response: { 200: z.any(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const campaign = await request.deps.store.repos.accessReviews.findCampaign(
        orgOf(request).scope,
        request.params.id,
      );
      if (!campaign) throw new AttestlyError('NOT_FOUND', 'no such access review');
      const bytes = await request.deps.blobs.get(campaign.snapshotBlobKey);
      return reply
        .header('content-type', 'application/json')
        .header('content-disposition', `attachment; filename="access-review-${campaign.id}-snapshot.json"`)
        .header('x-content-sha256', campaign.snapshotSha256)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(bytes));
    },
  );

  app.put(
    '/api/v1/orgs/:org/access-reviews/:id/items/:itemId',
    {
      config: { access: { kind: 'org', permission: 'access_reviews:write' } },
      schema: {
        summary: 'Keep or revoke one frozen account, with a comment; a revocation becomes a removal task',
        tags: ['access reviews'],
        params: ZCampaignParams.extend({ itemId: z.uuid() }),
        body: z.strictObject({
          decision: z.enum(REVIEW_DECISIONS),
          comment: z.string().max(2000).optional(),
          /** Who removes a revoked account (a member); by default the IT owner. */
          assigneeEmail: z.string().max(254).nullable().optional(),
        }),
        response: { 200: ZItem, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const { item } = await decideAccessReviewItem(
        request.deps,
        scope,
        reviewerOf(request),
        request.params.id,
        request.params.itemId,
        request.body,
      );
      const task = item.taskId ? await request.deps.store.repos.tasks.find(scope, item.taskId) : null;
      return (await campaignViewer(request.deps, scope)).item(item, task ?? undefined);
    },
  );

  app.post(
    '/api/v1/orgs/:org/access-reviews/:id/complete',
    {
      config: { access: { kind: 'org', permission: 'access_reviews:write' } },
      schema: {
        summary: 'Complete a review whose every account is decided: it becomes evidence for CC6.2 and CC6.3',
        tags: ['access reviews'],
        params: ZCampaignParams,
        response: { 200: ZCampaignDetail, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      await completeAccessReview(request.deps, scope, reviewerOf(request), request.params.id);
      return detailView(request.deps, scope, request.params.id);
    },
  );
}
