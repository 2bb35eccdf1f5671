import { z } from 'zod';
import { summarizeCatalog } from '../../../app/catalog/summarize-catalog.ts';
import { saveProgram } from '../../../app/program/save-program.ts';
import { getReadiness } from '../../../app/readiness/get-readiness.ts';
import { excludeCriterion, includeCriterion } from '../../../app/scope/set-criterion-applicability.ts';
import { CATEGORY_IDS } from '../../../domain/catalog-types.ts';
import { parseIsoDate } from '../../../domain/dates.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { COMPONENT_KINDS, REPORT_TYPES } from '../../../domain/program.ts';
import { orgOf } from '../access.ts';
import { ZProgram, ZReadiness } from '../readiness-schemas.ts';
import { ERRORS, ZIsoDate, ZOrgParams } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const ZSavedProgram = z.object({
  program: ZProgram,
  warnings: z.array(z.string()),
  adoptedControls: z.number(),
  adoptedPolicies: z.number(),
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
            criteria: z.array(
              z.object({
                id: z.string(),
                category: z.enum(CATEGORY_IDS),
                series: z.string(),
                seriesName: z.string(),
                summary: z.string(),
                cosoPrinciple: z.number().int().nullable(),
                pointsOfFocus: z.number().int(),
              }),
            ),
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
        summary:
          'Define the SOC 2 program, or change it, and adopt the control library and policy templates its scope adds',
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
          // 201 when the program is new, 200 when an existing one changed; the counts are what was adopted now.
          200: ZSavedProgram,
          201: ZSavedProgram,
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { org, scope } = orgOf(request);
      const { created, ...saved } = await saveProgram(request.deps, org, scope, request.body);
      return reply.status(created ? 201 : 200).send(saved);
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
}
