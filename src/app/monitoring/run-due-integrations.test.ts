import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE } from '../../../test/support/database.ts';
import { monitoredOrg } from '../../../test/support/demo-provider.ts';
import { scopeOf } from '../ports.ts';
import { runDueIntegrations } from './run-due-integrations.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

describe(`the scheduler on ${ENGINE}`, () => {
  it('runs what is due once, even when two ticks race, and again when its time comes', async () => {
    const app = await monitoredOrg({ alice: true }, { scheduleMinutes: 60 });
    close = app.close;
    const { org } = app;

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
