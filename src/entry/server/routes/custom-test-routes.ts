import { z } from 'zod';
import { checkCustomExpression, listCustomTests } from '../../../app/monitoring/custom-tests.ts';
import { deleteCustomTest } from '../../../app/monitoring/delete-custom-test.ts';
import { saveCustomTest } from '../../../app/monitoring/save-custom-test.ts';
import { SEVERITIES } from '../../../domain/monitoring/model.ts';
import { orgOf } from '../access.ts';
import { ERRORS, ZOrgParams } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

// An organization's own tests, CEL expressions over one resource type. A save is type-checked first; the
// error body's message points at the field or operator and its column, and details carry the position.

const ZCustomTest = z.object({
  id: z.string(),
  title: z.string(),
  resourceType: z.string(),
  expression: z.string(),
  severity: z.enum(SEVERITIES),
  controls: z.array(z.string()),
  rationale: z.string(),
  remediation: z.string(),
  createdBy: z.string(),
  createdAt: z.date(),
});

const ZExpression = z.strictObject({
  resourceType: z.string().min(1).max(100),
  expression: z.string().min(1).max(4000),
});

export function registerCustomTestRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/custom-tests',
    {
      config: { access: { kind: 'org', permission: 'integrations:read' } },
      schema: {
        summary: "The organization's custom tests",
        tags: ['monitoring'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZCustomTest) }), ...ERRORS },
      },
    },
    async (request) => ({
      items: await listCustomTests(request.deps, orgOf(request).scope),
    }),
  );

  app.post(
    '/api/v1/orgs/:org/custom-tests',
    {
      config: { access: { kind: 'org', permission: 'integrations:manage' } },
      schema: {
        summary: 'Save a custom test: a CEL expression over one resource type, mapped to controls',
        tags: ['monitoring'],
        params: ZOrgParams,
        body: ZExpression.extend({
          id: z.string().max(80).optional(),
          title: z.string().max(200),
          severity: z.enum(SEVERITIES).optional(),
          controls: z.array(z.string().max(40)).min(1).max(20),
          rationale: z.string().max(4000).optional(),
          remediation: z.string().max(4000).optional(),
          replace: z.boolean().optional(),
        }),
        response: { 201: ZCustomTest, ...ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await saveCustomTest(request.deps, orgOf(request).scope, request.body)),
  );

  app.post(
    '/api/v1/orgs/:org/custom-tests/check',
    {
      config: { access: { kind: 'org', permission: 'integrations:read' } },
      schema: {
        summary: 'Type-check an expression against a resource type without saving it',
        tags: ['monitoring'],
        params: ZOrgParams,
        body: ZExpression,
        response: { 200: z.object({ valid: z.literal(true), references: z.array(z.string()) }), ...ERRORS },
      },
    },
    async (request) => {
      const { references } = checkCustomExpression(
        request.deps.monitoring.library,
        request.body.resourceType,
        request.body.expression,
      );
      return { valid: true as const, references };
    },
  );

  app.delete(
    '/api/v1/orgs/:org/custom-tests/:testId',
    {
      config: { access: { kind: 'org', permission: 'integrations:manage' } },
      schema: {
        summary: 'Delete a custom test',
        tags: ['monitoring'],
        params: ZOrgParams.extend({ testId: z.string().min(1).max(80) }),
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      await deleteCustomTest(request.deps, orgOf(request).scope, request.params.testId);
      return reply.status(204).send(null);
    },
  );
}
