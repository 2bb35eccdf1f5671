import type { AppDeps } from '../ports.ts';
import type { RunQueue, TRunRequest } from './run-queue.ts';

/**
 * One tick of the scheduler when workers run the integrations: queues each due integration's slot, then
 * claims it (its next run moved on atomically). Queuing first is what survives a crash in between: a slot
 * that was queued but not claimed is queued again on the next tick, and the queue ignores a slot it holds.
 * Schedulers in several processes queue each slot once.
 */
export async function enqueueDueIntegrations(
  deps: AppDeps,
  queue: RunQueue,
  limit = 100,
): Promise<TRunRequest[]> {
  const now = deps.clock.now();
  const due = await deps.store.repos.monitoring.dueIntegrations(now, limit);
  const queued: TRunRequest[] = [];
  for (const integration of due) {
    const request = {
      orgId: integration.orgId,
      integrationId: integration.id,
      scheduledFor: integration.nextRunAt,
    };
    await queue.enqueue(request);
    const next = new Date(now.getTime() + integration.scheduleMinutes * 60_000);
    if (await deps.store.repos.monitoring.claimDue(integration.id, integration.nextRunAt, next))
      queued.push(request);
  }
  return queued;
}
