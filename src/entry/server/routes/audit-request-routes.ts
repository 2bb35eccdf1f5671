import { z } from 'zod';
import { attachRequestEvidence } from '../../../app/audits/attach-request-evidence.ts';
import { getAudit } from '../../../app/audits/audit-input.ts';
import { commentOnRequest } from '../../../app/audits/comment-on-request.ts';
import { createAuditRequest } from '../../../app/audits/create-audit-request.ts';
import { importRequestList } from '../../../app/audits/import-request-list.ts';
import { reviewAuditRequest } from '../../../app/audits/review-audit-request.ts';
import { scheduleWalkthrough } from '../../../app/audits/schedule-walkthrough.ts';
import type { AppDeps, OrgScope } from '../../../app/ports.ts';
import { REQUEST_STATUSES, type TAuditRequest } from '../../../domain/audit/audit-request.ts';
import { orgOf } from '../access.ts';
import { ERRORS, page, paged, ZIsoDate, ZPage } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { ZAuditParams } from './audit-routes.ts';

// The firm's requests in an audit: created one by one or imported as a list, answered with evidence,
// discussed in comments, accepted or flagged by the auditor, and walked through in meetings.

const ZComment = z.object({ id: z.string(), author: z.string(), body: z.string(), createdAt: z.date() });
const ZWalkthrough = z.object({
  id: z.string(),
  scheduledAt: z.date(),
  attendees: z.array(z.string()),
  notes: z.string(),
  createdBy: z.string(),
  createdAt: z.date(),
});

const ZRequest = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  description: z.string(),
  controlCode: z.string().nullable(),
  criterionId: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES),
  /** Why the auditor flagged it, while it is flagged. */
  flagReason: z.string().nullable(),
  evidenceIds: z.array(z.string()),
  evidence: z.array(z.object({ id: z.string(), title: z.string(), fileName: z.string() })),
  comments: z.array(ZComment),
  walkthroughs: z.array(ZWalkthrough),
});

const ZRequestParams = ZAuditParams.extend({ requestId: z.uuid() });

/** Shows requests with their evidence named, their comment threads and their walkthroughs. */
async function requestViewer(deps: AppDeps, scope: OrgScope, auditId: string) {
  const { repos } = deps.store;
  const [evidence, comments, walkthroughs] = await Promise.all([
    repos.evidence.list(scope),
    repos.auditRequests.listComments(scope, auditId),
    repos.auditRequests.listWalkthroughs(scope, auditId),
  ]);
  const byId = new Map(evidence.map((e) => [e.id, { id: e.id, title: e.title, fileName: e.fileName }]));
  return (r: TAuditRequest) => ({
    ...r,
    evidence: r.evidenceIds.flatMap((id) => byId.get(id) ?? []),
    comments: comments.filter((c) => c.requestId === r.id).map(({ requestId: _r, ...c }) => c),
    walkthroughs: walkthroughs.filter((w) => w.requestId === r.id).map(({ requestId: _r, ...w }) => w),
  });
}

