import { canonicalJson } from '../../domain/audit-chain.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { diffOutcomes, pairKey } from '../../domain/monitoring/diff.ts';
import { evaluateInventory, summarize } from '../../domain/monitoring/evaluate.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TIntegration, TMonitorRun } from '../ports.ts';
import { recordReadinessSnapshot } from '../readiness/record-readiness-snapshot.ts';
import { integrationContext } from './add-integration.ts';
import type { TCollectorContext } from './collector.ts';
import { compiledCustomTests } from './custom-tests.ts';
import { checkResources } from './scan.ts';

/**
 * One run of one integration: collect, judge, and keep only what changed. The observed resources are kept
 * as a canonical JSON snapshot, stored by its SHA-256. A collection failure is recorded as a failed run with
 * the provider's message; the previous results stay as they were, so nothing turns green by failing.
 */
export async function runIntegration(
  deps: AppDeps,
  scope: OrgScope,
  integration: TIntegration,
  context: TCollectorContext = { progress: () => undefined },
): Promise<TMonitorRun> {
  const { collectors, library } = deps.monitoring;
  const collector = collectors.get(integration.type);
  if (!collector)
    throw new AttestlyError('INVALID_INPUT', `this build has no collector for "${integration.type}"`);
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

  let resources: Awaited<ReturnType<typeof collector.collect>>;
  try {
    const config = JSON.parse(
      (await deps.secrets()).open(integration.configSealed, integrationContext(scope, integration.id)),
    );
    resources = checkResources(
      library,
      await collector.collect(collector.configSchema.parse(config), context),
      collector.type,
    );
  } catch (error) {
    if (!(error instanceof AttestlyError) || error.code !== 'COLLECTION_FAILED') throw error;
    const finishedAt = deps.clock.now();
    const failure = { message: error.message, ...(error.details ? { details: error.details } : {}) };
    const run: TMonitorRun = { ...base, finishedAt, status: 'failed', error: failure };
    await deps.store.transaction(async (repos) => {
      await repos.monitoring.insertRun(scope, run);
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
  const outcomes = evaluateInventory(resources, tests, { now: startedAt });
  const summary = summarize(resources.length, outcomes);
  const snapshot = canonicalJson({
    integration: { id: integration.id, type: integration.type },
    collectedAt: startedAt,
    resources,
  });
  const blob = await deps.blobs.put(new TextEncoder().encode(snapshot));
  const finishedAt = deps.clock.now();
  const completed = await deps.store.transaction(async (repos) => {
    const previous = new Map(
      (await repos.monitoring.states(scope, integration.id)).map((s) => [pairKey(s.testId, s.resourceId), s]),
    );
    const transitions = diffOutcomes(previous, outcomes);
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
    await repos.monitoring.insertRun(scope, run);
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
      },
    );
    return run;
  });
  await recordReadinessSnapshot(deps, scope);
  return completed;
}
