import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toIsoDate } from '../../src/domain/dates.ts';
import {
  callApi,
  launchBrowser,
  screenshot,
  setUpOwner,
  type TBrowserSession,
  webHarness,
} from '../support/browser.ts';

// The trust center's settings screen: the owner writes the page, publishes it, shares a gated report and
// approves a visitor's request, all through the web app; the public page then reads without JavaScript.

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

it('the owner fills and publishes the trust center, shares a report and approves a request', async () => {
  const owner = await b.newPage();
  await setUpOwner(owner, await h.setupLink(), 'Acme Cloud');
  const inDays = (days: number) => toIsoDate(new Date(Date.now() + days * 86_400_000));
  expect(
    (
      await callApi(owner, 'PUT', '/api/v1/orgs/acme-cloud/program', {
        reportType: 'type1',
        asOf: inDays(60),
        categories: [],
      })
    ).status,
  ).toBe(201);

  await owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trust center' }).click();
  await owner.waitForURL(/\/o\/acme-cloud\/trust-center\/page$/);
  const headline = owner.getByLabel('Headline');
  await expect.poll(() => headline.inputValue()).toBe('Acme Cloud Trust Center');

  // The server's refusal shows next to the field it is about.
  await headline.fill('   ');
  await owner.getByRole('button', { name: 'Save the trust center' }).click();
  await expect.poll(() => owner.getByText('a headline is required').isVisible()).toBe(true);
  expect(await headline.getAttribute('aria-invalid')).toBe('true');

  await headline.fill('Security at Acme Cloud');
  await owner.getByLabel('Description', { exact: true }).fill('Our SOC 2 program, live.');
  await owner.getByLabel('Security contact').fill('security@acme.test');
  await owner.getByRole('button', { name: 'Add a question' }).click();
  await owner.getByLabel('Question', { exact: true }).fill('Where is data hosted?');
  await owner.getByLabel('Answer', { exact: true }).fill('In the EU, on AWS.');
  await owner.getByRole('button', { name: 'Add an area' }).click();
  await owner.getByLabel('Title', { exact: true }).fill('Access control');
  await owner.getByRole('checkbox', { name: /^CC6\b/ }).check();
  await owner.getByRole('button', { name: 'Add a subprocessor' }).click();
  await owner.getByLabel('Name', { exact: true }).fill('Amazon Web Services');
  await owner.getByLabel('Location').fill('Ireland');
  await owner.getByLabel('NDA text').fill('Keep the documents confidential.');
  await owner.getByRole('checkbox', { name: 'Published' }).check();
  await owner.getByRole('button', { name: 'Save the trust center' }).click();
  await expect.poll(() => owner.getByText('Saved. The trust center is public.').isVisible()).toBe(true);
  const publicLink = owner.getByRole('link', { name: /\/trust\/acme-cloud$/ });
  expect(await publicLink.isVisible()).toBe(true);
  const saved = (await callApi(owner, 'GET', '/api/v1/orgs/acme-cloud/trust-center')).body as {
    published: boolean;
    areas: Array<{ title: string; series: string[]; controls: string[] }>;
    faq: unknown[];
    subprocessors: Array<{ name: string }>;
  };
  expect(saved.published).toBe(true);
  expect(saved.areas).toEqual([{ title: 'Access control', description: '', series: ['CC6'], controls: [] }]);
  expect(saved.faq).toHaveLength(1);
  expect(saved.subprocessors[0]?.name).toBe('Amazon Web Services');
  await screenshot(owner, 'trust-center-settings');

  // A gated SOC 2 report, uploaded through the Documents tab.
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage().drawText("Independent auditor's report", { x: 50, y: 700, font });
  await owner.getByRole('link', { name: 'Documents' }).click();
  await owner.getByLabel('PDF file').setInputFiles({
    name: 'soc2-type1.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(await pdf.save()),
  });
  await owner.getByLabel('Document title').fill('SOC 2 Type 1 report');
  await owner.getByRole('button', { name: 'Upload the document' }).click();
  await expect
    .poll(() => owner.getByRole('cell', { name: 'SOC 2 Type 1 report', exact: true }).isVisible())
    .toBe(true);
  expect(await owner.getByRole('cell', { name: 'Gated' }).isVisible()).toBe(true);

  // A reviewer with JavaScript off reads the page and requests the report.
  const context = await b.browser.newContext({ javaScriptEnabled: false });
  const visitor = await context.newPage();
  try {
    expect((await visitor.goto(`${h.url}/trust/acme-cloud`))?.status()).toBe(200);
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Security at Acme Cloud');
    expect(await visitor.getByRole('cell', { name: 'Amazon Web Services' }).isVisible()).toBe(true);
    await visitor.getByRole('link', { name: 'Request access' }).click();
    await visitor.getByLabel('Your name').fill('Grace Hopper');
    await visitor.getByLabel('Company').fill('Globex');
    await visitor.getByLabel('Work email').fill('grace@globex.test');
    await visitor.getByLabel('I accept the confidentiality terms').check();
    await visitor.getByRole('button', { name: 'Request access' }).click();
    await visitor.waitForURL(/\/request-access\/sent$/);
  } finally {
    await context.close();
  }

  // The owner approves it on the Access requests tab and gets the link to pass on.
  await owner.getByRole('link', { name: 'Access requests' }).click();
  const request = owner.getByRole('listitem').filter({ hasText: 'grace@globex.test' });
  await expect.poll(() => request.isVisible()).toBe(true);
  await request.getByLabel('Access until').fill(inDays(14));
  await request.getByRole('button', { name: 'Approve' }).click();
  await expect.poll(() => owner.getByText('Access approved for grace@globex.test.').isVisible()).toBe(true);
  expect(await owner.getByText(/\/trust\/acme-cloud\/access\//).count()).toBeGreaterThan(0);
  await screenshot(owner, 'trust-center-requests');

  await owner.setViewportSize({ width: 390, height: 844 });
  await owner.getByRole('button', { name: 'Menu' }).click();
  await owner.getByRole('link', { name: 'Trust center' }).click();
  await expect.poll(() => owner.getByLabel('Headline').inputValue()).toBe('Security at Acme Cloud');
  await screenshot(owner, 'trust-center-settings-phone');
  expect(b.problems).toEqual([]);
});
