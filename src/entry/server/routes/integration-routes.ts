import { z } from 'zod';
import { instantVisibility } from '../../../app/audits/audit-scope-filters.ts';
import { addIntegration } from '../../../app/monitoring/add-integration.ts';
import { runIntegration } from '../../../app/monitoring/run-integration.ts';
import type { TIntegration, TMonitorRun } from '../../../app/ports.ts';
import { periodBounds } from '../../../domain/audit/audit-scope.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { OUTCOME_STATUSES } from '../../../domain/monitoring/model.ts';
import { orgOf } from '../access.ts';
import { ERRORS, page, paged, ZOrgParams, ZPage } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const ZIntegration = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  scheduleMinutes: z.number().int(),
  enabled: z.boolean(),
  status: z.enum(['new', 'ok', 'failed']),
  lastError: z
    .object({ message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
    .nullable(),
  lastRunAt: z.date().nullable(),
  nextRunAt: z.date(),
});

export const ZRun = z.object({
  id: z.string(),
  startedAt: z.date(),
  finishedAt: z.date(),
  status: z.enum(['succeeded', 'failed']),
  error: z.object({ message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
  resources: z.number(),
  passed: z.number(),
  failed: z.number(),
  errors: z.number(),
  notApplicable: z.number(),
  transitions: z.number(),
  snapshotSha256: z.string().nullable(),
});

const ZState = z.object({
  integrationId: z.string(),
  testId: z.string(),
  resourceType: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  status: z.enum(OUTCOME_STATUSES),
  reason: z.string(),
  fields: z.record(z.string(), z.unknown()),
  since: z.date(),
});

/** Settings are write-only: they hold credentials. */
const view = ({ configSealed: _sealed, orgId: _org, createdAt: _created, ...rest }: TIntegration) => rest;
export const runView = ({ integrationId: _i, snapshotBlobKey: _k, ...rest }: TMonitorRun) => rest;
const ZName = ZOrgParams.extend({ name: z.string().min(1).max(100) });

export function registerIntegrationRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/tests',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'The built-in test library',
        tags: ['monitoring'],
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              severity: z.string(),
              /** The integration type whose resources it judges ("postgres"). */
              provider: z.string(),
              resourceTypes: z.array(z.string()),
              controls: z.array(z.string()),
              rationale: z.string(),
              remediation: z.string(),
            }),
          ),
        },
      },
    },
    async (request) =>
      request.deps.monitoring.library.tests.map((t) => ({
        id: t.id,
        title: t.title,
        severity: t.severity,
        // Library ids are provider.name (library.ts checks the shape).
        provider: t.id.split('.')[0] ?? t.id,
        resourceTypes: [t.resourceType],
        controls: t.controls,
        rationale: t.rationale,
        remediation: t.remediation,
      })),
  );

  app.get(
    '/api/v1/orgs/:org/integrations',
    {
      config: { access: { kind: 'org', permission: 'integrations:read' } },
      schema: {
        summary: 'Connected systems and the state of their last run',
        tags: ['monitoring'],
        params: ZOrgParams,
        response: {
          200: z.object({
            items: z.array(ZIntegration.extend({ passing: z.number().int(), failing: z.number().int() })),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const { monitoring } = request.deps.store.repos;
      const [integrations, states] = await Promise.all([
        monitoring.listIntegrations(scope),
        monitoring.states(scope),
      ]);
      // Current results per integration: what passes now, and what fails or errs (an error is not a pass).
      const count = (id: string, failing: boolean) =>
        states.filter(
          (s) =>
            s.integrationId === id &&
            (failing ? s.status === 'fail' || s.status === 'error' : s.status === 'pass'),
        ).length;
      return {
        items: integrations.map((i) => ({
          ...view(i),
          passing: count(i.id, false),
          failing: count(i.id, true),
        })),
      };
    },
  );

  app.post(
    '/api/v1/orgs/:org/integrations',
    {
      config: { access: { kind: 'org', permission: 'integrations:manage' } },
      schema: {
        summary: 'Connect a system; its settings are sealed and never returned',
        tags: ['monitoring'],
        params: ZOrgParams,
        body: z.strictObject({
          type: z.string().max(40),
          name: z.string().max(100),
          config: z.record(z.string(), z.unknown()),
          scheduleMinutes: z.number().int().optional(),
        }),
        response: { 201: ZIntegration, ...ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(view(await addIntegration(request.deps, orgOf(request).scope, request.body))),
  );

  app.post(
    '/api/v1/orgs/:org/integrations/:name/runs',
    {
      config: { access: { kind: 'org', permission: 'integrations:run' } },
      schema: {
        summary: 'Run an integration now: collect, judge, store what changed',
        tags: ['monitoring'],
        params: ZName,
        response: { 200: ZRun, ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const integration = await request.deps.store.repos.monitoring.findIntegration(
        scope,
        request.params.name,
      );
      if (!integration) throw new AttestlyError('NOT_FOUND', `no integration named "${request.params.name}"`);
      return runView(await runIntegration(request.deps, scope, integration));
    },
  );

  app.get(
    '/api/v1/orgs/:org/integrations/:name/runs',
    {
      config: { access: { kind: 'org', permission: 'integrations:read' } },
      schema: {
        summary: 'Recent runs of an integration',
        tags: ['monitoring'],
        params: ZName,
        querystring: ZPage,
        response: { 200: paged(ZRun), ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const integration = await request.deps.store.repos.monitoring.findIntegration(
        scope,
        request.params.name,
      );
      if (!integration) throw new AttestlyError('NOT_FOUND', `no integration named "${request.params.name}"`);
      const runs = await request.deps.store.repos.monitoring.listRuns(scope, integration.id, 500);
      const visible = instantVisibility(request.auditScope);
      return page(runs.filter((r) => visible(r.startedAt)).map(runView), request.query);
    },
  );

  app.get(
    '/api/v1/orgs/:org/test-results',
    {
      config: { access: { kind: 'org', permission: 'integrations:read' } },
      schema: {
        summary: 'The current result of every test on every resource, since when',
        tags: ['monitoring'],
        params: ZOrgParams,
        querystring: ZPage.extend({
          status: z.enum(OUTCOME_STATUSES).optional(),
          test: z.string().max(100).optional(),
          /** One integration's results, by its name or id. */
          integration: z.string().min(1).max(100).optional(),
        }),
        response: { 200: paged(ZState), ...ERRORS },
      },
    },
    async (request) => {
      const { limit, offset, status, test, integration: wanted } = request.query;
      const { scope } = orgOf(request);
      const { monitoring } = request.deps.store.repos;
      let integrationId: string | undefined;
      if (wanted !== undefined) {
        const integration = await monitoring.findIntegration(scope, wanted);
        if (!integration) throw new AttestlyError('NOT_FOUND', `no integration named "${wanted}"`);
        integrationId = integration.id;
      }
      const states = await monitoring.states(scope, integrationId);
      // A current result holds from `since` until now: an auditor limited to one audit sees those that
      // held during its period, not ones that began after it ended.
      const periodEnd = request.auditScope ? periodBounds(request.auditScope).end : null;
      return page(
        states.filter(
          (s) =>
            (status === undefined || s.status === status) &&
            (test === undefined || s.testId === test) &&
            (periodEnd === null || s.since < periodEnd),
        ),
        { limit, offset },
      );
    },
  );
}
