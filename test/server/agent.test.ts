import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlMonitoring } from '../../src/app/monitoring/control-monitoring.ts';
import type { TEndpointDevice } from '../../src/catalog/monitoring/endpoint.ts';
import { ENGINE } from '../support/database.ts';
import { serverHarness } from '../support/server.ts';

let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: string;
let auditor: string;

const call = (method: string, url: string, token: string, payload?: unknown) =>
  h.orgCall('acme-cloud')(method, url, token, payload);
const agentCall = (url: string, payload: unknown, credential?: string) =>
  h.server.inject({
    method: 'POST',
    url: `/api/v1/agent/${url}`,
    headers: credential ? h.bearer(credential) : {},
    payload: payload as object,
  });

/** A report as `attestly agent report` sends it: a Debian server with LUKS but no firewall. */
function aReport(
  hostname: string,
  change: (d: TEndpointDevice) => unknown = () => undefined,
): TEndpointDevice {
  const device: TEndpointDevice = {
    hostname,
    os: {
      family: 'linux',
      id: 'debian',
      name: 'Debian GNU/Linux 12 (bookworm)',
      version: '12 (bookworm)',
      release: '12',
      supported: true,
      endOfSupport: '2028-06-30',
    },
    diskEncryption: {
      enabled: true,
      method: 'LUKS',
      detail: '/ is on vda (disk) > vda1 (part, crypto_LUKS)',
    },
    firewall: { enabled: false, tool: null, detail: 'no firewall tool is installed' },
    screenLock: { applicable: false, enabled: null, timeoutSeconds: null, detail: 'no graphical session' },
    automaticUpdates: { enabled: true, tool: 'unattended-upgrades', detail: 'unattended-upgrades installed' },
    passwordManager: { installed: false, names: [] },
    antiMalware: { required: false, installed: false, enabled: null, names: [] },
    collectedAt: '2026-06-15T08:59:00.000Z',
    agentVersion: '0.1.0',
  };
  change(device);
  return device;
}

async function enrol(token: string, hostname: string): Promise<string> {
  const response = await agentCall('enrol', { token, hostname });
  expect(response.statusCode).toBe(201);
  return response.json().credential;
}

beforeAll(async () => {
  h = await serverHarness();
  const browser = await h.setupOwner();
  await browser.call('PUT', '/api/v1/orgs/acme-cloud/program', { reportType: 'type1', asOf: '2026-12-31' });
  owner = await h.tokenFor('acme-cloud', 'owner');
  auditor = await h.tokenFor('acme-cloud', 'auditor');
});
afterAll(() => h.close());

