import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE } from '../../../test/support/database.ts';
import { monitoredOrg } from '../../../test/support/demo-provider.ts';
import type { AppDeps } from '../ports.ts';
import type { Collector } from './collector.ts';
import { runQueuedIntegration } from './run-queued-integration.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function setup() {
  const app = await monitoredOrg({ alice: true, bob: false });
  close = app.close;
  const slot = {
    orgId: app.org.id,
    integrationId: app.integration.id,
    scheduledFor: app.integration.nextRunAt,
  };
  const runs = () => app.deps.store.repos.monitoring.listRuns(app.scope, app.integration.id, 100);
  const auditedRuns = async () =>
    (await app.deps.store.repos.auditLog.chain(app.scope)).filter((e) => e.action === 'integration.run');
  return { app, slot, runs, auditedRuns };
}

/** The demo collector, behind a gate: every collection waits until `count` of them have started. */
function gatedDeps(deps: AppDeps, count: number): AppDeps {
  const inner = deps.monitoring.collectors.get('demo') as Collector;
  let started = 0;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const collector: Collector = {
    ...inner,
    async collect(config, context) {
      started += 1;
      if (started === count) open();
      await gate;
      return inner.collect(config, context);
    },
  };
  return { ...deps, monitoring: { ...deps.monitoring, collectors: new Map([['demo', collector]]) } };
}

describe(`a queued run on ${ENGINE}`, () => {
  it('runs a slot once: a second delivery is skipped, the next slot runs', async () => {
    const { app, slot, runs, auditedRuns } = await setup();
    const lines: string[] = [];

    const first = await runQueuedIntegration(app.deps, slot, { progress: (m) => lines.push(m) });
    expect(first.status).toBe('ran');
    expect(first.status === 'ran' && [first.run.status, first.run.passed, first.run.failed]).toEqual([
      'succeeded',
      1,
      1,
    ]);
    expect(lines[0]).toBe(`directory: running (scheduled for ${slot.scheduledFor.toISOString()})`);

    const again = await runQueuedIntegration(app.deps, slot);
    expect(again).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^already ran at /) });
    expect(await runs()).toHaveLength(1);

    app.clock.advanceMinutes(61);
    const integration = await app.deps.store.repos.monitoring.findIntegration(app.scope, 'directory');
    const next = await runQueuedIntegration(app.deps, {
      ...slot,
      scheduledFor: integration?.nextRunAt ?? new Date(0),
    });
    expect(next.status).toBe('ran');
    expect(await runs()).toHaveLength(2);
    expect(await auditedRuns()).toHaveLength(2);
  });

  it('records one run when two deliveries of a slot run at the same time', async () => {
    const { app, slot, runs, auditedRuns } = await setup();
    const deps = gatedDeps(app.deps, 2);

    const outcomes = await Promise.all([runQueuedIntegration(deps, slot), runQueuedIntegration(deps, slot)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['ran', 'skipped']);
    expect(outcomes.find((o) => o.status === 'skipped')).toMatchObject({
      reason: 'another worker recorded this run first',
    });
    expect(await runs()).toHaveLength(1);
    expect(await auditedRuns()).toHaveLength(1);
    const states = await app.deps.store.repos.monitoring.states(app.scope, app.integration.id);
    expect(states.map((s) => [s.resourceId, s.status])).toEqual([
      ['alice', 'pass'],
      ['bob', 'fail'],
    ]);
  });

  it('runs a slot again when the delivery before it stopped without recording anything', async () => {
    const { app, slot, runs } = await setup();
    const inner = app.deps.monitoring.collectors.get('demo') as Collector;
    const dying: Collector = {
      ...inner,
      collect: async () => {
        throw new Error('the worker lost its database connection');
      },
    };
    const deps = {
      ...app.deps,
      monitoring: { ...app.deps.monitoring, collectors: new Map([['demo', dying]]) },
    };

    await expect(runQueuedIntegration(deps, slot)).rejects.toThrow(/lost its database connection/);
    expect(await runs()).toHaveLength(0);
    const retried = await runQueuedIntegration(app.deps, slot);
    expect(retried.status).toBe('ran');
    expect(await runs()).toHaveLength(1);
  });

  it('skips a request for an integration that no longer exists', async () => {
    const { app, slot } = await setup();
    const outcome = await runQueuedIntegration(app.deps, {
      ...slot,
      integrationId: '00000000-0000-4000-8000-999999999999',
    });
    expect(outcome).toEqual({ status: 'skipped', integration: null, reason: 'the integration was removed' });
  });
});
