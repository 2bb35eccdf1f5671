import { afterAll, beforeAll, expect, it } from 'vitest';
import { toIsoDate } from '../../src/domain/dates.ts';
import { addDays, daysBetween } from '../../src/domain/report-period.ts';
import { addMonths, VENDOR_RUBRIC } from '../../src/domain/vendor.ts';
import {
  callApi,
  launchBrowser,
  OWNER,
  screenshot,
  setUpOwner,
  signIn,
  type TBrowserSession,
  webHarness,
} from '../support/browser.ts';

// Issue 7's done-when for vendors, in the browser: the owner adds a vendor through the rubric (its tier
// shown as the questions are answered), uploads its SOC 2 report that expires within 60 days, and is
// warned on the vendor page, the vendor list and the dashboard; records a review, marks the vendor as a
// carve-out subservice organization with a CSOC, and adds a CUEC. No console errors; phone width too.

let h: Awaited<ReturnType<typeof webHarness>>;
let b: TBrowserSession;

const PDF = Buffer.from('%PDF-1.4\n% Relaymail SOC 2 Type 2 report\n%%EOF\n');

beforeAll(async () => {
  h = await webHarness();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('adds a vendor with a SOC 2 report that expires soon and is warned', async () => {
  const page = await b.newPage();
  await setUpOwner(page, await h.setupLink());
  const program = await callApi(page, 'PUT', '/api/v1/orgs/acme-cloud/program', {
    reportType: 'type1',
    asOf: '2027-06-30',
  });
  expect(program.status).toBe(201);

  await page.goto(`${h.url}/o/acme-cloud/vendors`);
  await page.getByRole('link', { name: 'Vendors', exact: true }).first().waitFor();
  await page.getByText('No vendors yet').waitFor();

  // The rubric: the tier follows the answers, with the reasons.
  await page.getByRole('button', { name: 'New vendor' }).click();
  await page.getByLabel('Name').fill('Relaymail');
  await page.getByLabel('What they do').fill('Transactional email: sign-in links and password resets');
  await page.getByRole('button', { name: 'Add vendor' }).click();
  await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/Choose the data/);
  await page.getByLabel('Customer personal data').check();
  await page.getByLabel(VENDOR_RUBRIC.dependency.question).selectOption('outage');
  await expect.poll(() => page.locator('.vendor-tier-preview').textContent()).toMatch(/Tier: Critical/);
  expect(await page.locator('.vendor-tier-preview').textContent()).toMatch(
    /2 answers at the highest level: critical/,
  );
  await screenshot(page, 'vendors-form');
  await page.getByRole('button', { name: 'Add vendor' }).click();
  await page.getByText('Added "Relaymail" as a critical vendor.').waitFor();
  const row = page.getByRole('row', { name: /Relaymail/ });
  await expect.poll(() => row.textContent()).toMatch(/Report missing/);
  expect(await row.textContent()).toMatch(/No SOC 2 report on file for a critical vendor/);

  // A Type 2 report whose 12 months run out within 60 days.
  const today = toIsoDate(new Date());
  const periodEnd = addDays(addMonths(today, -12), 30);
  const expires = addMonths(periodEnd, 12);
  const days = daysBetween(today, expires);
  await page.getByRole('link', { name: 'Relaymail' }).click();
  await page.getByRole('heading', { name: 'Relaymail', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Upload SOC 2 report' }).click();
  await page.getByLabel('Report (PDF)').setInputFiles({
    name: 'relaymail-soc2.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await page.getByLabel('Period start').fill(addDays(addMonths(periodEnd, -12), 1));
  await page.getByLabel('Period end').fill(periodEnd);
  await page.getByLabel('Exceptions noted').fill('One change deployed without approval (CC8.1).');
  await page.getByRole('button', { name: 'Upload report' }).click();
  await page.getByText('Uploaded relaymail-soc2.pdf.').waitFor();
  const warning = `SOC 2 report expires in ${days} days, on ${expires}`;
  await page.getByText(warning).first().waitFor();
  const reports = page.getByRole('table', { name: 'SOC 2 reports' });
  expect(await reports.textContent()).toMatch(/Exceptions: One change deployed without approval/);
  expect(await reports.textContent()).toContain(expires);

  // A review, then the subservice settings with one CSOC.
  await page.getByRole('button', { name: 'Record review' }).click();
  await page.getByLabel('Outcome').selectOption('approved_with_conditions');
  await page
    .getByLabel('Notes')
    .fill('Accepted the change exception; ask for the new report before it expires.');
  await page.getByRole('button', { name: 'Record review' }).last().click();
  await page.getByText(`Recorded the review of ${today}.`).waitFor();
  await expect.poll(() => page.getByText('Not reviewed yet').count()).toBe(0);

  await page.getByRole('button', { name: 'Edit subservice settings' }).click();
  await page.getByLabel('Subservice method').selectOption('carve_out');
  await page.getByLabel('Where it appears in the report').fill('Section 3, Subservice organizations');
  await page.getByRole('button', { name: 'Add CSOC' }).click();
  await page.getByLabel('CSOC 1', { exact: true }).fill('Relaymail restricts access to its mail servers.');
  await page.getByLabel('Criteria of CSOC 1').fill('CC6.1');
  await page.getByRole('button', { name: 'Save subservice settings' }).click();
  await page.getByText('Saved the subservice settings.').waitFor();
  await page.getByText('Relaymail restricts access to its mail servers.').waitFor();
  await screenshot(page, 'vendors-page');

  // The warning on the vendor list and on the dashboard.
  await page.getByRole('link', { name: '← All vendors' }).click();
  await expect.poll(() => row.textContent()).toMatch(/Report expiring/);
  expect(await row.textContent()).toContain(warning);
  expect(await row.textContent()).toMatch(/Subservice organization \(Carve out\)/);
  await screenshot(page, 'vendors-list');

  await page.getByRole('link', { name: 'Dashboard' }).click();
  const onDashboard = page.getByRole('table', { name: 'Vendor warnings' });
  await expect.poll(() => onDashboard.textContent()).toContain(warning);
  await screenshot(page, 'vendors-dashboard');

  // The CUECs tab.
  await page.goto(`${h.url}/o/acme-cloud/vendors/cuecs`);
  await page.getByRole('button', { name: 'New CUEC' }).click();
  await page
    .getByLabel('Control expected of customers')
    .fill('Customers manage the access of their own users.');
  await page.getByLabel('Criteria').fill('CC6.2, cc6.3');
  await page.getByRole('button', { name: 'Add CUEC' }).click();
  const cuecs = page.getByRole('table', { name: 'Complementary user entity controls' });
  await expect
    .poll(() => cuecs.textContent())
    .toMatch(/Customers manage the access of their own users\.CC6\.2, CC6\.3/);
  await screenshot(page, 'vendors-cuecs');

  const listed = await callApi(page, 'GET', '/api/v1/orgs/acme-cloud/subservice-organizations');
  expect(listed.body).toMatchObject({ items: [{ name: 'Relaymail', method: 'carve_out' }] });

  const phone = await b.newPage({ width: 390, height: 844 });
  await signIn(phone, h.url, OWNER, '/o/acme-cloud/vendors');
  await phone.getByRole('table', { name: 'Vendor inventory' }).waitFor();
  expect(await phone.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(phone, 'vendors-phone');

  expect(b.problems).toEqual([]);
});
