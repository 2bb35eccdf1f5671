import { type AppDeps, scopeOf, type TMonitorRun } from '../ports.ts';
import { runIntegration } from './run-integration.ts';

/**
 * One tick of the scheduler: runs the integrations whose time has come, across organizations. Each is
 * claimed first (its next run moved on atomically), so schedulers in several processes never run one
 * integration twice; a run that then fails is recorded as failed and retried at its next time.
 */
export async function runDueIntegrations(
  deps: AppDeps,
  limit = 10,
): Promise<Array<{ integrationId: string; run: TMonitorRun }>> {
  const now = deps.clock.now();
  const due = await deps.store.repos.monitoring.dueIntegrations(now, limit);
  const done: Array<{ integrationId: string; run: TMonitorRun }> = [];
  for (const integration of due) {
    const next = new Date(now.getTime() + integration.scheduleMinutes * 60_000);
    if (!(await deps.store.repos.monitoring.claimDue(integration.id, integration.nextRunAt, next))) continue;
    const scope = scopeOf({ id: integration.orgId });
    const actor = { type: 'system' as const, id: 'scheduler', requestId: null, sourceAddress: null };
    done.push({
      integrationId: integration.id,
      run: await runIntegration({ ...deps, actor }, scope, integration, undefined, {
        scheduledFor: integration.nextRunAt,
      }),
    });
  }
  return done;
}
