import { z } from 'zod';
import { getAudit } from '../../../app/audits/audit-input.ts';
import { createAudit } from '../../../app/audits/create-audit.ts';
import { inviteAuditor } from '../../../app/audits/invite-auditor.ts';
import { listAudits } from '../../../app/audits/list-audits.ts';
import { moveAuditPhase } from '../../../app/audits/move-audit-phase.ts';
import { updateAudit } from '../../../app/audits/update-audit.ts';
import { AUDIT_PHASES, auditPeriod, nextPhase, type TAudit } from '../../../domain/audit/audit.ts';
import { can } from '../../../domain/permissions.ts';
import { REPORT_TYPES } from '../../../domain/program.ts';
import { orgOf } from '../access.ts';
import { ERRORS, page, paged, ZIsoDate, ZOrgParams, ZPage, ZRole } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import type { ZodApp } from '../zod-app.ts';

// The audit record: the firm and its contacts, the report's dates, the phase, the checklist for choosing
// the firm, and the auditors invited into it.

const ZContact = z.strictObject({
  name: z.string().max(200),
  email: z.string().max(254),
  role: z.string().max(200).nullable(),
});

const ZChecklistItem = z.object({ done: z.boolean(), note: z.string() });

export const ZAudit = z.object({
  id: z.string(),
  version: z.number().int(),
  firmName: z.string(),
  contacts: z.array(z.object({ name: z.string(), email: z.string(), role: z.string().nullable() })),
  reportType: z.enum(REPORT_TYPES),
  asOfDate: z.string().nullable(),
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  /** The dates the audit covers, inclusive: the as-of date twice for a Type 1. */
  period: z.object({ from: z.string(), to: z.string() }),
  phase: z.enum(AUDIT_PHASES),
  /** The phase it moves on to next; null once done. */
  nextPhase: z.enum(AUDIT_PHASES).nullable(),
  /** Keyed by domain/audit/audit.ts FIRM_CHECKLIST. */
  firmChecklist: z.record(z.string(), ZChecklistItem),
});

const ZAuditFields = {
  contacts: z.array(ZContact).max(20).optional(),
  reportType: z.enum(REPORT_TYPES).optional(),
  asOfDate: ZIsoDate.nullable().optional(),
  windowStart: ZIsoDate.nullable().optional(),
  windowEnd: ZIsoDate.nullable().optional(),
  firmChecklist: z
    .record(
      z.string().max(40),
      z.strictObject({ done: z.boolean().optional(), note: z.string().max(1000).optional() }),
    )
    .optional(),
};

export const ZAuditParams = ZOrgParams.extend({ auditId: z.uuid() });

const ZAuditInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRole,
  invitedBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  acceptedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export const auditView = (a: TAudit) => ({ ...a, period: auditPeriod(a), nextPhase: nextPhase(a.phase) });

