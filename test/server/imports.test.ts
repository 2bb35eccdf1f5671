import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOcsfFindings } from '../../src/adapters/integrations/ocsf/parse-findings.ts';
import { ENGINE } from '../support/database.ts';
import { multipart, serverHarness } from '../support/server.ts';

// Systems without a collector: a custom connection pushes its inventory (PUT …/resources/{type}) and scan
// reports are imported (POST …/imports/{format}); both are judged by the real test library and kept like a
// collected run.

const FIXTURES = join(import.meta.dirname, '../fixtures');
let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: string;
let member: string;
let viewer: string;
let otherOwner: string;

const call = (method: string, url: string, token: string, payload?: unknown) =>
  h.orgCall('acme-cloud')(method, url, token, payload);

/** An idp.user as a directory without a collector would push it. */
function user(login: string, factors: Array<{ kind: string; active: boolean }>) {
  return {
    id: `uid-${login}`,
    name: login,
    attributes: {
      login,
      email: `${login}@acme.test`,
      displayName: login,
      status: 'ACTIVE',
      created: '2026-01-05T10:00:00Z',
      activated: '2026-01-05T10:00:00Z',
      lastLogin: '2026-06-14T08:00:00Z',
      passwordChanged: null,
      factors: factors.map((f) => ({ ...f, providerType: 'KEYCLOAK', provider: 'KEYCLOAK' })),
      adminRoles: [],
      superAdmin: false,
      groups: ['Everyone'],
      terminationDate: null,
    },
  };
}
const alice = user('alice', [{ kind: 'webauthn', active: true }]);
const bob = user('bob', []);

async function results(test: string) {
  const body = (await call('GET', `/test-results?test=${test}`, owner)).json();
  return Object.fromEntries(
    body.items.map((s: { resourceName: string; status: string }) => [s.resourceName, s.status]),
  );
}

async function upload(format: string, token: string, fields: Record<string, string>, file?: string) {
  const body = multipart(
    fields,
    file ? { name: file.split('/').pop() ?? file, content: await readFile(join(FIXTURES, file)) } : undefined,
  );
  return h.server.inject({
    method: 'POST',
    url: `/api/v1/orgs/acme-cloud/imports/${format}`,
    headers: { ...h.bearer(token), ...body.headers },
    payload: body.payload,
  });
}

beforeAll(async () => {
  h = await serverHarness();
  const browser = await h.setupOwner();
  await browser.call('POST', '/api/v1/orgs', { name: 'Beta' });
  owner = await h.tokenFor('acme-cloud', 'owner');
  member = await h.tokenFor('acme-cloud', 'member');
  viewer = await h.tokenFor('acme-cloud', 'viewer');
  otherOwner = await h.tokenFor('beta', 'owner');
});
afterAll(() => h.close());

