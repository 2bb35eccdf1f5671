import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointDevice } from '../src/catalog/monitoring/endpoint.ts';
import { exitCodeFor } from '../src/entry/cli/exit-codes.ts';
import { cliWorkspace } from './support/cli.ts';
import { ENGINE } from './support/database.ts';
import { serverHarness } from './support/server.ts';

// The agent as a machine runs it: the real command line, this machine's real checks, and a real server
// listening on a port.

let h: Awaited<ReturnType<typeof serverHarness>>;
let cli: Awaited<ReturnType<typeof cliWorkspace>>;
let url: string;
let owner: string;
let enrolmentToken: string;
const configHome = mkdtempSync(join(tmpdir(), 'attestly-agent-'));
const configFile = join(configHome, 'attestly', 'agent.json');

beforeAll(async () => {
  h = await serverHarness();
  const browser = await h.setupOwner();
  await browser.call('PUT', '/api/v1/orgs/acme-cloud/program', { reportType: 'type1', asOf: '2026-12-31' });
  owner = await h.tokenFor('acme-cloud', 'owner');
  const created = await h.orgCall('acme-cloud')('POST', '/agent/enrolment-tokens', owner, {
    name: 'servers',
  });
  enrolmentToken = created.json().token;
  url = await h.server.listen({ port: 0, host: '127.0.0.1' });
  cli = await cliWorkspace();
  cli.env.XDG_CONFIG_HOME = configHome;
}, 60_000);
afterAll(async () => {
  await h.close();
  await cli.drop();
});

describe(`attestly agent against a listening server on ${ENGINE}`, () => {
  it('prints this machine’s report without sending it (--dry-run), enrolled or not', async () => {
    const result = await cli.run('agent', 'report', '--dry-run', '--json');
    expect(result.code).toBe(0);
    const device = JSON.parse(result.stdout);
    expect(endpointDevice.schema.safeParse(device).success).toBe(true);
    expect(device.hostname).toBe(hostname());
  });

  it('will not report before enrolling, nor enrol over plain http to another host, nor with a wrong token', async () => {
    const unenrolled = await cli.run('agent', 'report');
    expect(unenrolled.code).toBe(exitCodeFor('NOT_INITIALIZED'));
    expect(unenrolled.stderr).toContain('this machine is not enrolled');
    const clear = await cli.run('agent', 'enrol', 'http://attestly.example.com', enrolmentToken);
    expect(clear.code).toBe(exitCodeFor('INVALID_INPUT'));
    expect(clear.stderr).toContain('must use https');
    const wrong = await cli.run('agent', 'enrol', url, 'atle_wrong');
    expect(wrong.code).toBe(exitCodeFor('UNAUTHENTICATED'));
    expect(wrong.stderr).toBe(
      'attestly: error: the server said: the enrolment token is invalid, revoked or expired',
    );
  });

  it('enrols, keeping the credential in a file only its owner can read', async () => {
    const result = await cli.run('agent', 'enrol', url, enrolmentToken, '--hostname', 'build-runner');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('enrolled build-runner with http://127.0.0.1');
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(configFile, 'utf8'));
    expect(saved).toMatchObject({ hostname: 'build-runner', credential: expect.stringMatching(/^atlh_/) });
  });

  it('reports this machine and prints what the server judged', async () => {
    const result = await cli.run('agent', 'report', '--json');
    expect(result.code).toBe(0);
    const { device, run, results } = JSON.parse(result.stdout);
    expect(device.hostname).toBe('build-runner');
    expect(run).toMatchObject({ status: 'succeeded', resources: 1 });
    expect(results.map((r: { testId: string }) => r.testId)).toEqual([
      'endpoint.anti_malware',
      'endpoint.automatic_updates',
      'endpoint.disk_encrypted',
      'endpoint.firewall_enabled',
      'endpoint.password_manager',
      'endpoint.reported_recently',
      'endpoint.screen_lock',
      'endpoint.supported_os',
    ]);
    const devices = (await h.orgCall('acme-cloud')('GET', '/agent/devices', owner)).json().items;
    expect(devices).toMatchObject([{ hostname: 'build-runner', lastReportAt: expect.any(String) }]);

    // The table a person reads.
    const text = await cli.run('agent', 'report');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^CHECK\s+VALUE\s+DETAIL/m);
    expect(text.stdout).toMatch(/^endpoint\.disk_encrypted\s+(pass|fail|error)\s/m);
  });

  it('stops reporting once an administrator revokes the device', async () => {
    const { deviceId } = JSON.parse(readFileSync(configFile, 'utf8'));
    await h.orgCall('acme-cloud')('DELETE', `/agent/devices/${deviceId}`, owner);
    const result = await cli.run('agent', 'report');
    expect(result.code).toBe(exitCodeFor('UNAUTHENTICATED'));
    expect(result.stderr).toContain('the device credential is invalid or revoked');
  });

  it('runs from the installed binary', async () => {
    const result = await cli.spawnCli(['agent', 'report', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^disk encryption\s+(on|off|unknown)\s/m);
  });
});