export function registerAuditRoutes(app: ZodApp, config: TServerConfig): void {
  app.get(
    '/api/v1/orgs/:org/audits',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary: 'Audits, oldest first (an auditor invited into one audit sees only that one)',
        tags: ['audits'],
        params: ZOrgParams,
        querystring: ZPage,
        response: { 200: paged(ZAudit), ...ERRORS },
      },
    },
    async (request) => {
      const audits = await listAudits(request.deps, orgOf(request).scope, request.auditScope);
      return page(audits.map(auditView), request.query);
    },
  );

  app.post(
    '/api/v1/orgs/:org/audits',
    {
      config: { access: { kind: 'org', permission: 'audits:manage' } },
      schema: {
        summary: "Record an audit; without a report type and dates it covers the program's",
        tags: ['audits'],
        params: ZOrgParams,
        body: z.strictObject({ firmName: z.string().max(200), ...ZAuditFields }),
        response: { 201: ZAudit, ...ERRORS },
      },
    },
    async (request, reply) => {
      const audit = await createAudit(request.deps, orgOf(request).scope, request.body);
      return reply.status(201).send(auditView(audit));
    },
  );

  app.get(
    '/api/v1/orgs/:org/audits/:auditId',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary: 'One audit',
        tags: ['audits'],
        params: ZAuditParams,
        response: { 200: ZAudit, ...ERRORS },
      },
    },
    async (request) =>
      auditView(
        await getAudit(
          request.deps.store.repos,
          orgOf(request).scope,
          request.params.auditId,
          request.auditScope,
        ),
      ),
  );

  app.patch(
    '/api/v1/orgs/:org/audits/:auditId',
    {
      config: { access: { kind: 'org', permission: 'audits:manage' } },
      schema: {
        summary: "Update an audit's firm, contacts, dates or firm checklist; names the version it edits",
        tags: ['audits'],
        params: ZAuditParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          firmName: z.string().max(200).optional(),
          ...ZAuditFields,
        }),
        response: { 200: ZAudit, ...ERRORS },
      },
    },
    async (request) => {
      const { version, ...change } = request.body;
      const audit = await updateAudit(
        request.deps,
        orgOf(request).scope,
        request.params.auditId,
        version,
        change,
      );
      return auditView(audit);
    },
  );

  app.post(
    '/api/v1/orgs/:org/audits/:auditId/phase',
    {
      config: { access: { kind: 'org', permission: 'audits:manage' } },
      schema: {
        summary: 'Move an audit on to its next phase (planning, fieldwork, reporting, done)',
        tags: ['audits'],
        params: ZAuditParams,
        body: z.strictObject({ version: z.number().int().min(1), phase: z.enum(AUDIT_PHASES) }),
        response: { 200: ZAudit, ...ERRORS },
      },
    },
    async (request) => {
      const { version, phase } = request.body;
      const audit = await moveAuditPhase(
        request.deps,
        orgOf(request).scope,
        request.params.auditId,
        version,
        phase,
      );
      return auditView(audit);
    },
  );

  app.get(
    '/api/v1/orgs/:org/audits/:auditId/auditors',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary:
          "The auditors invited into an audit, and (for those who manage audits) the audit's invitations",
        tags: ['audits'],
        params: ZAuditParams,
        response: {
          200: z.object({
            auditors: z.array(z.object({ email: z.string(), role: ZRole })),
            invitations: z.array(ZAuditInvitation),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { scope, role } = orgOf(request);
      const { repos } = request.deps.store;
      const audit = await getAudit(repos, scope, request.params.auditId, request.auditScope);
      const auditors = await repos.audits.listAuditors(scope, audit.id);
      const invitations = can(role, 'audits:manage')
        ? (await repos.invitations.list(scope)).filter((i) => i.auditId === audit.id)
        : [];
      return {
        auditors: auditors.map(({ email, role }) => ({ email, role })),
        invitations: invitations.map(({ orgId: _org, auditId: _audit, ...i }) => i),
      };
    },
  );

  app.post(
    '/api/v1/orgs/:org/audits/:auditId/auditors',
    {
      config: { access: { kind: 'org', permission: 'audits:manage' } },
      schema: {
        summary:
          'Invite an auditor into this audit only; the link is mailed, or returned when mail is not delivered',
        tags: ['audits'],
        params: ZAuditParams,
        body: z.strictObject({ email: z.string().max(254), expiresInDays: z.number().int().optional() }),
        response: {
          201: ZAuditInvitation.extend({
            /** The acceptance link, for the inviter to pass on when mail is not delivered; null when mailed. */
            link: z.string().nullable(),
          }),
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { org, scope, role } = orgOf(request);
      const { invitation, link } = await inviteAuditor(
        request.deps,
        org,
        scope,
        { role },
        request.params.auditId,
        { ...request.body, baseUrl: config.publicUrl },
      );
      const { orgId: _org, auditId: _audit, ...view } = invitation;
      return reply.status(201).send({ ...view, link });
    },
  );
}
