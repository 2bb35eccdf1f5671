import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TBrowserSession, webHarness } from '../support/browser.ts';

// The demo as a newcomer meets it: on an empty first run, "Try the demo" seeds a sample organization and
// signs in as its owner, and every screen has something in it. Screenshots of the main screens are kept.

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

it('opens the demo from the empty first run, with every screen filled', async () => {
  const page = await b.newPage();
  await page.goto(`${h.url}/`);
  await page.waitForURL(/\/sign-in/);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await page.waitForURL(/\/o\/demo$/, { timeout: 90_000 });

  // The dashboard: the demo's scope (Security, Availability, Confidentiality), weeks of history, late work
  // and expiring evidence.
  const inScope = h.app.deps.catalog.criteria.filter((c) =>
    ['security', 'availability', 'confidentiality'].includes(c.category),
  );
  await expect
    .poll(() => page.getByRole('list', { name: 'Criteria by status' }).getByRole('link').count())
    .toBe(inScope.length);
  await expect.poll(() => page.getByRole('heading', { name: /Overdue tasks \([1-9]/ }).count()).toBe(1);
  await expect
    .poll(() => page.getByRole('heading', { name: /Evidence about to expire \([1-9]/ }).count())
    .toBe(1);
  const history = await page
    .locator('table.visually-hidden tbody tr, .visually-hidden table tbody tr')
    .count();
  expect(history).toBeGreaterThan(50);
  await screenshot(page, 'demo-dashboard');

  const screens: [string, RegExp][] = [
    ['criteria', /CC6\.1/],
    ['controls', /implemented/i],
    ['policies', /published/i],
    ['evidence', /expired/i],
    ['tasks', /in progress/i],
    ['settings/members', /security|auditor/i],
    ['settings/audit-log', /verified/i],
    ['me', /./],
  ];
  for (const [screen, expected] of screens) {
    await page.goto(`${h.url}/o/demo/${screen}`);
    await expect.poll(() => page.locator('.spinner').count()).toBe(0);
    await expect.poll(async () => expected.test((await page.locator('main').textContent()) ?? '')).toBe(true);
    await screenshot(page, `demo-${screen.replace(/\W+/g, '-')}`);
  }

  await page.goto(`${h.url}/o/demo/controls`);
  await page.locator('tbody a').first().click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
  await screenshot(page, 'demo-control-detail');

  await page.goto(`${h.url}/o/demo/policies`);
  await page.locator('tbody a').first().click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
  await screenshot(page, 'demo-policy-detail');

  const phone = await b.newPage({ width: 390, height: 844 });
  await phone.context().addCookies(await page.context().cookies());
  await phone.goto(`${h.url}/o/demo`);
  await expect.poll(() => phone.getByRole('list', { name: 'Criteria by status' }).count()).toBe(1);
  await screenshot(phone, 'demo-phone-dashboard');
  expect(b.problems).toEqual([]);
}, 180_000);
