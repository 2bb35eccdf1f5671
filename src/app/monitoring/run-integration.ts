import { AttestlyError } from '../../domain/errors.ts';
import { indexStates, judgeRun } from '../../domain/monitoring/diff.ts';
import type { TResource } from '../../domain/monitoring/model.ts';
import { verifyAccessRevocations } from '../access-reviews/verify-access-revocations.ts';
import { recordChange } from '../audit/record-change.ts';
import { recordRunPopulations } from '../audits/record-run-populations.ts';
import type { AppDeps, OrgScope, Repositories, TIntegration, TMonitorRun } from '../ports.ts';
import { recordReadinessSnapshot } from '../readiness/record-readiness-snapshot.ts';
import { integrationContext } from './add-integration.ts';
import type { TCollectorContext } from './collector.ts';
import { compiledCustomTests } from './custom-tests.ts';
import { checkResources } from './scan.ts';
import { storeSnapshot } from './store-snapshot.ts';

/** A second run of one scheduled slot: its writes are rolled back and the caller counts it as a duplicate. */
export function isDuplicateScheduledRun(error: unknown): boolean {
  return (
    error instanceof AttestlyError && error.code === 'CONFLICT' && error.details?.scheduledFor !== undefined
  );
}

/** Resources a connection received (push API, imported report), already checked against their schemas. */
export interface TPushedResources {
  resources: TResource[];
  /** The types this push replaces; the connection's resources of other types keep their results. */
  resourceTypes: readonly string[];
}

/** The integration's collector's resources, checked against their types' schemas. */
async function collectResources(
  deps: AppDeps,
  scope: OrgScope,
  integration: TIntegration,
  context: TCollectorContext,
): Promise<TResource[]> {
  if (integration.delivery === 'pushed')
    throw new AttestlyError(
      'INVALID_INPUT',
      `"${integration.name}" receives its resources by push or import: there is nothing to collect`,
    );
  const collector = deps.monitoring.collectors.get(integration.type);
  if (!collector)
    throw new AttestlyError('INVALID_INPUT', `this build has no collector for "${integration.type}"`);
  const config = JSON.parse(
    (await deps.secrets()).open(integration.configSealed, integrationContext(scope, integration.id)),
  );
  return checkResources(
    deps.monitoring.library,
    await collector.collect(collector.configSchema.parse(config), context),
    collector.type,
  );
}

/**
 * One run of one integration: collect, judge, and keep only what changed. The observed resources are kept
 * as a canonical JSON snapshot, stored by its SHA-256. A collection failure is recorded as a failed run with
 * the provider's message; the previous results stay as they were, so nothing turns green by failing.
 * A scheduled run names its slot (scheduledFor): a slot is recorded once, and a second run of it throws
 * CONFLICT (see isDuplicateScheduledRun) with nothing written. A push (`pushed`) is judged and kept the
 * same way, in place of a collection.
 */
export async function runIntegration(
  deps: AppDeps,
  scope: OrgScope,
  integration: TIntegration,
  context: TCollectorContext = { progress: () => undefined },
  options: { scheduledFor?: Date; pushed?: TPushedResources } = {},
): Promise<TMonitorRun> {
  const { library } = deps.monitoring;
  const startedAt = deps.clock.now();
  const runId = deps.newId();
  const base: TMonitorRun = {
    id: runId,
    integrationId: integration.id,
    startedAt,
    finishedAt: startedAt,
    status: 'succeeded',
    error: null,
    resources: 0,
    passed: 0,
    failed: 0,
    errors: 0,
    notApplicable: 0,
    transitions: 0,
    snapshotSha256: null,
    snapshotBlobKey: null,
  };
  const nextRunAt = (at: Date) => new Date(at.getTime() + integration.scheduleMinutes * 60_000);
  const recordRun = async (repos: Repositories, run: TMonitorRun) => {
    const scheduledFor = options.scheduledFor ?? null;
    if (!(await repos.monitoring.insertRun(scope, run, scheduledFor)))
      throw new AttestlyError('CONFLICT', `the run scheduled for ${scheduledFor?.toISOString()} exists`, {
        scheduledFor: scheduledFor?.toISOString(),
      });
  };

  let resources: TResource[];
  try {
    resources = options.pushed
      ? options.pushed.resources
      : await collectResources(deps, scope, integration, context);
  } catch (error) {
    if (!(error instanceof AttestlyError) || error.code !== 'COLLECTION_FAILED') throw error;
    const finishedAt = deps.clock.now();
    const failure = { message: error.message, ...(error.details ? { details: error.details } : {}) };
    const run: TMonitorRun = { ...base, finishedAt, status: 'failed', error: failure };
    await deps.store.transaction(async (repos) => {
      await recordRun(repos, run);
      await repos.monitoring.updateIntegrationAfterRun(scope, integration.id, {
        status: 'failed',
        lastError: failure,
        lastRunAt: finishedAt,
        nextRunAt: nextRunAt(finishedAt),
      });
      await recordChange(
        repos,
        scope,
        deps,
        'integration.run_failed',
        { type: 'integration', id: integration.id },
        { run: runId, ...failure },
      );
    });
    return run;
  }

  const tests = [...library.tests, ...(await compiledCustomTests(deps, scope))];
  const blob = await storeSnapshot(deps.blobs, {
    integration: { id: integration.id, type: integration.type },
    collectedAt: startedAt,
    resources,
  });
  const completed = await deps.store.transaction(async (repos) => {
    // Judged against the stored state in one pass: only the counts and the pairs to write are kept.
    const stored = await repos.monitoring.states(scope, integration.id);
    const pushedTypes = options.pushed ? new Set(options.pushed.resourceTypes) : null;
    const previous = indexStates(
      pushedTypes ? stored.filter((s) => pushedTypes.has(s.resourceType)) : stored,
    );
    const { summary, transitions } = judgeRun(resources, tests, { now: startedAt }, previous);
    const finishedAt = deps.clock.now();
    const run: TMonitorRun = {
      ...base,
      finishedAt,
      resources: summary.resources,
      passed: summary.pass,
      failed: summary.fail,
      errors: summary.error,
      notApplicable: summary.not_applicable,
      transitions: transitions.length,
      snapshotSha256: blob.sha256,
      snapshotBlobKey: blob.key,
    };
    await recordRun(repos, run);
    await repos.monitoring.applyTransitions(scope, integration.id, runId, transitions, finishedAt);
    await repos.monitoring.updateIntegrationAfterRun(scope, integration.id, {
      status: 'ok',
      lastError: null,
      lastRunAt: finishedAt,
      nextRunAt: nextRunAt(finishedAt),
    });
    await recordChange(
      repos,
      scope,
      deps,
      'integration.run',
      { type: 'integration', id: integration.id },
      {
        run: runId,
        ...summary,
        transitions: transitions.length,
        snapshotSha256: blob.sha256,
        ...(options.pushed ? { pushed: [...options.pushed.resourceTypes] } : {}),
      },
    );
    // Merged pull requests and the like join their population, which outlives the collector's lookback.
    await recordRunPopulations(repos, scope, deps, integration, resources, startedAt);
    return run;
  });
  await recordReadinessSnapshot(deps, scope);
  // Revoked accounts of the system's access reviews: verified once gone or disabled, flagged when overdue.
  await verifyAccessRevocations(deps, scope, {
    integrationId: integration.id,
    runId,
    at: completed.finishedAt,
    resources,
    resourceTypes: options.pushed ? options.pushed.resourceTypes : null,
  });
  return completed;
}
