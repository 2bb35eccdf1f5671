import type { LightMyRequestResponse } from 'fastify';
import { decodePDFRawStream, PDFDocument, PDFRawStream, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { multipart, serverHarness } from '../support/server.ts';

// The public trust center over HTTP: an admin publishes it, anyone reads /trust/<slug> as HTML, a visitor
// requests the gated SOC 2 report under the NDA, an admin approves, and the visitor downloads a copy stamped
// with their name; nothing of another organization, no row id and no secret is ever on a public page.

let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: ReturnType<Awaited<ReturnType<typeof serverHarness>>['browser']>;
let acme: (method: string, url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
let acmeToken: string;
let betaToken: string;
let policyId: string;
let reportId: string;
let controlCodes: string[];

/** The text drawn on the PDF's pages: pdf-lib writes each line as a hex string shown with Tj. */
function pdfText(doc: PDFDocument): string {
  const chunks: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const content = Buffer.from(decodePDFRawStream(object).decode()).toString('latin1');
    for (const match of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g))
      chunks.push(Buffer.from(match[1] ?? '', 'hex').toString('latin1'));
  }
  return chunks.join('\n');
}

async function reportPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++)
    doc.addPage([595, 842]).drawText(`SOC 2 report page ${i + 1}`, { x: 50, y: 780, size: 12, font });
  return doc.save({ useObjectStreams: false });
}

const SETTINGS = {
  published: true,
  headline: 'Acme Trust Center',
  description: 'How Acme <b>protects</b> your data.',
  securityContact: 'security@acme.test',
  faq: [{ question: 'Do you encrypt data at rest?', answer: 'Yes, with AES-256.' }],
  areas: [] as Array<{ title: string; description: string; series: string[]; controls: string[] }>,
  subprocessors: [{ name: 'Amazon Web Services', purpose: 'Hosting', location: 'United States' }],
  ndaText: 'Keep these documents confidential.',
};

/** Posts the request form as a browser without JavaScript would, after loading the form. */
async function requestAccess(
  fields: Record<string, string>,
  options: { remoteAddress?: string; slug?: string; token?: string } = {},
) {
  const slug = options.slug ?? 'acme';
  const form = await h.server.inject({
    method: 'GET',
    url: `/trust/${slug}/request-access`,
    remoteAddress: options.remoteAddress ?? '127.0.0.1',
  });
  const token = options.token ?? /name="formToken" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const version = /name="ndaVersion" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  return h.server.inject({
    method: 'POST',
    url: `/trust/${slug}/request-access`,
    remoteAddress: options.remoteAddress ?? '127.0.0.1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ formToken: token, ndaVersion: version, ...fields }).toString(),
  });
}

beforeAll(async () => {
  h = await serverHarness();
  owner = await h.setupOwner('Acme');
  await owner.call('PUT', '/api/v1/orgs/acme/program', {
    reportType: 'type2',
    windowStart: '2026-04-01',
    windowEnd: '2026-09-30',
    categories: ['availability'],
  });
  await owner.call('POST', '/api/v1/orgs', { name: 'Beta' });
  acmeToken = await h.tokenFor('acme', 'admin');
  betaToken = await h.tokenFor('beta', 'owner');
  acme = (method: string, url: string, payload?: unknown) =>
    h.orgCall('acme')(method, url, acmeToken, payload);

  // One control in place with evidence; the CC6 series mostly not started.
  const controls = (await acme('GET', '/controls?limit=500')).json().items as Array<{
    code: string;
    version: number;
    criteria: string[];
  }>;
  controlCodes = controls.map((c) => c.code);
  const done = controls[0];
  if (!done) throw new Error('no controls');
  await acme('PATCH', `/controls/${done.code}`, { status: 'implemented', version: done.version });
  const evidence = multipart(
    { controls: done.code, title: 'Proof' },
    { name: 'proof.pdf', content: await reportPdf(1) },
  );
  const upload = await h.server.inject({
    method: 'POST',
    url: '/api/v1/orgs/acme/evidence',
    headers: { ...h.bearer(acmeToken), ...evidence.headers },
    payload: evidence.payload,
  });
  expect(upload.statusCode).toBe(201);
  SETTINGS.areas = [
    {
      title: 'Single sign-on',
      description: 'Every login goes through SSO.',
      series: [],
      controls: [done.code],
    },
    { title: 'Access control', description: '', series: ['CC6'], controls: [] },
  ];

  // A published policy, approved by its owner.
  const ownerId = (await owner.call('GET', '/api/v1/session')).json().user.id;
  const policy = (await owner.call('GET', '/api/v1/orgs/acme/policies')).json().items[0];
  policyId = policy.id;
  const base = `/api/v1/orgs/acme/policies/${policy.id}`;
  await owner.call('PATCH', base, { ownerUserId: ownerId });
  await owner.call('PUT', `${base}/draft`, {
    bodyMarkdown: '# Access\n\nEvery laptop is encrypted.\n',
    expectedVersion: 1,
  });
  await owner.call('POST', `${base}/versions/1/approve`);
  expect((await owner.call('POST', `${base}/versions/1/publish`)).statusCode).toBe(200);
});
afterAll(() => h.close());

