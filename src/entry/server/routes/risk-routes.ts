import { z } from 'zod';
import type { AppDeps, OrgScope, TRisk } from '../../../app/ports.ts';
import { acceptRisk } from '../../../app/risks/accept-risk.ts';
import { createRisk } from '../../../app/risks/create-risk.ts';
import { getRiskHeatMap } from '../../../app/risks/get-risk-heat-map.ts';
import { linkRiskControls } from '../../../app/risks/link-risk-controls.ts';
import { listRisks } from '../../../app/risks/list-risks.ts';
import { updateRisk } from '../../../app/risks/update-risk.ts';
import { RISK_LIBRARY } from '../../../catalog/risk-library.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import {
  RISK_CATEGORIES,
  RISK_RATINGS,
  RISK_STATUSES,
  RISK_TREATMENTS,
  ratingOf,
  ZRiskLibraryEntry,
} from '../../../domain/risk.ts';
import { orgOf, principalOf } from '../access.ts';
import { ERRORS, page, paged, ZIsoDate, ZOrgParams, ZPage } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const ZLevel = z.number().int().min(1).max(5);

const ZRisk = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  category: z.enum(RISK_CATEGORIES),
  libraryId: z.string().nullable(),
  inherentLikelihood: z.number().int(),
  inherentImpact: z.number().int(),
  /** Likelihood x impact, 1 to 25. */
  inherentScore: z.number().int(),
  inherentRating: z.enum(RISK_RATINGS),
  residualLikelihood: z.number().int(),
  residualImpact: z.number().int(),
  residualScore: z.number().int(),
  residualRating: z.enum(RISK_RATINGS),
  ownerUserId: z.string().nullable(),
  /** The owner's email while they are a member. */
  ownerEmail: z.string().nullable(),
  treatment: z.enum(RISK_TREATMENTS),
  reviewDate: z.string().nullable(),
  status: z.enum(RISK_STATUSES),
  acceptedBy: z.string().nullable(),
  acceptedByLabel: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  acceptanceNote: z.string().nullable(),
  /** Codes of the controls that treat the risk. */
  controlCodes: z.array(z.string()),
});

const ZRiskFields = {
  description: z.string().max(10_000).optional(),
  category: z.enum(RISK_CATEGORIES).optional(),
  inherentLikelihood: ZLevel.optional(),
  inherentImpact: ZLevel.optional(),
  residualLikelihood: ZLevel.optional(),
  residualImpact: ZLevel.optional(),
  ownerEmail: z.string().max(254).nullable().optional(),
  treatment: z.enum(RISK_TREATMENTS).optional(),
  reviewDate: ZIsoDate.nullable().optional(),
  status: z.enum(RISK_STATUSES).optional(),
};

const ZCell = z.object({
  likelihood: z.number().int(),
  impact: z.number().int(),
  score: z.number().int(),
  rating: z.enum(RISK_RATINGS),
  count: z.number().int(),
});

const ZRiskParams = ZOrgParams.extend({ id: z.uuid() });

/** Shows a risk as the API does: scored and rated, its owner and controls named as the API takes them. */
async function riskViewer(deps: AppDeps, scope: OrgScope) {
  const { repos } = deps.store;
  const [members, controls] = await Promise.all([repos.memberships.list(scope), repos.controls.list(scope)]);
  const emails = new Map(members.map((m) => [m.userId, m.email]));
  const codes = new Map(controls.map((c) => [c.id, c.code]));
  return (r: TRisk) => {
    const inherentScore = r.inherentLikelihood * r.inherentImpact;
    const residualScore = r.residualLikelihood * r.residualImpact;
    return {
      ...r,
      inherentScore,
      inherentRating: ratingOf(inherentScore),
      residualScore,
      residualRating: ratingOf(residualScore),
      ownerEmail: r.ownerUserId ? (emails.get(r.ownerUserId) ?? null) : null,
      acceptedAt: r.acceptedAt ? r.acceptedAt.toISOString() : null,
      controlCodes: r.controlIds.map((id) => codes.get(id) ?? id).sort(),
    };
  };
}

