import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE } from '../../../test/support/database.ts';
import { monitoredOrg } from '../../../test/support/demo-provider.ts';
import { enqueueDueIntegrations } from './enqueue-due-integrations.ts';
import type { RunQueue, TRunRequest } from './run-queue.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A queue in memory that, like the real one, holds each slot once. */
function memoryQueue() {
  const slots = new Map<string, TRunRequest>();
  let refuse = 0;
  const queue: RunQueue = {
    async enqueue(request) {
      if (refuse > 0) {
        refuse -= 1;
        throw new Error('the queue is unreachable');
      }
      const key = `${request.integrationId}@${request.scheduledFor.toISOString()}`;
      if (slots.has(key)) return false;
      slots.set(key, request);
      return true;
    },
  };
  const refuseNext = () => {
    refuse += 1;
  };
  return { queue, slots, refuseNext };
}

describe(`the scheduler with a run queue on ${ENGINE}`, () => {
  it('queues each due slot once, even when two schedulers race, and the next slot when it comes', async () => {
    const app = await monitoredOrg({ alice: true }, { scheduleMinutes: 60 });
    close = app.close;
    const { queue, slots } = memoryQueue();

    const [one, two] = await Promise.all([
      enqueueDueIntegrations(app.deps, queue),
      enqueueDueIntegrations(app.deps, queue),
    ]);
    expect(one.length + two.length).toBe(1);
    expect([...slots.values()]).toEqual([
      { orgId: app.org.id, integrationId: app.integration.id, scheduledFor: app.integration.nextRunAt },
    ]);
    expect(await enqueueDueIntegrations(app.deps, queue)).toEqual([]);

    app.clock.advanceMinutes(61);
    const later = await enqueueDueIntegrations(app.deps, queue);
    expect(later.map((r) => r.scheduledFor.getTime())).toEqual([
      app.integration.nextRunAt.getTime() + 60 * 60_000,
    ]);
    expect(slots.size).toBe(2);
    // Queuing runs nothing: the workers do.
    expect(await app.deps.store.repos.monitoring.listRuns(app.scope, app.integration.id, 10)).toEqual([]);
  });

  it('keeps a slot due when it could not be queued', async () => {
    const app = await monitoredOrg({ alice: true });
    close = app.close;
    const { queue, slots, refuseNext } = memoryQueue();
    refuseNext();

    await expect(enqueueDueIntegrations(app.deps, queue)).rejects.toThrow(/unreachable/);
    expect(slots.size).toBe(0);
    const retried = await enqueueDueIntegrations(app.deps, queue);
    expect(retried.map((r) => r.integrationId)).toEqual([app.integration.id]);
  });
});