describe(`the trust center on ${ENGINE}`, () => {
  it('is a 404 page until it is published, and for an unknown organization', async () => {
    for (const url of ['/trust/acme', '/trust/nobody', '/trust/acme/request-access', '/trust/acme/x/y/z']) {
      const response = await h.server.inject({ method: 'GET', url });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('Page not found');
    }
    const settings = await acme('GET', '/trust-center');
    expect(settings.json()).toMatchObject({
      published: false,
      ndaVersion: 1,
      publicUrl: expect.stringMatching(/\/trust\/acme$/),
    });
  });

  it('is set and published by an admin only, with field errors', async () => {
    const member = await h.tokenFor('acme', 'member');
    expect((await h.orgCall('acme')('PUT', '/trust-center', member, SETTINGS)).statusCode).toBe(403);
    const bad = await acme('PUT', '/trust-center', { ...SETTINGS, securityContact: 'not an email' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual({ field: 'securityContact' });
    const unknownSeries = await acme('PUT', '/trust-center', {
      ...SETTINGS,
      areas: [{ title: 'X', description: '', series: ['ZZ9'], controls: [] }],
    });
    expect(unknownSeries.json().error.details).toEqual({ field: 'areas.0' });

    const saved = await acme('PUT', '/trust-center', SETTINGS);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ published: true, ndaVersion: 1, headline: 'Acme Trust Center' });
    const shown = await acme('PUT', '/trust-center/policies', { policyIds: [policyId] });
    expect(shown.json().items.find((p: { policyId: string }) => p.policyId === policyId)).toMatchObject({
      public: true,
      publishedVersion: 1,
    });

    const report = multipart(
      { title: 'SOC 2 Type 2 report', kind: 'soc2_report', access: 'gated' },
      { name: 'soc2-report.pdf', content: await reportPdf(3) },
    );
    const uploaded = await h.server.inject({
      method: 'POST',
      url: '/api/v1/orgs/acme/trust-center/documents',
      headers: { ...h.bearer(acmeToken), ...report.headers },
      payload: report.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json()).toMatchObject({ kind: 'soc2_report', access: 'gated', publicUrl: null });
    reportId = uploaded.json().id;
    const notPdf = multipart(
      { title: 'Notes', kind: 'other', access: 'public' },
      { name: 'notes.pdf', content: 'just text' },
    );
    const refused = await h.server.inject({
      method: 'POST',
      url: '/api/v1/orgs/acme/trust-center/documents',
      headers: { ...h.bearer(acmeToken), ...notPdf.headers },
      payload: notPdf.payload,
    });
    expect(refused.statusCode).toBe(415);

    const log = (await acme('GET', '/audit-log?action=trust_center.updated')).json();
    expect(log.items[0]).toMatchObject({ action: 'trust_center.updated', details: { published: true } });
  });

  it('renders the published page as HTML, with areas, policies, subprocessors and FAQ, escaped', async () => {
    const page = await h.server.inject({ method: 'GET', url: '/trust/acme' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    const body = page.body;
    expect(body).not.toMatch(/<script/i);
    expect(body).not.toMatch(/ style=/i);
    expect(body).toContain('Acme Trust Center');
    expect(body).toContain('How Acme &lt;b&gt;protects&lt;/b&gt; your data.');
    expect(body).toContain('SOC 2 Type 2');
    expect(body).toContain('Report available on request');
    expect(body).toContain('2026-04-01 to 2026-09-30');
    expect(body).toMatch(/Single sign-on[\s\S]*In place/);
    expect(body).toMatch(/Access control[\s\S]*In progress/);
    expect(body).toContain('Amazon Web Services');
    expect(body).toContain('Do you encrypt data at rest?');
    expect(body).toContain('mailto:security@acme.test');
    expect(body).toContain('SOC 2 Type 2 report');
    expect(body).toContain('/trust/acme/request-access');

    const css = await h.server.inject({ method: 'GET', url: '/trust/_/style.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('names no internal id, control code, finding or other organization on the page', async () => {
    const body = (await h.server.inject({ method: 'GET', url: '/trust/acme' })).body;
    expect(body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(body).not.toContain(policyId);
    expect(body).not.toContain(reportId);
    for (const code of controlCodes) expect(body).not.toContain(`>${code}<`);
    expect(body).not.toContain('Beta');
    expect(body).not.toContain('owner@acme.test');
    expect(body).not.toContain('atl');
    expect(body).not.toMatch(/sha256|blob/i);
  });

  it('offers the published version of a public policy as a PDF', async () => {
    const body = (await h.server.inject({ method: 'GET', url: '/trust/acme' })).body;
    const href = /href="(\/trust\/acme\/policies\/[^"]+)"/.exec(body)?.[1];
    expect(href).toBeDefined();
    const pdf = await h.server.inject({ method: 'GET', url: href ?? '' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdfText(await PDFDocument.load(pdf.rawPayload))).toContain('Every laptop is encrypted.');
    expect((await h.server.inject({ method: 'GET', url: '/trust/acme/policies/nope' })).statusCode).toBe(404);
    expect(
      (await h.server.inject({ method: 'GET', url: `/trust/beta/policies/${href?.split('/').pop()}` }))
        .statusCode,
    ).toBe(404);
  });

  it('re-renders the request form with an error next to each field', async () => {
    const response = await requestAccess({ name: '', company: 'Globex', email: 'nope' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="name-error"');
    expect(response.body).toContain('id="email-error"');
    expect(response.body).toContain('id="acceptNda-error"');
    expect(response.body).toContain('value="Globex"');
    const forged = await requestAccess(
      { name: 'Eve', company: 'Evil', email: 'eve@evil.test', acceptNda: 'yes' },
      { token: '1.forged', remoteAddress: '10.0.0.9' },
    );
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('This form expired');
    const requests = (await acme('GET', '/trust-center/access-requests')).json().items;
    expect(requests).toEqual([]);
  });

  it('runs request, approval and a watermarked, logged download; another organization cannot approve', async () => {
    const sent = await requestAccess(
      { name: 'Grace Hopper', company: 'Globex', email: 'Grace@Globex.test', acceptNda: 'yes' },
      { remoteAddress: '10.0.0.2' },
    );
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/trust/acme/request-access/sent');
    expect((await h.server.inject({ method: 'GET', url: sent.headers.location ?? '' })).body).toContain(
      'Request received',
    );
    const [request] = (await acme('GET', '/trust-center/access-requests')).json().items;
    expect(request).toMatchObject({
      name: 'Grace Hopper',
      company: 'Globex',
      email: 'grace@globex.test',
      status: 'pending',
      ndaVersion: 1,
      ndaText: 'Keep these documents confidential.',
      sourceAddress: '10.0.0.2',
    });

    // Another organization's admin: not through our slug, and not through theirs.
    const foreign = await h.orgCall('acme')(
      'POST',
      `/trust-center/access-requests/${request.id}/approve`,
      betaToken,
      {
        expiresOn: '2026-07-15',
      },
    );
    expect(foreign.statusCode).toBe(404);
    const sideways = await h.orgCall('beta')(
      'POST',
      `/trust-center/access-requests/${request.id}/approve`,
      betaToken,
      {
        expiresOn: '2026-07-15',
      },
    );
    expect(sideways.statusCode).toBe(404);
    expect((await acme('GET', '/trust-center/access-requests')).json().items[0].status).toBe('pending');

    expect(
      (await acme('POST', `/trust-center/access-requests/${request.id}/approve`, { expiresOn: '2026-06-15' }))
        .statusCode,
    ).toBe(400);
    const approved = await acme('POST', `/trust-center/access-requests/${request.id}/approve`, {
      expiresOn: '2026-07-15',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().request).toMatchObject({
      status: 'approved',
      expiresAt: '2026-07-15T23:59:59.999Z',
    });
    const link = new URL(approved.json().link as string);
    expect(link.pathname).toMatch(/^\/trust\/acme\/access\/atlt_/);
    expect(h.app.outbox.at(-1)).toMatchObject({ to: 'grace@globex.test' });

    const accessPage = await h.server.inject({ method: 'GET', url: link.pathname });
    expect(accessPage.statusCode).toBe(200);
    expect(accessPage.headers['referrer-policy']).toBe('no-referrer');
    expect(accessPage.body).toContain('Documents shared with Grace Hopper');
    const href = /href="([^"]+\/documents\/[^"]+)"/.exec(accessPage.body)?.[1] ?? '';
    const download = await h.server.inject({ method: 'GET', url: href });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    const doc = await PDFDocument.load(download.rawPayload);
    expect(doc.getPageCount()).toBe(3);
    const text = pdfText(doc);
    expect(text).toContain('SOC 2 report page 2');
    expect(text).toContain('Grace Hopper (grace@globex.test), Globex, on 2026-06-15');

    const downloads = (await acme('GET', '/trust-center/downloads')).json().items;
    expect(downloads).toEqual([
      expect.objectContaining({
        documentId: reportId,
        documentTitle: 'SOC 2 Type 2 report',
        email: 'grace@globex.test',
        company: 'Globex',
        watermark: expect.stringContaining('Grace Hopper'),
      }),
    ]);
    const audit = (await acme('GET', '/audit-log?action=trust_center.document_downloaded')).json().items;
    expect(audit[0]).toMatchObject({ actor: 'visitor:grace@globex.test', targetId: reportId });

    // The gated document is never served without the link, and the link does not open another slug.
    const token = link.pathname.split('/').pop();
    expect((await h.server.inject({ method: 'GET', url: `/trust/beta/access/${token}` })).statusCode).toBe(
      404,
    );
    const gatedPublicly = href.replace(/\/access\/[^/]+/, '');
    expect((await h.server.inject({ method: 'GET', url: gatedPublicly })).statusCode).toBe(404);

    // After the expiry the link is refused.
    h.app.clock.set(new Date('2026-07-16T00:00:01Z'));
    try {
      const expired = await h.server.inject({ method: 'GET', url: href });
      expect(expired.statusCode).toBe(404);
      expect(expired.headers['content-type']).toMatch(/^text\/html/);
      expect(expired.body).toContain('Page not found');
      expect((await h.server.inject({ method: 'GET', url: link.pathname })).statusCode).toBe(404);
    } finally {
      h.app.clock.set(new Date('2026-06-15T09:00:00Z'));
    }

    // Withdrawn: the link stops at once.
    expect((await h.server.inject({ method: 'GET', url: link.pathname })).statusCode).toBe(200);
    expect((await acme('POST', `/trust-center/access-requests/${request.id}/deny`)).json()).toMatchObject({
      status: 'denied',
      expiresAt: null,
    });
    expect((await h.server.inject({ method: 'GET', url: link.pathname })).statusCode).toBe(404);
  });

  it('limits access requests per address with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof requestAccess>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await requestAccess(
        { name: `Visitor ${i}`, company: 'Initech', email: `v${i}@initech.test`, acceptNda: 'yes' },
        { remoteAddress: '10.9.9.9' },
      );
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    expect(last?.headers['retry-after']).toBe('60');
    expect(last?.body).toContain('Too many requests');
    const other = await requestAccess(
      { name: 'Other', company: 'Initech', email: 'other@initech.test', acceptNda: 'yes' },
      { remoteAddress: '10.9.9.10' },
    );
    expect(other.statusCode).toBe(303);
  });

  it('refuses a form posted from another site', async () => {
    const response = await h.server.inject({
      method: 'POST',
      url: '/trust/acme/request-access',
      remoteAddress: '10.7.7.7',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      payload: 'name=x',
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  it('goes back to 404 when unpublished', async () => {
    await acme('PUT', '/trust-center', { ...SETTINGS, published: false });
    expect((await h.server.inject({ method: 'GET', url: '/trust/acme' })).statusCode).toBe(404);
    await acme('PUT', '/trust-center', SETTINGS);
  });
});