export function registerAuditRequestRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/audits/:auditId/requests',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary: "An audit's requests by reference, with evidence, comments and walkthroughs",
        tags: ['audits'],
        params: ZAuditParams,
        querystring: ZPage,
        response: { 200: paged(ZRequest), ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const { auditId } = request.params;
      await getAudit(request.deps.store.repos, scope, auditId, request.auditScope);
      const requests = await request.deps.store.repos.auditRequests.list(scope, auditId);
      return page(requests.map(await requestViewer(request.deps, scope, auditId)), request.query);
    },
  );

  app.post(
    '/api/v1/orgs/:org/audits/:auditId/requests',
    {
      config: { access: { kind: 'org', permission: 'audits:review' } },
      schema: {
        summary: 'Add a request to the audit (without a reference it gets the next R-NNN)',
        tags: ['audits'],
        params: ZAuditParams,
        body: z.strictObject({
          ref: z.string().max(40).optional(),
          title: z.string().max(300),
          description: z.string().max(10_000).optional(),
          controlCode: z.string().max(40).nullable().optional(),
          criterionId: z.string().max(20).nullable().optional(),
          dueDate: ZIsoDate.nullable().optional(),
        }),
        response: { 201: ZRequest, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { scope } = orgOf(request);
      const { auditId } = request.params;
      const created = await createAuditRequest(
        request.deps,
        scope,
        auditId,
        request.body,
        request.auditScope,
      );
      return reply.status(201).send((await requestViewer(request.deps, scope, auditId))(created));
    },
  );

  app.post(
    '/api/v1/orgs/:org/audits/:auditId/requests/import',
    {
      config: { access: { kind: 'org', permission: 'audits:manage' } },
      schema: {
        summary:
          "Import the firm's request list (CSV: ref,title,description,control,criterion,due_date); all rows or none",
        tags: ['audits'],
        params: ZAuditParams,
        body: z.strictObject({ csv: z.string().max(900_000) }),
        response: { 200: z.object({ imported: z.number().int() }), ...ERRORS },
      },
    },
    async (request) =>
      importRequestList(request.deps, orgOf(request).scope, request.params.auditId, request.body.csv),
  );

  app.post(
    '/api/v1/orgs/:org/audits/:auditId/requests/:requestId/evidence',
    {
      config: { access: { kind: 'org', permission: 'audits:manage' } },
      schema: {
        summary: 'Answer a request with evidence: open becomes submitted, flagged becomes resubmitted',
        tags: ['audits'],
        params: ZRequestParams,
        body: z.strictObject({ evidenceIds: z.array(z.uuid()).min(1).max(100) }),
        response: { 200: ZRequest, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const { auditId, requestId } = request.params;
      const updated = await attachRequestEvidence(
        request.deps,
        scope,
        auditId,
        requestId,
        request.body.evidenceIds,
      );
      return (await requestViewer(request.deps, scope, auditId))(updated);
    },
  );

  app.post(
    '/api/v1/orgs/:org/audits/:auditId/requests/:requestId/accept',
    {
      config: { access: { kind: 'org', permission: 'audits:review' } },
      schema: {
        summary: "Accept a request's submitted evidence",
        tags: ['audits'],
        params: ZRequestParams,
        body: z.strictObject({}),
        response: { 200: ZRequest, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const { auditId, requestId } = request.params;
      const updated = await reviewAuditRequest(
        request.deps,
        scope,
        auditId,
        requestId,
        { action: 'accept' },
        request.auditScope,
      );
      return (await requestViewer(request.deps, scope, auditId))(updated);
    },
  );

  app.post(
    '/api/v1/orgs/:org/audits/:auditId/requests/:requestId/flag',
    {
      config: { access: { kind: 'org', permission: 'audits:review' } },
      schema: {
        summary: "Flag a request's submitted evidence, saying why it falls short",
        tags: ['audits'],
        params: ZRequestParams,
        body: z.strictObject({ reason: z.string().max(2000) }),
        response: { 200: ZRequest, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const { auditId, requestId } = request.params;
      const updated = await reviewAuditRequest(
        request.deps,
        scope,
        auditId,
        requestId,
        { action: 'flag', reason: request.body.reason },
        request.auditScope,
      );
      return (await requestViewer(request.deps, scope, auditId))(updated);
    },
  );

  app.post(
    '/api/v1/orgs/:org/audits/:auditId/requests/:requestId/comments',
    {
      config: { access: { kind: 'org', permission: 'audits:review' } },
      schema: {
        summary: "Comment on a request's thread",
        tags: ['audits'],
        params: ZRequestParams,
        body: z.strictObject({ body: z.string().max(5000) }),
        response: { 201: ZComment, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { auditId, requestId } = request.params;
      const { requestId: _r, ...comment } = await commentOnRequest(
        request.deps,
        orgOf(request).scope,
        auditId,
        requestId,
        request.body.body,
        request.auditScope,
      );
      return reply.status(201).send(comment);
    },
  );

  app.post(
    '/api/v1/orgs/:org/audits/:auditId/requests/:requestId/walkthroughs',
    {
      config: { access: { kind: 'org', permission: 'audits:manage' } },
      schema: {
        summary: 'Schedule a walkthrough meeting against a request',
        tags: ['audits'],
        params: ZRequestParams,
        body: z.strictObject({
          scheduledAt: z.iso.datetime({ offset: true }),
          attendees: z.array(z.string().max(200)).min(1).max(30),
          notes: z.string().max(5000).optional(),
        }),
        response: { 201: ZWalkthrough, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { auditId, requestId } = request.params;
      const { scheduledAt, ...rest } = request.body;
      const { requestId: _r, ...walkthrough } = await scheduleWalkthrough(
        request.deps,
        orgOf(request).scope,
        auditId,
        requestId,
        { scheduledAt: new Date(scheduledAt), ...rest },
      );
      return reply.status(201).send(walkthrough);
    },
  );
}
