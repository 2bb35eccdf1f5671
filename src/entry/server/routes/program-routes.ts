import { z } from 'zod';
import { summarizeCatalog } from '../../../app/catalog/summarize-catalog.ts';
import { establishProgram } from '../../../app/program/establish-program.ts';
import { getReadiness } from '../../../app/readiness/get-readiness.ts';
import { excludeCriterion, includeCriterion } from '../../../app/scope/set-criterion-applicability.ts';
import { CATEGORY_IDS } from '../../../domain/catalog-types.ts';
import { parseIsoDate } from '../../../domain/dates.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { COMPONENT_KINDS, REPORT_TYPES } from '../../../domain/program.ts';
import { orgOf } from '../access.ts';
import { ERRORS, ZIsoDate, ZOrgParams } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const ZProgram = z.object({
  reportType: z.enum(REPORT_TYPES),
  asOf: z.string().nullable(),
  window: z.object({ start: z.string(), end: z.string() }).nullable(),
  categories: z.array(z.enum(CATEGORY_IDS)),
  componentKinds: z.array(z.enum(COMPONENT_KINDS)),
});

const ZRollup = z.object({
  status: z.string(),
  score: z.number().nullable(),
  criteria: z.record(z.string(), z.number()),
});

const ZReadiness = z.object({
  organization: z.object({ slug: z.string(), name: z.string() }),
  program: ZProgram,
  asOf: z.string(),
  overall: ZRollup,
  categories: z.array(ZRollup.extend({ id: z.string(), name: z.string() })),
  series: z.array(ZRollup.extend({ id: z.string(), name: z.string() })),
  criteria: z.array(
    z.object({
      id: z.string(),
      category: z.string(),
      series: z.string(),
      status: z.string(),
      score: z.number().nullable(),
      notApplicableReason: z.string().nullable(),
      controls: z.object({
        total: z.number(),
        applicable: z.number(),
        implemented: z.number(),
        evidenced: z.number(),
      }),
      controlCodes: z.array(z.string()),
    }),
  ),
  gaps: z.array(
    z.object({
      criterionId: z.string(),
      status: z.string(),
      score: z.number(),
      controlCode: z.string().nullable(),
      nextAction: z.string(),
    }),
  ),
});

const ZCriterionParams = ZOrgParams.extend({ criterion: z.string().max(10) });

export function registerProgramRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/catalog',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'The SOC 2 criteria, the control library and the policy templates',
        tags: ['catalog'],
        response: {
          200: z.object({
            criteria: z.array(z.record(z.string(), z.unknown())),
            controls: z.array(z.record(z.string(), z.unknown())),
            policies: z.array(z.record(z.string(), z.unknown())),
          }),
        },
      },
    },
    async (request) => summarizeCatalog(request.deps.catalog),
  );

  app.get(
    '/api/v1/orgs/:org/program',
    {
      config: { access: { kind: 'org', permission: 'program:read' } },
      schema: {
        summary: 'The SOC 2 program: report type, dates and scope',
        tags: ['program'],
        params: ZOrgParams,
        response: { 200: ZProgram, ...ERRORS },
      },
    },
    async (request) => {
      const program = await request.deps.store.repos.programs.find(orgOf(request).scope);
      if (!program) throw new AttestlyError('NOT_FOUND', 'this organization has no SOC 2 program yet');
      return program;
    },
  );

  app.put(
    '/api/v1/orgs/:org/program',
    {
      config: { access: { kind: 'org', permission: 'program:write' } },
      schema: {
        summary: 'Define the SOC 2 program and adopt the control library and policy templates for its scope',
        tags: ['program'],
        params: ZOrgParams,
        body: z.strictObject({
          reportType: z.enum(REPORT_TYPES),
          asOf: ZIsoDate.optional(),
          windowStart: ZIsoDate.optional(),
          windowEnd: ZIsoDate.optional(),
          categories: z.array(z.enum(CATEGORY_IDS)).max(5).default([]),
          componentKinds: z
            .array(z.enum(COMPONENT_KINDS))
            .max(5)
            .default([...COMPONENT_KINDS]),
          components: z.array(z.string().max(200)).max(100).default([]),
        }),
        response: {
          201: z.object({
            program: ZProgram,
            warnings: z.array(z.string()),
            adoptedControls: z.number(),
            adoptedPolicies: z.number(),
          }),
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { org, scope } = orgOf(request);
      const result = await establishProgram(request.deps, org, scope, request.body);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/v1/orgs/:org/readiness',
    {
      config: { access: { kind: 'org', permission: 'readiness:read' } },
      schema: {
        summary: 'The gap assessment per criterion, series, category and overall',
        tags: ['program'],
        params: ZOrgParams,
        querystring: z.strictObject({ asOf: ZIsoDate.optional() }),
        response: { 200: ZReadiness, ...ERRORS },
      },
    },
    async (request) => {
      const { org, scope } = orgOf(request);
      const asOf = request.query.asOf === undefined ? undefined : parseIsoDate(request.query.asOf, 'asOf');
      return getReadiness(request.deps, org, scope, asOf);
    },
  );

  app.put(
    '/api/v1/orgs/:org/criteria/:criterion/exclusion',
    {
      config: { access: { kind: 'org', permission: 'program:write' } },
      schema: {
        summary: 'Mark a criterion not applicable to the system, with the reason',
        tags: ['program'],
        params: ZCriterionParams,
        body: z.strictObject({ reason: z.string().min(1).max(2000) }),
        response: { 200: z.object({ criterionId: z.string(), reason: z.string() }), ...ERRORS },
      },
    },
    async (request) => {
      const id = await excludeCriterion(
        request.deps,
        orgOf(request).scope,
        request.params.criterion,
        request.body.reason,
      );
      return { criterionId: id, reason: request.body.reason.trim() };
    },
  );

  app.delete(
    '/api/v1/orgs/:org/criteria/:criterion/exclusion',
    {
      config: { access: { kind: 'org', permission: 'program:write' } },
      schema: {
        summary: 'Bring an excluded criterion back into the assessment',
        tags: ['program'],
        params: ZCriterionParams,
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      await includeCriterion(request.deps, orgOf(request).scope, request.params.criterion);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/orgs/:org/policies',
    {
      config: { access: { kind: 'org', permission: 'policies:read' } },
      schema: {
        summary: 'Policies with their latest version',
        tags: ['policies'],
        params: ZOrgParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                templateId: z.string().nullable(),
                title: z.string(),
                ownerRole: z.string(),
                latestVersion: z.number(),
                latestStatus: z.string(),
              }),
            ),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => ({ items: await request.deps.store.repos.policies.list(orgOf(request).scope) }),
  );
}
