import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../src/adapters/zip/read-zip.ts';
import { verifyPackage } from '../../src/domain/audit-package/verify-package.ts';
import { ENGINE } from '../support/database.ts';
import { multipart, serverHarness } from '../support/server.ts';

// The audit package over HTTP: its summary (the key that signs it), the streamed download an auditor
// verifies offline, and the refusals (an unknown audit, another organization).

let h: Awaited<ReturnType<typeof serverHarness>>;
let member: string;
let auditor: string;
let foreign: string;
let auditId: string;
const alpha = () => h.orgCall('alpha');

beforeAll(async () => {
  h = await serverHarness();
  const browser = await h.setupOwner('Alpha');
  const program = await browser.call('PUT', '/api/v1/orgs/alpha/program', {
    reportType: 'type2',
    windowStart: '2026-04-01',
    windowEnd: '2026-09-30',
  });
  expect(program.statusCode).toBe(201);
  await browser.call('POST', '/api/v1/orgs', { name: 'Beta' });
  member = await h.tokenFor('alpha', 'member');
  auditor = await h.tokenFor('alpha', 'auditor');
  foreign = await h.tokenFor('beta', 'owner');
  const body = multipart({ controls: 'AC-01' }, { name: 'sso-settings.txt', content: 'SSO enforced\n' });
  const uploaded = await h.server.inject({
    method: 'POST',
    url: '/api/v1/orgs/alpha/evidence',
    headers: { ...h.bearer(member), ...body.headers },
    payload: body.payload,
  });
  expect(uploaded.statusCode).toBe(201);
  auditId = (await alpha()('POST', '/audits', member, { firmName: 'Prescient & Co CPAs' })).json().id;
});
afterAll(() => h.close());

describe(`the audit package over HTTP on ${ENGINE}`, () => {
  it('streams a signed zip that verifies offline, with the key the summary names', async () => {
    const summary = await alpha()('GET', `/audits/${auditId}/package/summary`, auditor);
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toMatchObject({
      fileName: 'attestly-alpha-2026-04-01-2026-09-30.zip',
      period: { from: '2026-04-01', to: '2026-09-30' },
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const download = await alpha()('GET', `/audits/${auditId}/package`, auditor);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toBe(
      'attachment; filename="attestly-alpha-2026-04-01-2026-09-30.zip"',
    );
    const { files } = readZip(new Uint8Array(download.rawPayload));
    const report = verifyPackage({ files, trustedPublicKeyPem: summary.json().publicKeyPem });
    expect(report.findings).toEqual([]);
    expect(report.manifest).toMatchObject({ auditId, organization: { slug: 'alpha' } });
    expect([...files.keys()].some((p) => p.endsWith('/sso-settings.txt'))).toBe(true);
  });

  it('refuses an unknown audit with a JSON error, and another organization', async () => {
    const unknown = await alpha()('GET', '/audits/00000000-0000-4000-8000-00000000abcd/package', member);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    expect((await alpha()('GET', `/audits/${auditId}/package`, foreign)).statusCode).toBe(404);
    expect((await h.orgCall('beta')('GET', `/audits/${auditId}/package`, foreign)).statusCode).toBe(404);
  });
});