export function registerRiskRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/risk-library',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'The starter library of common SaaS risks, with suggested controls',
        tags: ['risks'],
        response: { 200: z.object({ items: z.array(ZRiskLibraryEntry) }) },
      },
    },
    async () => ({ items: [...RISK_LIBRARY] }),
  );

  app.get(
    '/api/v1/orgs/:org/risks',
    {
      config: { access: { kind: 'org', permission: 'risks:read' } },
      schema: {
        summary: 'The risk register',
        tags: ['risks'],
        params: ZOrgParams,
        querystring: ZPage,
        response: { 200: paged(ZRisk), ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const risks = await listRisks(request.deps, scope);
      return page(risks.map(await riskViewer(request.deps, scope)), request.query);
    },
  );

  app.post(
    '/api/v1/orgs/:org/risks',
    {
      config: { access: { kind: 'org', permission: 'risks:write' } },
      schema: {
        summary: 'Record a risk, or adopt one from the starter library (libraryId)',
        tags: ['risks'],
        params: ZOrgParams,
        body: z.strictObject({
          title: z.string().max(200).optional(),
          libraryId: z.string().max(10).optional(),
          controlCodes: z.array(z.string().max(40)).max(100).optional(),
          ...ZRiskFields,
        }),
        response: { 201: ZRisk, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { scope } = orgOf(request);
      const risk = await createRisk(request.deps, scope, request.body);
      return reply.status(201).send((await riskViewer(request.deps, scope))(risk));
    },
  );

  app.get(
    '/api/v1/orgs/:org/risks/heat-map',
    {
      config: { access: { kind: 'org', permission: 'risks:read' } },
      schema: {
        summary: 'Open risks counted per likelihood x impact cell, inherent and residual',
        tags: ['risks'],
        params: ZOrgParams,
        response: {
          200: z.object({ open: z.number().int(), inherent: z.array(ZCell), residual: z.array(ZCell) }),
          ...ERRORS,
        },
      },
    },
    async (request) => getRiskHeatMap(request.deps, orgOf(request).scope),
  );

  app.get(
    '/api/v1/orgs/:org/risks/:id',
    {
      config: { access: { kind: 'org', permission: 'risks:read' } },
      schema: {
        summary: 'One risk',
        tags: ['risks'],
        params: ZRiskParams,
        response: { 200: ZRisk, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const risk = await request.deps.store.repos.risks.find(scope, request.params.id);
      if (!risk) throw new AttestlyError('NOT_FOUND', 'no such risk');
      return (await riskViewer(request.deps, scope))(risk);
    },
  );

  app.patch(
    '/api/v1/orgs/:org/risks/:id',
    {
      config: { access: { kind: 'org', permission: 'risks:write' } },
      schema: {
        summary: 'Update a risk; names the version it edits',
        tags: ['risks'],
        params: ZRiskParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          title: z.string().max(200).optional(),
          ...ZRiskFields,
        }),
        response: { 200: ZRisk, ...ERRORS },
      },
    },
    async (request) => {
      const { version, ...change } = request.body;
      const { scope } = orgOf(request);
      const risk = await updateRisk(request.deps, scope, request.params.id, version, change);
      return (await riskViewer(request.deps, scope))(risk);
    },
  );

  app.put(
    '/api/v1/orgs/:org/risks/:id/controls',
    {
      config: { access: { kind: 'org', permission: 'risks:write' } },
      schema: {
        summary: 'Set the controls that treat a risk (by control code)',
        tags: ['risks'],
        params: ZRiskParams,
        body: z.strictObject({ controlCodes: z.array(z.string().max(40)).max(100) }),
        response: { 200: ZRisk, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const risk = await linkRiskControls(request.deps, scope, request.params.id, request.body.controlCodes);
      return (await riskViewer(request.deps, scope))(risk);
    },
  );

  app.post(
    '/api/v1/orgs/:org/risks/:id/accept',
    {
      config: { access: { kind: 'org', permission: 'risks:accept' } },
      schema: {
        summary: 'Accept a risk whose treatment is "accept" (owners and admins)',
        tags: ['risks'],
        params: ZRiskParams,
        body: z.strictObject({ version: z.number().int().min(1), note: z.string().max(2000) }),
        response: { 200: ZRisk, ...ERRORS },
      },
    },
    async (request) => {
      const { scope, role } = orgOf(request);
      const principal = principalOf(request);
      const userId = principal.kind === 'session' ? principal.user.id : null;
      const { version, note } = request.body;
      const risk = await acceptRisk(request.deps, scope, { role, userId }, request.params.id, version, note);
      return (await riskViewer(request.deps, scope))(risk);
    },
  );
}
