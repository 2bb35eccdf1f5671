import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getAudit } from '../../../app/audits/audit-input.ts';
import type { TSample, TStoredPopulationItem } from '../../../app/audits/audit-testing-ports.ts';
import { controlTimelines } from '../../../app/audits/control-timelines.ts';
import { drawAuditSample } from '../../../app/audits/draw-sample.ts';
import { listAuditPopulations } from '../../../app/audits/list-audit-populations.ts';
import { listPopulationItems } from '../../../app/audits/list-population-items.ts';
import type { AppDeps, OrgScope } from '../../../app/ports.ts';
import type { TAudit } from '../../../domain/audit/audit.ts';
import { auditPeriod } from '../../../domain/audit/audit.ts';
import { POPULATION_KINDS, POPULATION_SOURCE_KINDS } from '../../../domain/audit/populations.ts';
import { type TControlTimeline, TIMELINE_EXCEPTION_KINDS } from '../../../domain/audit/timeline.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { orgOf } from '../access.ts';
import { ERRORS, page, paged, ZOrgParams, ZPage } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

// Type 2 testing inside an audit: how each control operated on each day of the period (timelines and the
// exceptions an auditor would find), the populations of the period with their provenance, and samples
// drawn from them with a recorded seed.

const ZAuditParams = ZOrgParams.extend({ auditId: z.uuid() });

const ZException = z.object({
  kind: z.enum(TIMELINE_EXCEPTION_KINDS),
  from: z.string(),
  to: z.string(),
  detail: z.string(),
});

const ZTimelineSummary = z.object({
  controlCode: z.string(),
  title: z.string(),
  frequency: z.string(),
  /** Whether automated tests watch the control (its coverage is then the days they passed). */
  monitored: z.boolean(),
  /** Days operating effectively / days judged, 0..100. */
  coverage: z.number(),
  days: z.number().int(),
  exceptions: z.number().int(),
});

const ZTimelinesPeriod = z.object({
  from: z.string(),
  to: z.string(),
  /** The last day judged: the period's end, or today while it runs. */
  through: z.string().nullable(),
});

const ZDay = z.object({
  date: z.string(),
  tests: z.enum(['passed', 'failed', 'not_run', 'none']),
  evidence: z.enum(['valid', 'expired', 'none']),
});

const ZSource = z.object({
  kind: z.enum(POPULATION_SOURCE_KINDS),
  ref: z.string(),
  count: z.number().int(),
  lastCollectedAt: z.string(),
});