describe(`the host agent over HTTP on ${ENGINE}`, () => {
  let enrolment: { id: string; token: string };
  let web1: string;

  it('creates an enrolment token shown once, and the organization’s agent integration', async () => {
    expect((await call('POST', '/agent/enrolment-tokens', auditor, { name: 'laptops' })).statusCode).toBe(
      403,
    );
    const created = await call('POST', '/agent/enrolment-tokens', owner, {
      name: 'laptops',
      expiresInDays: 3,
    });
    expect(created.statusCode).toBe(201);
    enrolment = created.json();
    expect(enrolment.token).toMatch(/^atle_/);
    expect(created.json()).toMatchObject({
      name: 'laptops',
      expiresAt: '2026-06-18T09:00:00.000Z',
      enrolments: 0,
    });
    const listed = await call('GET', '/agent/enrolment-tokens', auditor);
    expect(listed.body).not.toContain(enrolment.token);
    expect(listed.json().items).toHaveLength(1);
    const integrations = (await call('GET', '/integrations', auditor)).json().items;
    expect(integrations).toMatchObject([{ type: 'agent', name: 'Host agent', status: 'new' }]);
  });

  it('enrols a machine with the token and refuses a wrong one', async () => {
    const wrong = await agentCall('enrol', { token: 'atle_nope', hostname: 'web-1' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('UNAUTHENTICATED');
    web1 = await enrol(enrolment.token, 'web-1');
    expect(web1).toMatch(/^atlh_/);
    const devices = (await call('GET', '/agent/devices', auditor)).json().items;
    expect(devices).toMatchObject([{ hostname: 'web-1', lastReportAt: null, revokedAt: null }]);
    expect((await call('GET', '/agent/enrolment-tokens', auditor)).json().items[0].enrolments).toBe(1);
  });

  it('judges a report with the endpoint tests and moves the mapped controls', async () => {
    const response = await agentCall('reports', aReport('web-1'), web1);
    expect(response.statusCode).toBe(201);
    const { run, results } = response.json();
    expect(run).toMatchObject({ status: 'succeeded', resources: 1 });
    expect(
      Object.fromEntries(results.map((r: { testId: string; status: string }) => [r.testId, r.status])),
    ).toEqual({
      'endpoint.anti_malware': 'not_applicable',
      'endpoint.automatic_updates': 'pass',
      'endpoint.disk_encrypted': 'pass',
      'endpoint.firewall_enabled': 'fail',
      'endpoint.password_manager': 'not_applicable',
      'endpoint.reported_recently': 'pass',
      'endpoint.screen_lock': 'not_applicable',
      'endpoint.supported_os': 'pass',
    });
    const monitoring = await controlMonitoring(h.app.deps, await h.scopeFor('acme-cloud'));
    expect(monitoring.get('END-08')?.status).toBe('failing');
    expect(monitoring.get('END-01')?.status).toBe('passing');
    const failing = (await call('GET', '/test-results?status=fail', auditor)).json().items;
    expect(failing).toMatchObject([{ testId: 'endpoint.firewall_enabled', resourceName: 'web-1' }]);

    // Fixed on the machine, the next report turns the test green: only the transition is written.
    const fixed = aReport(
      'web-1',
      (d) => (d.firewall = { enabled: true, tool: 'ufw', detail: 'ufw is active' }),
    );
    const again = (await agentCall('reports', fixed, web1)).json();
    expect(again.run).toMatchObject({ transitions: 1 });
    expect((await controlMonitoring(h.app.deps, await h.scopeFor('acme-cloud'))).get('END-08')?.status).toBe(
      'passing',
    );
  });

  it('refuses a report that does not match the resource schema, and one without a device credential', async () => {
    const extra = { ...aReport('web-1'), serialNumber: 'C02XYZ' };
    expect((await agentCall('reports', extra, web1)).statusCode).toBe(400);
    const bad = aReport('web-1', (d) => ((d.os as { family: string }).family = 'beos'));
    expect((await agentCall('reports', bad, web1)).statusCode).toBe(400);
    expect((await agentCall('reports', aReport('web-1'))).statusCode).toBe(401);
    expect((await agentCall('reports', aReport('web-1'), owner)).statusCode).toBe(403);
    expect((await agentCall('reports', aReport('web-1'), 'atlh_forged')).statusCode).toBe(401);
    // A device credential opens nothing but the agent's routes.
    expect((await call('GET', '/agent/devices', web1)).statusCode).toBe(403);
  });

  it('keeps every device’s latest report in one run, and drops a revoked device from the results', async () => {
    const laptop = await enrol(enrolment.token, 'alice-laptop');
    const report = aReport('alice-laptop', (d) => (d.diskEncryption.enabled = false));
    const { run } = (await agentCall('reports', report, laptop)).json();
    expect(run.resources).toBe(2);
    const devices = (await call('GET', '/agent/devices', auditor)).json().items;
    const id = devices.find((d: { hostname: string }) => d.hostname === 'alice-laptop').id;
    expect((await call('DELETE', `/agent/devices/${id}`, auditor)).statusCode).toBe(403);
    expect((await call('DELETE', `/agent/devices/${id}`, owner)).statusCode).toBe(204);
    expect((await call('DELETE', `/agent/devices/${id}`, owner)).statusCode).toBe(404);
    const refused = await agentCall('reports', report, laptop);
    expect(refused.statusCode).toBe(401);
    const results = (await call('GET', '/test-results?integration=Host%20agent', auditor)).json().items;
    expect(new Set(results.map((s: { resourceName: string }) => s.resourceName))).toEqual(new Set(['web-1']));
  });

  it('stops enrolling with a revoked token, and audits enrolment and revocation', async () => {
    expect((await call('DELETE', `/agent/enrolment-tokens/${enrolment.id}`, owner)).statusCode).toBe(204);
    expect((await agentCall('enrol', { token: enrolment.token, hostname: 'late' })).statusCode).toBe(401);
    // Devices it enrolled keep reporting.
    expect((await agentCall('reports', aReport('web-1'), web1)).statusCode).toBe(201);

    const scope = await h.scopeFor('acme-cloud');
    const entries = await h.app.deps.store.repos.auditLog.page(scope, { limit: 100 });
    const actions = entries.map((e) => `${e.action} ${e.actor}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^agent\.enrolment_token_created token:owner token:/),
        expect.stringMatching(/^agent\.device_enrolled agent-enrolment:/),
        expect.stringMatching(/^agent\.device_revoked token:owner token:/),
        expect.stringMatching(/^agent\.enrolment_token_revoked token:owner token:/),
        expect.stringMatching(/^integration\.run device:web-1:/),
      ]),
    );
  });
});
