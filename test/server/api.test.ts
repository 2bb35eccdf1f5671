import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/domain/totp.ts';
import { ENGINE } from '../support/database.ts';
import { multipart, serverHarness } from '../support/server.ts';

// The "done when" of the Server issue, as a new user would go: setup, TOTP, an API token, evidence over
// HTTP, readiness; an auditor token that cannot change anything; malformed input refused cleanly.

let h: Awaited<ReturnType<typeof serverHarness>>;
let memberToken: string;
let auditorToken: string;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

const api = (
  method: string,
  url: string,
  token: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  h.server.inject({
    method: method as 'GET',
    url: `/api/v1/orgs/acme-cloud${url}`,
    headers: { ...h.bearer(token), ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

beforeAll(async () => {
  h = await serverHarness({ ATTESTLY_MAX_UPLOAD_MB: '1' });
  const owner = await h.setupOwner();
  const enrol = (await owner.call('POST', '/api/v1/me/totp/enroll')).json();
  await owner.call('POST', '/api/v1/me/totp/confirm', { code: totpCode(enrol.secret, h.app.clock.now()) });
  const program = await owner.call('PUT', '/api/v1/orgs/acme-cloud/program', {
    reportType: 'type2',
    windowStart: '2026-01-01',
    windowEnd: '2026-06-30',
    categories: ['availability'],
  });
  expect(program.statusCode).toBe(201);
  memberToken = (
    await owner.call('POST', '/api/v1/orgs/acme-cloud/tokens', { name: 'ci', role: 'member' })
  ).json().token;
  auditorToken = (
    await owner.call('POST', '/api/v1/orgs/acme-cloud/tokens', { name: 'auditor', role: 'auditor' })
  ).json().token;
});
afterAll(() => h.close());

describe(`the program over HTTP on ${ENGINE}`, () => {
  it('uploads evidence with its SHA-256, and readiness follows', async () => {
    const before = (await api('GET', '/readiness', memberToken)).json();
    const cc61 = before.criteria.find((c: { id: string }) => c.id === 'CC6.1');
    const body = multipart(
      { controls: 'AC-01,AC-02', validUntil: '2027-06-30', title: 'SSO settings' },
      { name: 'sso.pdf', content: PDF },
    );
    const upload = await api('POST', '/evidence', memberToken, body.payload, body.headers);
    expect(upload.statusCode).toBe(201);
    expect(upload.json()).toMatchObject({
      fileName: 'sso.pdf',
      mediaType: 'application/pdf',
      sha256: createHash('sha256').update(PDF).digest('hex'),
      controlCodes: ['AC-01', 'AC-02'],
      validUntil: '2027-06-30',
    });
    const after = (await api('GET', '/readiness', memberToken)).json();
    expect(after.criteria.find((c: { id: string }) => c.id === 'CC6.1').controls.evidenced).toBe(
      cc61.controls.evidenced + 2,
    );
    const file = await api('GET', `/evidence/${upload.json().id}/file`, auditorToken);
    expect(file.statusCode).toBe(200);
    expect(file.headers['x-content-sha256']).toBe(upload.json().sha256);
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it('updates a control with the version it edits, and refuses a stale version with 409', async () => {
    const control = (await api('GET', '/controls/AC-03', memberToken)).json();
    const first = await api('PATCH', '/controls/AC-03', memberToken, {
      version: control.version,
      status: 'in_progress',
    });
    expect(first.json()).toMatchObject({ status: 'in_progress', version: control.version + 1 });
    const stale = await api('PATCH', '/controls/AC-03', memberToken, {
      version: control.version,
      status: 'implemented',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'CONFLICT',
      details: { currentVersion: control.version + 1 },
    });
  });

  it('pages lists and filters controls', async () => {
    const firstPage = (await api('GET', '/controls?limit=10', memberToken)).json();
    expect(firstPage.items).toHaveLength(10);
    expect(firstPage.nextOffset).toBe(10);
    const second = (
      await api('GET', `/controls?limit=10&offset=${firstPage.nextOffset}`, memberToken)
    ).json();
    expect(second.items[0].code).not.toBe(firstPage.items[0].code);
    const filtered = (await api('GET', '/controls?criterion=A1.3&limit=500', memberToken)).json();
    expect(filtered.items.every((c: { criteria: string[] }) => c.criteria.includes('A1.3'))).toBe(true);
  });

  it('turns a gap into a task and moves it along', async () => {
    const created = await api('POST', '/tasks/from-gap', memberToken, {
      criterionId: 'CC6.4',
      dueDate: '2026-08-01',
    });
    expect(created.statusCode).toBe(201);
    const task = created.json();
    expect(task).toMatchObject({ criterionId: 'CC6.4', status: 'todo', dueDate: '2026-08-01', version: 1 });
    expect(task.title).toMatch(/^CC6\.4: Start implementing PHY-/);
    const moved = await api('PATCH', `/tasks/${task.id}`, memberToken, { version: 1, status: 'in_progress' });
    expect(moved.json()).toMatchObject({ status: 'in_progress', version: 2 });
    expect(
      (await api('PATCH', `/tasks/${task.id}`, memberToken, { version: 1, status: 'done' })).statusCode,
    ).toBe(409);
  });

  it('lets an auditor token read but change nothing', async () => {
    expect((await api('GET', '/readiness', auditorToken)).statusCode).toBe(200);
    expect((await api('GET', '/audit-log?limit=5', auditorToken)).json().items).toHaveLength(5);
    const writes: Array<[string, string, unknown]> = [
      ['PATCH', '/controls/AC-01', { version: 1, status: 'implemented' }],
      ['POST', '/tasks', { title: 'x' }],
      ['PUT', '/criteria/CC6.4/exclusion', { reason: 'x' }],
      ['POST', '/tokens', { name: 'x', role: 'viewer' }],
      ['PATCH', '/settings', { requireMfa: false }],
      ['PUT', '/program', { reportType: 'type1', asOf: '2026-12-31' }],
    ];
    for (const [method, url, payload] of writes) {
      const response = await api(method, url, auditorToken, payload);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
    }
    const body = multipart({ controls: 'AC-01' }, { name: 'x.pdf', content: PDF });
    expect((await api('POST', '/evidence', auditorToken, body.payload, body.headers)).statusCode).toBe(403);
  });

  it('records who changed what, with the request id, in a chain that verifies', async () => {
    const log = (await api('GET', '/audit-log?action=control.updated', auditorToken)).json();
    expect(log.items[0]).toMatchObject({
      actorType: 'token',
      action: 'control.updated',
      targetType: 'control',
    });
    expect(log.items[0].actor).toMatch(/^token:ci:/);
    expect(log.items[0].requestId).toBeTruthy();
    expect((await api('GET', '/audit-log/verify', auditorToken)).json()).toMatchObject({ ok: true });
  });
});

describe(`malformed input on ${ENGINE}`, () => {
  const cases: Array<[string, string, unknown, Record<string, string>, number, string]> = [
    ['bad JSON', '/tasks', '{"title": ', { 'content-type': 'application/json' }, 400, 'INVALID_INPUT'],
    ['wrong type', '/tasks', { title: 42 }, {}, 400, 'INVALID_INPUT'],
    ['unknown field', '/tasks', { title: 'ok', colour: 'red' }, {}, 400, 'INVALID_INPUT'],
    ['impossible date', '/tasks', { title: 'ok', dueDate: '2026-02-30' }, {}, 400, 'INVALID_INPUT'],
    ['unknown control', '/tasks', { title: 'ok', controlCode: 'ZZ-99' }, {}, 404, 'NOT_FOUND'],
    ['version missing', '/controls/AC-01', { status: 'implemented' }, {}, 400, 'INVALID_INPUT'],
    [
      'text as form',
      '/tasks',
      'title=x',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ];
  for (const [name, url, payload, headers, status, code] of cases) {
    it(`answers ${name} with ${status} ${code} in the one error shape`, async () => {
      const method = url.startsWith('/controls') ? 'PATCH' : 'POST';
      const response = await api(method, url, memberToken, payload, headers);
      expect(response.statusCode).toBe(status);
      const body = response.json();
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error.code).toBe(code);
      expect(typeof body.error.message).toBe('string');
    });
  }

  it('refuses an oversize upload with 413 and stores nothing', async () => {
    const before = (await api('GET', '/evidence', memberToken)).json().total;
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const body = multipart({ controls: 'AC-01' }, { name: 'big.pdf', content: big });
    const response = await api('POST', '/evidence', memberToken, body.payload, body.headers);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await api('GET', '/evidence', memberToken)).json().total).toBe(before);
  });

  it('refuses a file whose bytes are not what its name says', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const body = multipart({ controls: 'AC-01' }, { name: 'report.pdf', content: exe });
    const response = await api('POST', '/evidence', memberToken, body.payload, body.headers);
    expect(response.statusCode).toBe(415);
    const binaryAsText = multipart(
      { controls: 'AC-01' },
      { name: 'notes.txt', content: `${PDF.toString('latin1')}\u0000` },
    );
    expect(
      (await api('POST', '/evidence', memberToken, binaryAsText.payload, binaryAsText.headers)).statusCode,
    ).toBe(415);
  });
});

describe(`tenant isolation over HTTP on ${ENGINE}`, () => {
  it("never shows one organization's objects to another, nor hints that they exist", async () => {
    const evidenceId = (await api('GET', '/evidence', auditorToken)).json().items[0].id;
    const { createAccount } = await import('../../src/app/auth/setup.ts');
    await createAccount(h.app.deps, {
      email: 'boss@globex.test',
      password: 'another long password',
      organizationName: 'Globex',
    });
    const globexToken = await h.tokenFor('globex', 'owner');
    const probes = [
      '/readiness',
      '/controls',
      '/evidence',
      `/evidence/${evidenceId}/file`,
      '/audit-log',
      '/tokens',
    ];
    for (const url of probes) {
      const response = await h.server.inject({
        method: 'GET',
        url: `/api/v1/orgs/acme-cloud${url}`,
        headers: h.bearer(globexToken),
      });
      expect({ url, status: response.statusCode, body: response.json() }).toEqual({
        url,
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'no organization "acme-cloud"' } },
      });
    }
    const missing = await h.server.inject({
      method: 'GET',
      url: '/api/v1/orgs/no-such-org/controls',
      headers: h.bearer(globexToken),
    });
    expect(missing.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no organization "no-such-org"' },
    });
    const ownGlobex = await h.server.inject({
      method: 'GET',
      url: `/api/v1/orgs/globex/evidence/${evidenceId}/file`,
      headers: h.bearer(globexToken),
    });
    expect(ownGlobex.statusCode).toBe(404);
  });
});