const ZPopulationItem = z.object({
  externalId: z.string(),
  occurredAt: z.string(),
  title: z.string(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  source: z.object({ kind: z.enum(POPULATION_SOURCE_KINDS), ref: z.string(), collectedAt: z.string() }),
});

const ZSample = z.object({
  id: z.string(),
  controlCode: z.string(),
  kind: z.string(),
  seed: z.string(),
  size: z.number().int(),
  populationCount: z.number().int(),
  /** SHA-256 over the population's items (external id and time), sorted by external id. */
  populationDigest: z.string(),
  itemIds: z.array(z.string()),
  /** The drawn items as they are stored now. */
  items: z.array(ZPopulationItem),
  drawnBy: z.string(),
  drawnAt: z.string(),
  /** For a draw with the seed of an earlier sample of the same control and population: does it match? */
  redrawOf: z
    .object({ sampleId: z.string(), samePopulation: z.boolean(), sameItems: z.boolean() })
    .nullable(),
});

const itemView = (i: TStoredPopulationItem) => ({
  externalId: i.externalId,
  occurredAt: i.occurredAt.toISOString(),
  title: i.title,
  attributes: i.attributes,
  source: { ...i.source, collectedAt: i.source.collectedAt.toISOString() },
});

/** The audit named in the path; NOT_FOUND for another audit than the one an invited auditor is limited to. */
function auditOf(request: FastifyRequest, auditId: string): Promise<TAudit> {
  return getAudit(request.deps.store.repos, orgOf(request).scope, auditId, request.auditScope);
}

/** Samples as the API shows them: with their items, and whether a re-draw reproduced the earlier draw. */
async function sampleViews(deps: AppDeps, scope: OrgScope, samples: TSample[], all: TSample[] = samples) {
  const byKind = new Map<string, Set<string>>();
  for (const s of samples) byKind.set(s.kind, new Set([...(byKind.get(s.kind) ?? []), ...s.itemIds]));
  const items = new Map<string, TStoredPopulationItem>();
  for (const [kind, ids] of byKind)
    for (const item of await deps.store.repos.populations.findByExternalIds(scope, kind, [...ids]))
      items.set(`${kind}\u0000${item.externalId}`, item);
  return samples.map((s) => {
    // `all` is in the order drawn: the first earlier draw with the same seed, control and population.
    const position = all.findIndex((o) => o.id === s.id);
    const earlier = all
      .slice(0, position < 0 ? all.length : position)
      .find((o) => o.seed === s.seed && o.kind === s.kind && o.controlCode === s.controlCode);
    return {
      ...s,
      drawnAt: s.drawnAt.toISOString(),
      items: s.itemIds.flatMap((id) => {
        const item = items.get(`${s.kind}\u0000${id}`);
        return item ? [itemView(item)] : [];
      }),
      redrawOf: earlier
        ? {
            sampleId: earlier.id,
            samePopulation: earlier.populationDigest === s.populationDigest,
            sameItems: earlier.itemIds.join('\n') === s.itemIds.join('\n'),
          }
        : null,
    };
  });
}

function findTimeline(timelines: TControlTimeline[], code: string): TControlTimeline {
  const timeline = timelines.find((t) => t.controlCode === code);
  if (!timeline) throw new AttestlyError('NOT_FOUND', `no control "${code}" in the audit's scope`);
  return timeline;
}

const throughOf = (timelines: TControlTimeline[]) => timelines[0]?.days.at(-1)?.date ?? null;

export function registerAuditTestingRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/audits/:auditId/timelines',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary: "Each control's coverage over the audit period and how many exceptions it has",
        tags: ['audits'],
        params: ZAuditParams,
        response: {
          200: z.object({ period: ZTimelinesPeriod, items: z.array(ZTimelineSummary) }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const audit = await auditOf(request, request.params.auditId);
      const [timelines, controls] = await Promise.all([
        controlTimelines(request.deps, scope, audit),
        request.deps.store.repos.controls.list(scope),
      ]);
      const byCode = new Map(controls.map((c) => [c.code, c]));
      return {
        period: { ...auditPeriod(audit), through: throughOf(timelines) },
        items: timelines.map((t) => ({
          controlCode: t.controlCode,
          title: byCode.get(t.controlCode)?.title ?? t.controlCode,
          frequency: byCode.get(t.controlCode)?.frequency ?? 'continuous',
          monitored: t.days.some((d) => d.tests !== 'none'),
          coverage: t.coverage,
          days: t.days.length,
          exceptions: t.exceptions.length,
        })),
      };
    },
  );

  app.get(
    '/api/v1/orgs/:org/audits/:auditId/controls/:code/timeline',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary: 'One control over the audit period: each day’s tests and evidence, coverage and exceptions',
        tags: ['audits'],
        params: ZAuditParams.extend({ code: z.string().min(1).max(40) }),
        response: {
          200: z.object({
            controlCode: z.string(),
            period: ZTimelinesPeriod,
            coverage: z.number(),
            days: z.array(ZDay),
            exceptions: z.array(ZException),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const audit = await auditOf(request, request.params.auditId);
      const timelines = await controlTimelines(request.deps, orgOf(request).scope, audit);
      const timeline = findTimeline(timelines, request.params.code);
      return { ...timeline, period: { ...auditPeriod(audit), through: throughOf(timelines) } };
    },
  );

  app.get(
    '/api/v1/orgs/:org/audits/:auditId/exceptions',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary:
          'Exceptions an auditor would find in the period: failing, unmonitored, lapsed evidence, missed reviews',
        tags: ['audits'],
        params: ZAuditParams,
        querystring: ZPage.extend({ kind: z.enum(TIMELINE_EXCEPTION_KINDS).optional() }),
        response: { 200: paged(ZException.extend({ controlCode: z.string() })), ...ERRORS },
      },
    },
    async (request) => {
      const timelines = await controlTimelines(
        request.deps,
        orgOf(request).scope,
        await auditOf(request, request.params.auditId),
      );
      const all = timelines
        .flatMap((t) => t.exceptions.map((e) => ({ controlCode: t.controlCode, ...e })))
        .filter((e) => request.query.kind === undefined || e.kind === request.query.kind)
        .sort((a, b) => a.from.localeCompare(b.from) || a.controlCode.localeCompare(b.controlCode));
      return page(all, request.query);
    },
  );

  app.get(
    '/api/v1/orgs/:org/audits/:auditId/populations',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary: 'Every population kind with its items in the audit period, and where they came from',
        tags: ['audits'],
        params: ZAuditParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                kind: z.enum(POPULATION_KINDS),
                label: z.string(),
                count: z.number().int(),
                sources: z.array(ZSource),
              }),
            ),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const populations = await listAuditPopulations(
        request.deps,
        orgOf(request).scope,
        await auditOf(request, request.params.auditId),
      );
      return {
        items: populations.map((p) => ({
          ...p,
          kind: p.kind as (typeof POPULATION_KINDS)[number],
          sources: p.sources.map((s) => ({ ...s, lastCollectedAt: s.lastCollectedAt.toISOString() })),
        })),
      };
    },
  );

  app.get(
    '/api/v1/orgs/:org/audits/:auditId/populations/:kind',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary: 'The items of one population that occurred in the audit period, oldest first',
        tags: ['audits'],
        params: ZAuditParams.extend({ kind: z.enum(POPULATION_KINDS) }),
        querystring: ZPage,
        response: { 200: paged(ZPopulationItem), ...ERRORS },
      },
    },
    async (request) => {
      const items = await listPopulationItems(
        request.deps,
        orgOf(request).scope,
        await auditOf(request, request.params.auditId),
        request.params.kind,
      );
      return page(items.map(itemView), request.query);
    },
  );

  app.post(
    '/api/v1/orgs/:org/audits/:auditId/samples',
    {
      config: { access: { kind: 'org', permission: 'audits:review' } },
      schema: {
        summary:
          'Draw a sample for a control from a population of the period (seed recorded; give one to re-draw)',
        tags: ['audits'],
        params: ZAuditParams,
        body: z.strictObject({
          controlCode: z.string().min(1).max(40),
          kind: z.enum(POPULATION_KINDS),
          size: z.number().int().min(1).max(500).optional(),
          seed: z.string().max(128).optional(),
        }),
        response: { 201: ZSample, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { scope } = orgOf(request);
      const audit = await auditOf(request, request.params.auditId);
      const sample = await drawAuditSample(request.deps, scope, audit, request.body);
      const all = await request.deps.store.repos.samples.list(scope, audit.id);
      const [view] = await sampleViews(request.deps, scope, [sample], all);
      if (!view) throw new AttestlyError('INTERNAL', 'the sample drawn was not shown');
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/orgs/:org/audits/:auditId/samples',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary: 'The samples drawn in the audit, oldest first, with their seeds and items',
        tags: ['audits'],
        params: ZAuditParams,
        response: { 200: z.object({ items: z.array(ZSample) }), ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const audit = await auditOf(request, request.params.auditId);
      const samples = await request.deps.store.repos.samples.list(scope, audit.id);
      return { items: await sampleViews(request.deps, scope, samples) };
    },
  );
}
