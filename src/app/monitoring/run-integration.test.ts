import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE } from '../../../test/support/database.ts';
import { monitoredOrg } from '../../../test/support/demo-provider.ts';
import { getReadiness } from '../readiness/get-readiness.ts';
import { addIntegration } from './add-integration.ts';
import { runIntegration } from './run-integration.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

async function setup(users: Record<string, boolean>) {
  const t = await monitoredOrg(users);
  close = t.close;
  const cc61 = async () =>
    (await getReadiness(t.deps, t.org, t.scope)).criteria.find((c) => c.id === 'CC6.1');
  return { ...t, cc61 };
}

describe(`monitoring runs on ${ENGINE}`, () => {
  it('judges every resource, keeps only changes, and moves readiness', async () => {
    const t = await setup({ alice: true, bob: false });
    const before = await t.cc61();
    const first = await runIntegration(t.deps, t.scope, t.integration);
    expect(first).toMatchObject({ status: 'succeeded', resources: 2, passed: 1, failed: 1, transitions: 2 });
    expect(first.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
    const snapshot = JSON.parse(
      new TextDecoder().decode(await t.deps.blobs.get(first.snapshotBlobKey ?? '')),
    );
    expect(snapshot.resources.map((r: { id: string }) => r.id)).toEqual(['alice', 'bob']);

    const failing = await t.cc61();
    expect(failing?.controls.evidenced).toBe(before?.controls.evidenced);

    const unchanged = await runIntegration(t.deps, t.scope, t.integration);
    expect(unchanged.transitions).toBe(0);

    t.system.users.bob = true;
    const fixed = await runIntegration(t.deps, t.scope, t.integration);
    expect(fixed).toMatchObject({ passed: 2, failed: 0, transitions: 1 });
    const after = await t.cc61();
    expect(after?.controls.evidenced).toBe((before?.controls.evidenced ?? 0) + 1);

    delete t.system.users.alice;
    const gone = await runIntegration(t.deps, t.scope, t.integration);
    expect(gone.transitions).toBe(1);
    expect((await t.deps.store.repos.monitoring.states(t.scope)).map((s) => s.resourceId)).toEqual(['bob']);
  });

  it('records a failed collection loudly and leaves the previous results as they were', async () => {
    const t = await setup({ alice: false });
    await runIntegration(t.deps, t.scope, t.integration);
    t.system.refuse = 'Invalid token (401)';
    const failed = await runIntegration(t.deps, t.scope, t.integration);
    expect(failed).toMatchObject({
      status: 'failed',
      error: { message: 'Invalid token (401)', details: { permission: 'users:read' } },
    });
    const [integration] = await t.deps.store.repos.monitoring.listIntegrations(t.scope);
    expect(integration).toMatchObject({ status: 'failed', lastError: { message: 'Invalid token (401)' } });
    expect(
      (await t.deps.store.repos.monitoring.states(t.scope)).map((s) => [s.resourceId, s.status]),
    ).toEqual([['alice', 'fail']]);
    const log = await t.deps.store.repos.auditLog.chain(t.scope);
    expect(log.map((e) => e.action)).toContain('integration.run_failed');
  });

  it('seals the settings, refuses bad ones, and never logs their values', async () => {
    const t = await setup({});
    const row = await t.database.db
      .selectFrom('integrations')
      .select('config_sealed')
      .executeTakeFirstOrThrow();
    expect(row.config_sealed).not.toContain('"token"');
    await expect(
      addIntegration(t.deps, t.scope, { type: 'demo', name: 'x', config: { token: '' } }),
    ).rejects.toThrow('config.token');
    await expect(addIntegration(t.deps, t.scope, { type: 'nope', name: 'x', config: {} })).rejects.toThrow(
      'unknown integration type "nope"',
    );
    const log = await t.deps.store.repos.auditLog.chain(t.scope);
    expect(log.find((e) => e.action === 'integration.added')?.details).toMatchObject({ settings: ['token'] });
  });
});