describe(`pushing resources over HTTP on ${ENGINE}`, () => {
  it("replaces a custom connection's inventory of a type and judges it like a collection", async () => {
    expect(
      (await call('PUT', '/resources/idp.user', viewer, { integration: 'keycloak', resources: [] }))
        .statusCode,
    ).toBe(403);

    const first = await call('PUT', '/resources/idp.user', member, {
      integration: 'keycloak',
      resources: [alice, bob],
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      integration: { name: 'keycloak', type: 'push' },
      run: { status: 'succeeded', resources: 2, snapshotSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(await results('okta.user_mfa_enrolled')).toEqual({ alice: 'pass', bob: 'fail' });

    // Another type pushed to the same connection leaves the users' results alone.
    const findings = parseOcsfFindings(await readFile(join(FIXTURES, 'ocsf/prowler-aws.ocsf.json'), 'utf8'));
    const other = await call('PUT', '/resources/ocsf.finding', member, {
      integration: 'keycloak',
      resources: findings.map((f) => ({ id: f.uid, attributes: f })),
    });
    expect(other.json().run).toMatchObject({ resources: 5 });
    expect(await results('okta.user_mfa_enrolled')).toEqual({ alice: 'pass', bob: 'fail' });
    expect(await results('ocsf.critical_findings_resolved')).toMatchObject({
      'prowler-aws-iam_root_mfa_enabled-123456789012-us-east-1-<root_account>': 'fail',
    });

    // Bob left the directory: the next push does not carry him, and his results go.
    const second = await call('PUT', '/resources/idp.user', member, {
      integration: 'keycloak',
      resources: [alice],
    });
    expect(second.json().run).toMatchObject({ resources: 1, passed: expect.any(Number) });
    expect(second.json().run.transitions).toBeGreaterThan(0);
    expect(await results('okta.user_mfa_enrolled')).toEqual({ alice: 'pass' });

    const runs = (await call('GET', '/integrations/keycloak/runs', owner)).json();
    expect(runs.total).toBe(3);
    const audit = (await call('GET', '/audit-log?limit=500', owner)).json();
    const actions = audit.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('integration.added');
    expect(
      audit.items.filter((e: { action: string }) => e.action === 'integration.run').length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('points at the resource and field a schema violation is about', async () => {
    const wrongType = structuredClone(bob);
    (wrongType.attributes.factors as unknown[]) = [
      { kind: 'webauthn', active: 'yes', providerType: 'X', provider: 'X' },
    ];
    const refused = await call('PUT', '/resources/idp.user', member, {
      integration: 'keycloak',
      resources: [alice, wrongType],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^resources\[1\]\.attributes\.factors\[0\]\.active: /),
      details: { field: 'resources[1].attributes.factors[0].active', index: 1 },
    });

    const misspelt = structuredClone(alice);
    (misspelt.attributes as Record<string, unknown>).mfaEnabeld = true;
    expect(
      (
        await call('PUT', '/resources/idp.user', member, { integration: 'keycloak', resources: [misspelt] })
      ).json().error.details,
    ).toEqual({
      field: 'resources[0].attributes.mfaEnabeld',
      index: 0,
    });

    const twice = await call('PUT', '/resources/idp.user', member, {
      integration: 'keycloak',
      resources: [alice, alice],
    });
    expect(twice.json().error.message).toBe('resources[1].id: "uid-alice" is also resources[0]');

    const unknown = await call('PUT', '/resources/hr.employee', member, {
      integration: 'keycloak',
      resources: [],
    });
    expect(unknown.statusCode).toBe(404);
    // Nothing was judged: alice's result stands from the last good push.
    expect(await results('okta.user_mfa_enrolled')).toEqual({ alice: 'pass' });
  });

  it('never pushes into a connection Attestly collects, nor collects a pushed one', async () => {
    const added = await call('POST', '/integrations', owner, {
      type: 'postgres',
      name: 'main-db',
      config: { url: 'postgres://auditor@127.0.0.1:5432/app' },
    });
    expect(added.statusCode).toBe(201);
    const refused = await call('PUT', '/resources/idp.user', owner, {
      integration: 'main-db',
      resources: [alice],
    });
    expect(refused.statusCode).toBe(409);
    const run = await call('POST', '/integrations/keycloak/runs', owner);
    expect(run.statusCode).toBe(400);
    expect(run.json().error.message).toMatch(/receives its resources by push or import/);
    // The scheduler never picks a pushed connection, however late it is.
    const due = await h.app.deps.store.repos.monitoring.dueIntegrations(
      new Date('2100-01-01T00:00:00Z'),
      100,
    );
    expect(due.map((i) => i.name)).toContain('main-db');
    expect(due.map((i) => i.name)).not.toContain('keycloak');
  });

  it('keeps another organization out: it cannot push into ours, and its pushes stay its own', async () => {
    const intruder = await call('PUT', '/resources/idp.user', otherOwner, {
      integration: 'keycloak',
      resources: [bob],
    });
    expect(intruder.statusCode).toBe(404);
    const theirs = await h.orgCall('beta')('PUT', '/resources/idp.user', otherOwner, {
      integration: 'keycloak',
      resources: [bob],
    });
    expect(theirs.statusCode).toBe(200);
    expect(await results('okta.user_mfa_enrolled')).toEqual({ alice: 'pass' });
    const beta = (
      await h.orgCall('beta')('GET', '/test-results?test=okta.user_mfa_enrolled', otherOwner)
    ).json();
    expect(beta.items.map((s: { resourceName: string }) => s.resourceName)).toEqual(['bob']);
  });
});

describe(`importing scan reports over HTTP on ${ENGINE}`, () => {
  it('imports an OpenSCAP report into a connection named after the scanned host', async () => {
    expect((await upload('openscap', viewer, {}, 'openscap/web-01-arf.xml')).statusCode).toBe(403);
    const imported = await upload('openscap', member, {}, 'openscap/web-01-arf.xml');
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({
      integration: { name: 'web-01', type: 'openscap' },
      run: { status: 'succeeded', resources: 5, failed: 1 },
    });
    expect(await results('openscap.medium_severity_rules_pass')).toMatchObject({
      'web-01: Install AIDE': 'fail',
      'web-01: Verify permissions on /etc/shadow': 'pass',
    });
    const integrations = (await call('GET', '/integrations', owner)).json().items;
    expect(integrations.map((i: { name: string; type: string }) => `${i.name}:${i.type}`)).toContain(
      'web-01:openscap',
    );
    // A connection keeps its kind: the push API cannot overwrite what an import (or the agent) reported.
    const overwrite = await call('PUT', '/resources/idp.user', member, {
      integration: 'web-01',
      resources: [],
    });
    expect(overwrite.statusCode).toBe(409);
    expect(overwrite.json().error.message).toMatch(/is a connection of type openscap/);
  });

  it('imports OCSF findings into the connection the form names', async () => {
    const unnamed = await upload('ocsf', member, {}, 'ocsf/securityhub-compliance.ocsf.jsonl');
    expect(unnamed.json().error).toMatchObject({ details: { field: 'integration' } });
    const imported = await upload(
      'ocsf',
      member,
      { integration: 'aws-production' },
      'ocsf/securityhub-compliance.ocsf.jsonl',
    );
    // The server's clock is a year after the report: every open finding is past its remediation window.
    expect(imported.json()).toMatchObject({
      integration: { name: 'aws-production', type: 'ocsf' },
      run: { resources: 6, failed: 7, errors: 1 },
    });
    expect(await results('ocsf.findings_remediated_in_time')).toMatchObject({
      'CloudTrail should have encryption at-rest enabled (arn:aws:cloudtrail:eu-west-1:123456789012:trail/management-events)':
        'fail',
    });
  });

  it('refuses a report it cannot read, pointing at the file', async () => {
    const wrong = await upload('openscap', member, { integration: 'x' }, 'ocsf/prowler-aws.ocsf.json');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      message: /not well-formed XML|not XCCDF or ARF/,
      details: { field: 'file' },
    });
    const none = await upload('ocsf', member, { integration: 'x' });
    expect(none.json().error).toMatchObject({
      message: 'a report file is required',
      details: { field: 'file' },
    });
    const extra = await upload(
      'ocsf',
      member,
      { integration: 'x', colour: 'red' },
      'ocsf/prowler-aws.ocsf.json',
    );
    expect(extra.json().error.message).toBe('unknown field "colour"');
    const json = await call('POST', '/imports/ocsf', member, { integration: 'x' });
    expect(json.statusCode).toBe(415);
  });
});
