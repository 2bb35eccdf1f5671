import { enqueueDueIntegrations } from '../../app/monitoring/enqueue-due-integrations.ts';
import { runDueIntegrations } from '../../app/monitoring/run-due-integrations.ts';
import type { RunQueue } from '../../app/monitoring/run-queue.ts';
import { refreshDuePeople } from '../../app/people/refresh-due-people.ts';
import type { AppDeps } from '../../app/ports.ts';

/**
 * Every few seconds, runs due integrations in this process (the embedded mode's worker), or, given a run
 * queue, queues them for `attestly worker` processes. Ticks never overlap, and stop() waits for the one in
 * flight, so shutdown does not cut a run in half.
 */
export function startScheduler(
  deps: AppDeps,
  seconds: number,
  warn: (message: string) => void,
  queue: RunQueue | null = null,
) {
  if (seconds === 0) return { stop: async () => undefined };
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = (queue ? enqueueDueIntegrations(deps, queue) : runDueIntegrations(deps))
      .catch((error: unknown) => warn(`scheduled monitoring run failed: ${(error as Error).message}`))
      // People's checklists go overdue by the calendar alone: their hourly judgement runs here, in both modes.
      .then(() => refreshDuePeople(deps))
      .catch((error: unknown) => warn(`scheduled people check failed: ${(error as Error).message}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
