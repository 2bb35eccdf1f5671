import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE } from '../../../test/support/database.ts';
import { monitoredOrg } from '../../../test/support/demo-provider.ts';
import { controlMonitoring } from './control-monitoring.ts';
import { listCustomTests } from './custom-tests.ts';
import { deleteCustomTest } from './delete-custom-test.ts';
import { runIntegration } from './run-integration.ts';
import { saveCustomTest } from './save-custom-test.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

async function setup(users: Record<string, boolean>) {
  const t = await monitoredOrg(users);
  close = t.close;
  const states = async (testId: string) =>
    (await t.deps.store.repos.monitoring.states(t.scope))
      .filter((s) => s.testId === testId)
      .map((s) => [s.resourceId, s.status]);
  return { ...t, states };
}

const mfaTest = {
  id: 'mfa_for_ac03',
  title: 'Users have MFA (AC-03 view)',
  resourceType: 'demo.user',
  expression: 'resource.mfa',
  severity: 'critical',
  controls: ['ac-03'],
};

describe(`custom tests on ${ENGINE}`, () => {
  it('runs a saved test with the built-in ones, moves its control, and shows in the results', async () => {
    const t = await setup({ alice: true, bob: false });
    const saved = await saveCustomTest(t.deps, t.scope, mfaTest);
    expect(saved).toMatchObject({ id: 'custom.mfa_for_ac03', controls: ['AC-03'], severity: 'critical' });
    expect(await controlMonitoring(t.deps, t.scope)).not.toHaveProperty('AC-03');

    const first = await runIntegration(t.deps, t.scope, t.integration);
    expect(first).toMatchObject({ resources: 2, passed: 2, failed: 2 });
    expect(await t.states('custom.mfa_for_ac03')).toEqual([
      ['alice', 'pass'],
      ['bob', 'fail'],
    ]);
    const [bob] = (await t.deps.store.repos.monitoring.states(t.scope)).filter(
      (s) => s.testId === 'custom.mfa_for_ac03' && s.status === 'fail',
    );
    expect(bob).toMatchObject({ reason: 'does not hold: resource.mfa', fields: { mfa: false } });
    expect((await controlMonitoring(t.deps, t.scope)).get('AC-03')).toEqual({
      status: 'failing',
      failing: [
        {
          testId: 'custom.mfa_for_ac03',
          title: 'Users have MFA (AC-03 view)',
          resourceName: 'bob',
          reason: 'does not hold: resource.mfa',
        },
      ],
    });

    t.system.users.bob = true;
    await runIntegration(t.deps, t.scope, t.integration);
    expect((await controlMonitoring(t.deps, t.scope)).get('AC-03')).toEqual({
      status: 'passing',
      failing: [],
    });

    await deleteCustomTest(t.deps, t.scope, 'mfa_for_ac03');
    expect((await controlMonitoring(t.deps, t.scope)).get('AC-03')).toBeUndefined();
    await runIntegration(t.deps, t.scope, t.integration);
    expect(await t.states('custom.mfa_for_ac03')).toEqual([]);
    const actions = (await t.deps.store.repos.auditLog.chain(t.scope)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['custom_test.saved', 'custom_test.deleted']));
  });

  it('stores nothing that does not type-check or maps to unknown controls, and refuses a duplicate id', async () => {
    const t = await setup({ alice: true });
    await expect(
      saveCustomTest(t.deps, t.scope, { ...mfaTest, expression: 'resource.mfaa' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'resource.mfaa: no such field on demo.user (column 10); did you mean mfa?',
      details: { column: 10, field: 'mfaa', suggestion: 'mfa' },
    });
    await expect(
      saveCustomTest(t.deps, t.scope, { ...mfaTest, controls: ['AC-03', 'ZZ-99'] }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('unknown control ZZ-99'),
    });
    await expect(saveCustomTest(t.deps, t.scope, { ...mfaTest, severity: 'urgent' })).rejects.toThrow(
      'severity is one of',
    );
    expect(await listCustomTests(t.deps, t.scope)).toEqual([]);

    await saveCustomTest(t.deps, t.scope, mfaTest);
    await expect(saveCustomTest(t.deps, t.scope, mfaTest)).rejects.toMatchObject({ code: 'CONFLICT' });
    const replaced = await saveCustomTest(t.deps, t.scope, {
      ...mfaTest,
      expression: '!resource.mfa',
      replace: true,
    });
    expect(replaced.expression).toBe('!resource.mfa');
    expect((await listCustomTests(t.deps, t.scope)).map((c) => c.expression)).toEqual(['!resource.mfa']);
    await expect(deleteCustomTest(t.deps, t.scope, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('runs a stored test that no longer type-checks as errors on every resource, never as a pass', async () => {
    const t = await setup({ alice: true, bob: true });
    await t.deps.store.repos.customTests.save(t.scope, {
      id: 'custom.stale',
      rowId: t.deps.newId(),
      title: 'Written against an older schema',
      resourceType: 'demo.user',
      expression: 'resource.mfaEnabled',
      severity: 'high',
      controls: ['AC-03'],
      rationale: '',
      remediation: '',
      createdBy: 'test',
      createdAt: t.clock.now(),
    });
    const run = await runIntegration(t.deps, t.scope, t.integration);
    expect(run).toMatchObject({ passed: 2, errors: 2 });
    const [state] = (await t.deps.store.repos.monitoring.states(t.scope)).filter(
      (s) => s.testId === 'custom.stale',
    );
    expect(state?.reason).toContain('no longer type-checks: resource.mfaEnabled: no such field on demo.user');
    expect((await controlMonitoring(t.deps, t.scope)).get('AC-03')?.status).toBe('failing');
  });
});
