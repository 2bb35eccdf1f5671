import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { demoSystem } from '../support/demo-provider.ts';
import { serverHarness } from '../support/server.ts';

let h: Awaited<ReturnType<typeof serverHarness>>;
const demo = demoSystem({ alice: true, bob: false });
let owner: string;
let viewer: string;

const call = (method: string, url: string, token: string, payload?: unknown) =>
  h.orgCall('acme-cloud')(method, url, token, payload);

const test = {
  id: 'users_mfa',
  title: 'Every user has MFA',
  resourceType: 'demo.user',
  expression: 'resource.mfa',
  severity: 'high',
  controls: ['AC-03'],
};

beforeAll(async () => {
  h = await serverHarness({}, { monitoring: demo.monitoring });
  const browser = await h.setupOwner();
  await browser.call('PUT', '/api/v1/orgs/acme-cloud/program', { reportType: 'type1', asOf: '2026-12-31' });
  owner = await h.tokenFor('acme-cloud', 'owner');
  viewer = await h.tokenFor('acme-cloud', 'viewer');
});
afterAll(() => h.close());

describe(`custom tests over HTTP on ${ENGINE}`, () => {
  it('refuses a bad expression with the pointed message in the standard error body', async () => {
    const typo = await call('POST', '/custom-tests', owner, { ...test, expression: 'resource.mfaEnabld' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json()).toEqual({
      error: {
        code: 'INVALID_INPUT',
        message: 'resource.mfaEnabld: no such field on demo.user (column 10)',
        details: { line: 1, column: 10, field: 'mfaEnabld', type: 'demo.user' },
      },
    });
    const wrongType = await call('POST', '/custom-tests/check', viewer, {
      resourceType: 'demo.user',
      expression: 'resource.mfa < 90',
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.message).toBe(
      'resource.mfa < 90: < does not apply to bool and int (column 1)',
    );
    const good = await call('POST', '/custom-tests/check', viewer, {
      resourceType: 'demo.user',
      expression: 'resource.mfa == true',
    });
    expect(good.json()).toEqual({ valid: true, references: ['mfa'] });
  });

  it('saves, lists, runs and deletes a custom test, for those allowed to', async () => {
    expect((await call('POST', '/custom-tests', viewer, test)).statusCode).toBe(403);
    const saved = await call('POST', '/custom-tests', owner, test);
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({ id: 'custom.users_mfa', controls: ['AC-03'], severity: 'high' });
    expect((await call('POST', '/custom-tests', owner, test)).statusCode).toBe(409);
    const listed = (await call('GET', '/custom-tests', viewer)).json();
    expect(listed.items.map((t: { id: string }) => t.id)).toEqual(['custom.users_mfa']);

    expect(
      (await call('POST', '/integrations', owner, { type: 'demo', name: 'dir', config: { token: 'x' } }))
        .statusCode,
    ).toBe(201);
    expect((await call('POST', '/integrations/dir/runs', owner)).json()).toMatchObject({
      passed: 2,
      failed: 2,
    });
    const failing = (await call('GET', '/test-results?status=fail&test=custom.users_mfa', viewer)).json();
    expect(failing.items).toMatchObject([
      { resourceName: 'bob', reason: 'does not hold: resource.mfa', fields: { mfa: false } },
    ]);

    expect((await call('DELETE', '/custom-tests/custom.users_mfa', viewer)).statusCode).toBe(403);
    expect((await call('DELETE', '/custom-tests/custom.users_mfa', owner)).statusCode).toBe(204);
    expect((await call('DELETE', '/custom-tests/custom.users_mfa', owner)).statusCode).toBe(404);
    expect((await call('GET', '/custom-tests', viewer)).json()).toEqual({ items: [] });
  });
});
