import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { ENGINE } from '../../../test/support/database.ts';
import { demoSystem } from '../../../test/support/demo-provider.ts';
import { scopeOf } from '../ports.ts';
import { initProgram } from '../program/init-program.ts';
import { addIntegration } from './add-integration.ts';
import { runDueIntegrations } from './run-due-integrations.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

describe(`the scheduler on ${ENGINE}`, () => {
  it('runs what is due once, even when two ticks race, and again when its time comes', async () => {
    const demo = demoSystem({ alice: true });
    const app = await testApp(undefined, { monitoring: demo.monitoring });
    close = app.close;
    const { org } = await initProgram(app.deps, {
      name: 'Acme',
      reportType: 'type1',
      asOf: '2026-12-31',
      categories: [],
      componentKinds: ['software'],
      components: [],
    });
    await addIntegration(app.deps, scopeOf(org), {
      type: 'demo',
      name: 'dir',
      config: { token: 't' },
      scheduleMinutes: 60,
    });

    const [one, two] = await Promise.all([runDueIntegrations(app.deps), runDueIntegrations(app.deps)]);
    expect(one.length + two.length).toBe(1);
    expect(await runDueIntegrations(app.deps)).toEqual([]);
    app.clock.advanceMinutes(61);
    const later = await runDueIntegrations(app.deps);
    expect(later.map((r) => r.run.status)).toEqual(['succeeded']);
    const log = await app.deps.store.repos.auditLog.chain(scopeOf(org));
    expect(log.filter((e) => e.action === 'integration.run').map((e) => e.actor)).toEqual([
      'scheduler',
      'scheduler',
    ]);
  });
});
