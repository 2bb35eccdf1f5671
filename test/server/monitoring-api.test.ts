import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { demoSystem } from '../support/demo-provider.ts';
import { serverHarness } from '../support/server.ts';

let h: Awaited<ReturnType<typeof serverHarness>>;
const demo = demoSystem({ alice: true, bob: false });
let owner: string;
let member: string;

const call = (method: string, url: string, token: string, payload?: unknown) =>
  h.orgCall('acme-cloud')(method, url, token, payload);

beforeAll(async () => {
  h = await serverHarness({}, { monitoring: demo.monitoring });
  const browser = await h.setupOwner();
  await browser.call('PUT', '/api/v1/orgs/acme-cloud/program', { reportType: 'type1', asOf: '2026-12-31' });
  owner = await h.tokenFor('acme-cloud', 'owner');
  member = await h.tokenFor('acme-cloud', 'member');
});
afterAll(() => h.close());

describe(`monitoring over HTTP on ${ENGINE}`, () => {
  it('connects a system without ever returning its settings, runs it on demand, and lists results', async () => {
    expect(
      (await call('POST', '/integrations', member, { type: 'demo', name: 'dir', config: { token: 'x' } }))
        .statusCode,
    ).toBe(403);
    const refused = await call('POST', '/integrations', owner, { type: 'demo', name: 'dir', config: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      message: /^config\.token: /,
      details: { field: 'config.token' },
    });
    const added = await call('POST', '/integrations', owner, {
      type: 'demo',
      name: 'dir',
      config: { token: 'super-secret' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.body).not.toContain('super-secret');
    expect(added.json()).toMatchObject({ type: 'demo', name: 'dir', status: 'new', scheduleMinutes: 60 });

    const run = await call('POST', '/integrations/dir/runs', member);
    expect(run.json()).toMatchObject({ status: 'succeeded', resources: 2, passed: 1, failed: 1 });
    const failing = (await call('GET', '/test-results?status=fail', member)).json();
    expect(failing.items.map((s: { resourceName: string }) => s.resourceName)).toEqual(['bob']);
    expect((await call('GET', '/integrations/dir/runs', member)).json().total).toBe(1);
    expect((await call('GET', '/integrations', member)).body).not.toContain('super-secret');
    expect((await call('GET', '/integrations', member)).json().items[0]).toMatchObject({
      passing: 1,
      failing: 1,
    });
    const mine = (await call('GET', '/test-results?integration=dir', member)).json();
    expect(mine.items.map((s: { resourceName: string }) => s.resourceName).sort()).toEqual(['alice', 'bob']);
    const unknown = await call('GET', '/test-results?integration=nope', member);
    expect(unknown.statusCode).toBe(404);

    demo.system.refuse = 'token revoked';
    const failed = await call('POST', '/integrations/dir/runs', owner);
    expect(failed.json()).toMatchObject({ status: 'failed', error: { message: 'token revoked' } });
    expect((await call('GET', '/integrations', owner)).json().items[0]).toMatchObject({
      status: 'failed',
      lastError: { message: 'token revoked' },
    });
  });

  it('publishes the test library', async () => {
    const tests = (await h.server.inject({ method: 'GET', url: '/api/v1/tests' })).json();
    expect(tests).toEqual([
      {
        id: 'demo.mfa',
        title: 'Every user has MFA',
        severity: 'high',
        provider: 'demo',
        resourceTypes: ['demo.user'],
        controls: ['AC-02'],
        rationale: 'Passwords alone are phished.',
        remediation: 'Enrol a second factor.',
      },
    ]);
  });
});
