import { readFileSync } from 'node:fs';
import { decodePDFRawStream, PDFDocument, PDFRawStream, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scopeOf } from '../../src/app/ports.ts';
import { addTrustDocument } from '../../src/app/trust-center/manage-trust-documents.ts';
import { toIsoDate } from '../../src/domain/dates.ts';
import {
  callApi,
  launchBrowser,
  screenshot,
  setUpOwner,
  type TBrowserSession,
  webHarness,
} from '../support/browser.ts';

// The public trust center as a customer's security reviewer meets it: in a browser with JavaScript turned
// off, the page reads in full; they request the gated SOC 2 report under the NDA with a plain form, the
// owner approves, and the link gives them a copy stamped with their name.

let h: Awaited<ReturnType<typeof webHarness>>;
let b: TBrowserSession;

beforeAll(async () => {
  h = await webHarness();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

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

it('reads without JavaScript, and a visitor gets the gated report through the request form', async () => {
  const owner = await b.newPage();
  await setUpOwner(owner, await h.setupLink(), 'Acme Cloud');
  const today = toIsoDate(new Date());
  const inDays = (days: number) => toIsoDate(new Date(Date.now() + days * 86_400_000));
  expect(
    (
      await callApi(owner, 'PUT', '/api/v1/orgs/acme-cloud/program', {
        reportType: 'type2',
        windowStart: inDays(-60),
        windowEnd: inDays(120),
        categories: ['availability'],
      })
    ).status,
  ).toBe(201);
  const saved = await callApi(owner, 'PUT', '/api/v1/orgs/acme-cloud/trust-center', {
    published: true,
    headline: 'Acme Cloud Trust Center',
    description: 'Security at Acme Cloud, live from our SOC 2 program.',
    securityContact: 'security@acme.test',
    faq: [{ question: 'Where is data hosted?', answer: 'In the EU, on AWS.' }],
    areas: [
      { title: 'Access control', description: 'SSO and least privilege.', series: ['CC6'], controls: [] },
      { title: 'Availability', description: '', series: ['A1'], controls: [] },
    ],
    subprocessors: [{ name: 'Amazon Web Services', purpose: 'Hosting', location: 'Ireland' }],
    ndaText: 'Keep the documents confidential and use them only to evaluate Acme Cloud.',
  });
  expect(saved.status).toBe(200);
  const org = await h.app.deps.store.repos.organizations.findBySlug('acme-cloud');
  if (!org) throw new Error('no organization');
  const report = await PDFDocument.create();
  const font = await report.embedFont(StandardFonts.Helvetica);
  for (const n of [1, 2])
    report.addPage().drawText(`Independent auditor's report, page ${n}`, { x: 50, y: 700, font });
  await addTrustDocument(h.app.deps, scopeOf(org), {
    title: 'SOC 2 Type 2 report',
    kind: 'soc2_report',
    access: 'gated',
    fileName: 'acme-soc2.pdf',
    bytes: await report.save(),
  });

  // A reviewer with JavaScript off: the page is all there.
  const context = await b.browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1100, height: 900 },
  });
  const problems: string[] = [];
  const visitor = await context.newPage();
  visitor.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(message.text());
  });
  try {
    const response = await visitor.goto(`${h.url}/trust/acme-cloud`);
    expect(response?.status()).toBe(200);
    await expect
      .poll(() => visitor.getByRole('heading', { level: 1 }).textContent())
      .toBe('Acme Cloud Trust Center');
    for (const section of ['Compliance', 'Control areas', 'Documents', 'Subprocessors', 'Security contact'])
      expect(await visitor.getByRole('heading', { name: section }).isVisible()).toBe(true);
    expect(await visitor.getByText('SOC 2 Type 2', { exact: true }).isVisible()).toBe(true);
    expect(await visitor.getByText('Report available on request').isVisible()).toBe(true);
    expect(await visitor.getByRole('cell', { name: 'Amazon Web Services' }).isVisible()).toBe(true);
    // The stylesheet loaded (same origin, allowed by the page's policy): the badges are styled.
    const radius = await visitor
      .locator('.badge')
      .first()
      .evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { borderRadius: string } }
          ).getComputedStyle(el).borderRadius,
      );
    expect(radius).toBe('999px');
    await visitor.getByText('Where is data hosted?').click();
    expect(await visitor.getByText('In the EU, on AWS.').isVisible()).toBe(true);
    await screenshot(visitor, 'trust-center-public');

    // The request form, posted without JavaScript: errors next to the fields, then success.
    await visitor.getByRole('link', { name: 'Request access' }).click();
    await visitor.waitForURL(/\/trust\/acme-cloud\/request-access$/);
    await visitor.getByLabel('Your name').fill('Grace Hopper');
    await visitor.getByLabel('Work email').fill('not-an-email');
    await visitor.getByRole('button', { name: 'Request access' }).click();
    expect(await visitor.locator('#company-error').textContent()).toBe('Enter your company.');
    expect(await visitor.locator('#email-error').isVisible()).toBe(true);
    expect(await visitor.locator('#acceptNda-error').isVisible()).toBe(true);
    expect(await visitor.getByLabel('Your name').inputValue()).toBe('Grace Hopper');
    await screenshot(visitor, 'trust-center-request-errors');
    await visitor.getByLabel('Company').fill('Globex');
    await visitor.getByLabel('Work email').fill('grace@globex.test');
    await visitor.getByLabel('I accept the confidentiality terms').check();
    await visitor.getByRole('button', { name: 'Request access' }).click();
    await visitor.waitForURL(/\/request-access\/sent$/);
    expect(await visitor.getByRole('heading', { name: 'Request received' }).isVisible()).toBe(true);

    // The owner approves; the link opens the documents, and the download carries the requester.
    const requests = await callApi(owner, 'GET', '/api/v1/orgs/acme-cloud/trust-center/access-requests');
    const [request] = (requests.body as { items: Array<{ id: string; ndaText: string }> }).items;
    expect(request?.ndaText).toContain('Keep the documents confidential');
    const approved = await callApi(
      owner,
      'POST',
      `/api/v1/orgs/acme-cloud/trust-center/access-requests/${request?.id}/approve`,
      { expiresOn: inDays(30) },
    );
    expect(approved.status).toBe(200);
    const link = new URL((approved.body as { link: string }).link);
    await visitor.goto(`${h.url}${link.pathname}`);
    expect(
      await visitor.getByRole('heading', { name: 'Documents shared with Grace Hopper' }).isVisible(),
    ).toBe(true);
    await screenshot(visitor, 'trust-center-access');
    const [download] = await Promise.all([
      visitor.waitForEvent('download'),
      visitor.getByRole('link', { name: 'Download' }).click(),
    ]);
    const stamped = await PDFDocument.load(readFileSync(await download.path()));
    expect(stamped.getPageCount()).toBe(2);
    expect(pdfText(stamped)).toContain(`Grace Hopper (grace@globex.test), Globex, on ${today}`);

    // An unknown trust center is a page too, not the web app.
    const missing = await visitor.goto(`${h.url}/trust/nobody-here`);
    expect(missing?.status()).toBe(404);
    expect(await visitor.getByRole('heading', { name: 'Page not found' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});
