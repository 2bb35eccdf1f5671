import { afterAll, beforeAll, expect, it } from 'vitest';
import { scopeOf } from '../../src/app/ports.ts';
import { launchBrowser, screenshot, type TBrowserSession, webHarness } from '../support/browser.ts';

// A policy's life in the browser: the owner edits the Markdown with its preview, approves and publishes it,
// starts version 2 and reads the diff; an employee, on a phone, reads it on their page and accepts it.

let h: Awaited<ReturnType<typeof webHarness>>;
let b: TBrowserSession;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  h = await webHarness();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('the owner edits, approves and publishes a policy; an employee reads and accepts it', async () => {
  const page = await b.newPage();
  await page.goto(await h.setupLink());
  await page.getByLabel('Organization name').fill('Acme Cloud');
  await page.getByLabel('Your work email').fill('owner@acme.test');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL(/\/o\/acme-cloud\//);
  const status = await page.evaluate(async () => {
    const { csrfToken } = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
    const response = await fetch('/api/v1/orgs/acme-cloud/program', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({ reportType: 'type1', asOf: '2027-06-30' }),
    });
    return response.status;
  });
  expect(status).toBe(201);
  const { deps } = h.app;
  const org = await deps.store.repos.organizations.findBySlug('acme-cloud');
  if (!org) throw new Error('no organization');
  const employee = { id: deps.newId(), email: 'erin@acme.test' };
  await deps.store.repos.users.create(employee);
  await deps.store.repos.users.setPasswordHash(employee.id, await deps.passwords.hash(PASSWORD));
  await deps.store.repos.memberships.add(scopeOf(org), employee.id, 'employee');

  await page.goto(`${h.url}/o/acme-cloud/policies`);
  await page.getByRole('link', { name: 'Backup Policy' }).click();
  const editor = page.getByLabel('Policy text (Markdown)');
  await editor.waitFor();

  // The server's own limits, next to the editor, before any round trip.
  await editor.fill('  ');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/cannot be empty/);

  // Raw HTML in the text is shown as text, never rendered.
  await editor.fill(
    '# Backup Policy\n\nDaily backups, kept **35 days**. <img src=x onerror="window.pwned=1">\n',
  );
  await expect.poll(() => page.locator('.policy-preview strong').textContent()).toBe('35 days');
  expect(await page.locator('.policy-preview img').count()).toBe(0);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft version 1 saved.').waitFor();

  await page.getByRole('button', { name: 'Approve version 1' }).click();
  await page.getByRole('button', { name: 'Publish version 1' }).click();
  await page.getByText(/In force since/).waitFor();

  await editor.fill('# Backup Policy\n\nDaily backups, kept **90 days**.\n');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Saved as a new draft, version 2.').waitFor();
  // The default comparison: the version in force against the new draft, marked by +/− and not colour alone.
  await expect.poll(() => page.locator('.diff del').textContent()).toMatch(/^−Removed: Daily backups, kept/);
  expect(await page.locator('.diff ins').textContent()).toBe('+Added: Daily backups, kept **90 days**.');
  await screenshot(page, 'policy-owner');

  const phone = await b.newPage({ width: 390, height: 844 });
  await phone.goto(`${h.url}/sign-in`);
  await phone.getByLabel('Email').fill(employee.email);
  await phone.getByLabel('Password').fill(PASSWORD);
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await phone.waitForURL(/\/o\/acme-cloud\/me$/);
  await phone.getByText('Read version 1 in full').click();
  await expect.poll(() => phone.locator('.to-accept-text strong').textContent()).toBe('35 days');
  await phone.getByRole('button', { name: 'I have read and accept version 1' }).click();
  await phone.getByText('You are all caught up').waitFor();
  await screenshot(phone, 'policy-employee-phone');

  await page.reload();
  await expect
    .poll(() => page.locator('section[aria-labelledby="acceptances-title"]').textContent())
    .toMatch(/erin@acme\.test\s*v1\s*Current/);
  expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
  expect(b.problems).toEqual([]);
});
