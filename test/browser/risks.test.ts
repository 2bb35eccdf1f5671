import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  callApi,
  launchBrowser,
  screenshot,
  setUpOwner,
  type TBrowserSession,
  webHarness,
} from '../support/browser.ts';

// The risk register in the browser: the owner records a risk (the form shows the server's rule next to
// the field), accepts it, and sees it counted on both heat maps; adopting from the library; no console
// errors, at desktop and phone widths.

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

it('the owner records a risk, accepts it and sees it on the heat map', async () => {
  const page = await b.newPage();
  await setUpOwner(page, await h.setupLink());
  const program = await callApi(page, 'PUT', '/api/v1/orgs/acme-cloud/program', {
    reportType: 'type1',
    asOf: '2027-06-30',
  });
  expect(program.status).toBe(201);

  await page.goto(`${h.url}/o/acme-cloud/risks`);
  await page.getByRole('link', { name: 'Risks' }).waitFor();
  await page.getByText('No risks recorded yet').waitFor();

  await page.getByRole('button', { name: 'New risk' }).click();
  await page.getByLabel('Title').fill('Refund fraud by support staff');
  await page.getByLabel('Category').selectOption('fraud');
  await page.getByLabel('Treatment').selectOption('accept');
  await page.getByLabel('Inherent likelihood').selectOption('4');
  await page.getByLabel('Inherent impact').selectOption('5');
  await page.getByLabel('Residual likelihood').selectOption('5');
  await page.getByLabel('Residual impact').selectOption('5');
  await page.getByRole('button', { name: 'Record risk' }).click();
  await expect
    .poll(() => page.getByRole('alert').first().textContent())
    .toMatch(/residual score cannot exceed/i);

  await page.getByLabel('Residual likelihood').selectOption('2');
  await page.getByLabel('Residual impact').selectOption('3');
  await page.getByLabel('Controls').fill('RISK-03, NOPE-99');
  await page.getByRole('button', { name: 'Record risk' }).click();
  // The server's refusal of an unknown control, next to that field.
  await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/unknown control "NOPE-99"/);
  await page.getByLabel('Controls').fill('RISK-03, GOV-14');
  await page.getByRole('button', { name: 'Record risk' }).click();
  await page.getByText('Recorded "Refund fraud by support staff".').waitFor();

  const row = page.getByRole('row', { name: /Refund fraud by support staff/ });
  await expect.poll(() => row.textContent()).toMatch(/20 Critical.*6 Medium/);
  expect(await row.textContent()).toMatch(/Controls: GOV-14, RISK-03/);
  expect(await row.textContent()).toMatch(/Awaiting acceptance/);

  await page.getByRole('button', { name: 'Accept Refund fraud by support staff' }).click();
  await page.getByLabel('Reason for acceptance').fill('Within appetite until the refund tool is replaced');
  await page.getByRole('button', { name: 'Accept risk' }).click();
  await page.getByText('Accepted "Refund fraud by support staff".').waitFor();
  await expect.poll(() => row.textContent()).toMatch(/Accepted\s*by owner@acme\.test on \d{4}-\d{2}-\d{2}/);

  // Both heat maps count it: inherent at likelihood 4 x impact 5, residual at 2 x 3; colour plus words.
  await expect.poll(() => page.getByTestId('heat-inherent-4-5').textContent()).toBe('1Critical');
  expect(await page.getByTestId('heat-residual-2-3').textContent()).toBe('1Medium');
  expect(await page.getByTestId('heat-residual-4-5').textContent()).toBe('0Critical');

  // Adopting a change-driven risk (CC3.4) from the starter library.
  await page.getByRole('button', { name: 'Adopt from library' }).click();
  await page
    .getByRole('button', { name: 'Adopt Significant business or technology change weakens controls' })
    .click();
  await page.getByText(/Adopted "Significant business or technology change weakens controls"/).waitFor();
  await page.getByRole('button', { name: 'Close' }).click();
  const listed = await callApi(page, 'GET', '/api/v1/orgs/acme-cloud/risks');
  expect((listed.body as { total: number }).total).toBe(2);
  await screenshot(page, 'risks-owner');

  const phone = await b.newPage({ width: 390, height: 844 });
  await phone.goto(`${h.url}/sign-in?next=${encodeURIComponent('/o/acme-cloud/risks')}`);
  await phone.getByLabel('Email').fill('owner@acme.test');
  await phone.getByLabel('Password').fill('correct horse battery staple');
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await phone.getByRole('table', { name: 'Risk register' }).waitFor();
  // Nothing wider than the phone: the tables scroll inside their own frames.
  expect(await phone.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(phone, 'risks-phone');

  expect(b.problems).toEqual([]);
});
