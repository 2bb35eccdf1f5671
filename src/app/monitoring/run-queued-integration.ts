import { type AppDeps, scopeOf, type TIntegration, type TMonitorRun } from '../ports.ts';
import type { TCollectorContext } from './collector.ts';
import { isDuplicateScheduledRun, runIntegration } from './run-integration.ts';
import type { TRunRequest } from './run-queue.ts';

export type TQueuedRunOutcome =
  | { status: 'ran'; integration: TIntegration; run: TMonitorRun }
  | { status: 'skipped'; integration: TIntegration | null; reason: string };

/**
 * What a worker does with one request from the queue: the run of one integration's slot, exactly once.
 * A request whose slot is already served (a run finished after it was due, or another worker recorded
 * it while this one collected) is skipped, so a second delivery does not run twice; a request whose
 * first worker died before recording anything runs again.
 */
export async function runQueuedIntegration(
  deps: AppDeps,
  request: TRunRequest,
  context: TCollectorContext = { progress: () => undefined },
): Promise<TQueuedRunOutcome> {
  const scope = scopeOf({ id: request.orgId });
  const integration = await deps.store.repos.monitoring.findIntegration(scope, request.integrationId);
  if (!integration) return { status: 'skipped', integration: null, reason: 'the integration was removed' };
  if (!integration.enabled) return { status: 'skipped', integration, reason: 'the integration is disabled' };
  if (integration.lastRunAt && integration.lastRunAt >= request.scheduledFor)
    return {
      status: 'skipped',
      integration,
      reason: `already ran at ${integration.lastRunAt.toISOString()}`,
    };
  const progress = (message: string) => context.progress(`${integration.name}: ${message}`);
  progress(`running (scheduled for ${request.scheduledFor.toISOString()})`);
  try {
    const run = await runIntegration(
      deps,
      scope,
      integration,
      { ...context, progress },
      { scheduledFor: request.scheduledFor },
    );
    return { status: 'ran', integration, run };
  } catch (error) {
    if (!isDuplicateScheduledRun(error)) throw error;
    return { status: 'skipped', integration, reason: 'another worker recorded this run first' };
  }
}
