import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TBrowserSession, webHarness } from '../support/browser.ts';

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

it('the setup link creates the owner and the organization, then starts onboarding', async () => {
  const page = await b.newPage();
  await page.goto(await h.setupLink());
  await page.getByLabel('Organization name').fill('Acme Cloud');
  await page.getByLabel('Your work email').fill('owner@acme.test');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create organization' }).click();
  // The server's rule, shown next to the field it is about.
  await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/password|12/i);
  await screenshot(page, 'setup-error');

  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL(/\/o\/acme-cloud\/onboarding$/);
  expect(b.problems).toEqual([]);
});

it('a page of the app opened signed out asks to sign in and comes back', async () => {
  const page = await b.newPage({ width: 390, height: 844 });
  await page.goto(`${h.url}/o/acme-cloud/controls`);
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByLabel('Email').fill('owner@acme.test');
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/o\/acme-cloud\/controls$/);
  await screenshot(page, 'phone-after-sign-in');
  expect(b.problems).toEqual([]);
});
