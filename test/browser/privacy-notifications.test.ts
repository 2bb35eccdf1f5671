import { afterAll, beforeAll, expect, it } from 'vitest';
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

// Data & privacy and notification settings in the browser: the owner records a data set in the data
// inventory (the server's field error shown by the field), files the inventory as evidence, opens the
// privacy registers once Privacy is in scope and sees an overdue data-subject request; then chooses
// notifications and connects a Slack webhook that is never shown back.

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

it('keeps the data inventory and the privacy registers, with deadlines', async () => {
  const page = await b.newPage();
  await setUpOwner(page, await h.setupLink());
  const program = await callApi(page, 'PUT', '/api/v1/orgs/acme-cloud/program', {
    reportType: 'type1',
    asOf: '2027-06-30',
  });
  expect(program.status).toBe(201);

  await page.goto(`${h.url}/o/acme-cloud/privacy`);
  await page.getByRole('link', { name: 'Data & privacy' }).waitFor();
  await page.getByText('Privacy is not in scope').waitFor();
  await page.getByText('No entries in Data inventory yet').waitFor();
  await page.getByRole('button', { name: 'New entry' }).click();
  await page.getByLabel('Data set').fill('Customer accounts');
  await page.getByLabel('System or store').fill('PostgreSQL (production)');
  await page.getByLabel('Data categories').fill('contact details, billing address');
  await page.getByLabel('Holds personal information').selectOption('true');
  await page.getByLabel('Retention period').fill('Life of the contract + 90 days');
  await page.getByLabel('Disposal method').fill('Deleted; backups age out in 35 days');
  await page.getByRole('button', { name: 'Record entry' }).click();
  // No classification chosen: the server's refusal is shown by that field.
  await expect.poll(() => page.getByLabel('Classification').getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByRole('alert').first().textContent()).toMatch(/one of "public"/);
  await page.getByLabel('Classification').selectOption('confidential');
  await page.getByRole('button', { name: 'Record entry' }).click();
  await page.getByText('Saved "Customer accounts (PostgreSQL (production))".').waitFor();
  await page.getByRole('row', { name: /Customer accounts/ }).waitFor();

  await page.getByRole('button', { name: 'File as evidence' }).click();
  await expect
    .poll(() => page.getByRole('status').first().textContent())
    .toMatch(/Filed "Data inventory as of/);
  await screenshot(page, 'privacy-data-inventory');

  const scoped = await callApi(page, 'PUT', '/api/v1/orgs/acme-cloud/program', {
    reportType: 'type1',
    asOf: '2027-06-30',
    categories: ['privacy'],
  });
  expect(scoped.status).toBe(200);
  const request = await callApi(page, 'POST', '/api/v1/orgs/acme-cloud/privacy/data_subject_request', {
    data: {
      requester: 'jane@example.test',
      type: 'deletion',
      receivedOn: '2020-01-02',
      identityVerified: true,
    },
  });
  expect(request.status).toBe(201);
  await page.reload();
  await page.getByRole('button', { name: /Data-subject requests \(1\) · 1 overdue/ }).click();
  const row = page.getByRole('row', { name: /deletion request from jane@example.test/ });
  await expect.poll(() => row.textContent()).toMatch(/Overdue since 2020-02-01/);
  await screenshot(page, 'privacy-requests');
});

it('lets a member choose notifications and keeps the Slack webhook out of sight', async () => {
  const page = await b.newPage();
  await signIn(page, h.url, OWNER, '/o/acme-cloud/settings/notifications');
  await page.getByRole('heading', { name: 'Your notifications' }).waitFor();
  const email = page.getByRole('checkbox', { name: 'A task goes overdue: email' });
  expect(await email.isChecked()).toBe(true);
  await page.getByRole('checkbox', { name: 'A task goes overdue: slack' }).check();
  await page.getByLabel('How often').selectOption('weekly');
  await page.getByRole('button', { name: 'Save notification settings' }).click();
  await page.getByText('Saved.').waitFor();

  await page.getByLabel('Incoming webhook address').fill('https://example.com/not-slack');
  await page.getByRole('button', { name: 'Save Slack channel' }).click();
  await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/hooks\.slack\.com/);
  await page.getByLabel('Incoming webhook address').fill('https://hooks.slack.com/services/T000/B000/secret');
  await page.getByRole('button', { name: 'Save Slack channel' }).click();
  await page.getByText('Connected', { exact: true }).waitFor();
  expect(await page.getByLabel('Incoming webhook address').inputValue()).toBe('');
  expect(await page.content()).not.toContain('T000/B000');

  await page.reload();
  await page.getByRole('heading', { name: 'Your notifications' }).waitFor();
  expect(await page.getByLabel('How often').inputValue()).toBe('weekly');
  expect(await page.getByRole('checkbox', { name: 'A task goes overdue: slack' }).isChecked()).toBe(true);
  await screenshot(page, 'settings-notifications');
  expect(b.problems).toEqual([]);
});
