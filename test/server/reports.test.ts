import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZOscalAssessmentResults, ZOscalSsp } from '../../src/domain/reports/oscal-schema.ts';
import { ENGINE } from '../support/database.ts';
import { pdfPageTexts } from '../support/pdf-text.ts';
import { serverHarness } from '../support/server.ts';

// The report downloads: who may fetch each (readiness:read for the readiness PDF, audits:read for the
// audit-facing ones), what comes back, and an auditor invited into one audit getting that audit's period.

let h: Awaited<ReturnType<typeof serverHarness>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await serverHarness();
  const browser = await h.setupOwner('Alpha');
  await browser.call('PUT', '/api/v1/orgs/alpha/program', {
    reportType: 'type2',
    windowStart: '2026-01-01',
    windowEnd: '2026-06-30',
  });
  await browser.call('POST', '/api/v1/orgs', { name: 'Beta' });
  for (const role of ['owner', 'member', 'auditor', 'viewer', 'employee'] as const)
    tokens[role] = await h.tokenFor('alpha', role);
  tokens.foreign = await h.tokenFor('beta', 'owner');
});
afterAll(() => h.close());

const get = (url: string, token: string) => h.orgCall('alpha')('GET', url, token);

describe(`report downloads on ${ENGINE}`, () => {
  it('gives the readiness PDF to roles that read readiness, and not to employees or other organizations', async () => {
    const pdf = await get('/reports/readiness.pdf?asOf=2026-05-01', tokens.viewer ?? '');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="alpha-readiness-2026-05-01.pdf"');
    const text = (await pdfPageTexts(new Uint8Array(pdf.rawPayload))).flat();
    expect(text).toContain('SOC 2 readiness report');
    expect(text).toContain('Readiness as of 2026-05-01. Generated 2026-06-15 09:00 UTC.');

    expect((await get('/reports/readiness.pdf', tokens.employee ?? '')).statusCode).toBe(403);
    expect((await get('/reports/readiness.pdf', tokens.foreign ?? '')).statusCode).toBe(404);
    expect((await get('/reports/readiness.pdf?asOf=2026-02-30', tokens.owner ?? '')).statusCode).toBe(400);
    expect(
      (await h.server.inject({ method: 'GET', url: '/api/v1/orgs/alpha/reports/readiness.pdf' })).statusCode,
    ).toBe(401);
  });

  it('gives the system description and the OSCAL exports to roles that read audits', async () => {
    const md = await get('/reports/system-description.md', tokens.auditor ?? '');
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.body).toContain('# System description: Alpha (draft)');
    expect(md.body).toContain("covering 2026-01-01 to 2026-06-30 (the program's window)");

    const pdf = await get('/reports/system-description.pdf', tokens.member ?? '');
    expect(pdf.statusCode).toBe(200);
    expect((await pdfPageTexts(new Uint8Array(pdf.rawPayload))).flat()).toContain('1. Services provided');

    const ssp = await get('/reports/oscal/ssp.json', tokens.viewer ?? '');
    expect(ssp.statusCode).toBe(200);
    expect(ssp.headers['content-disposition']).toBe('attachment; filename="alpha-oscal-ssp.json"');
    expect(ZOscalSsp.safeParse(ssp.json()).success).toBe(true);
    const results = await get('/reports/oscal/assessment-results.json', tokens.owner ?? '');
    expect(ZOscalAssessmentResults.safeParse(results.json()).success).toBe(true);

    for (const url of [
      '/reports/system-description.md',
      '/reports/system-description.pdf',
      '/reports/oscal/ssp.json',
    ])
      expect((await get(url, tokens.employee ?? '')).statusCode).toBe(403);
    expect((await get('/reports/oscal/ssp.json?auditId=nope', tokens.owner ?? '')).statusCode).toBe(404);
    expect((await get('/reports/oscal/ssp.json?unknown=1', tokens.owner ?? '')).statusCode).toBe(400);
  });

  it("covers an audit's period: the one a member names, or an invited auditor's own", async () => {
    const created = await h.orgCall('alpha')('POST', '/audits', tokens.owner ?? '', {
      firmName: 'Window Partners',
      reportType: 'type2',
      windowStart: '2026-03-01',
      windowEnd: '2026-05-31',
    });
    expect(created.statusCode).toBe(201);
    const audit = created.json();
    const other = (
      await h.orgCall('alpha')('POST', '/audits', tokens.owner ?? '', { firmName: 'Other Firm' })
    ).json();
    const named = await get(`/reports/system-description.md?auditId=${audit.id}`, tokens.member ?? '');
    expect(named.body).toContain("covering 2026-03-01 to 2026-05-31 (the audit's window)");

    const invited = await h.orgCall('alpha')('POST', `/audits/${audit.id}/auditors`, tokens.owner ?? '', {
      email: 'lee@window.test',
    });
    const token = new URL(invited.json().link).searchParams.get('token');
    const lee = h.browser();
    await lee.call('POST', '/api/v1/invitations/register', {
      token,
      password: 'auditor password long enough',
    });
    await lee.call('GET', '/api/v1/session');
    const own = await lee.call('GET', '/api/v1/orgs/alpha/reports/system-description.md');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain("covering 2026-03-01 to 2026-05-31 (the audit's window)");
    const ssp = (await lee.call('GET', '/api/v1/orgs/alpha/reports/oscal/ssp.json')).json();
    expect(ssp['system-security-plan']['system-characteristics'].props).toContainEqual({
      name: 'period-start',
      ns: 'urn:attestly:oscal',
      value: '2026-03-01',
    });
    expect(
      (await lee.call('GET', `/api/v1/orgs/alpha/reports/oscal/ssp.json?auditId=${other.id}`)).statusCode,
    ).toBe(404);
  });
});
