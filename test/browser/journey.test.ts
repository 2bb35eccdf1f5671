import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TBrowserSession, webHarness } from '../support/browser.ts';

// The "done when", as a new user: open the setup link, finish onboarding, see a dashboard that
// matches the scope chosen, upload evidence and watch the criterion change, turn a gap into a task.

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

const iso = (date: Date) => date.toISOString().slice(0, 10);
const PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';

it('onboards from an empty database to a dashboard of the chosen scope, where evidence moves readiness', async () => {
  const page = await b.newPage();
  await page.goto(await h.setupLink());
  await page.getByLabel('Organization name').fill('Acme Cloud');
  await page.getByLabel('Your work email').fill('owner@acme.test');
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL(/\/o\/acme-cloud\/onboarding$/);

  // 1. Type 2 over a six-month window.
  const start = new Date();
  const end = new Date(start.getTime() + 182 * 86_400_000);
  await page.getByRole('radio', { name: /Type 2/ }).check();
  await page.getByLabel('Observation window starts').fill(iso(start));
  await page.getByLabel('Observation window ends').fill(iso(end));
  await screenshot(page, 'onboarding-1-report-type');
  await page.getByRole('button', { name: 'Next' }).click();

  // 2. Scope: Security (always) and Availability.
  await page.getByRole('checkbox', { name: /^Availability/ }).check();
  await screenshot(page, 'onboarding-2-scope');
  await page.getByRole('button', { name: 'Adopt the scope' }).click();

  // 3. The team: skipped here (invitations have their own tests).
  // Adopting the scope writes every control and policy: give it time on a loaded machine (poll's default is 1 s).
  await expect
    .poll(() => page.getByRole('button', { name: 'Next' }).isEnabled(), { timeout: 30_000 })
    .toBe(true);
  await screenshot(page, 'onboarding-3-team');
  await page.getByRole('button', { name: 'Next' }).click();

  // 4. What was adopted, then the dashboard.
  await screenshot(page, 'onboarding-4-adopted');
  await page.getByRole('link', { name: 'Go to the dashboard' }).click();
  await page.waitForURL(/\/o\/acme-cloud$/);

  const grid = page.getByRole('list', { name: 'Criteria by status' });
  const inScope = h.app.deps.catalog.criteria.filter((c) =>
    ['security', 'availability'].includes(c.category),
  );
  await expect.poll(() => grid.getByRole('link').count()).toBe(inScope.length);
  const shown = await grid.getByRole('link').evaluateAll((links) => links.map((a) => a.textContent ?? ''));
  expect(shown.some((text) => text.startsWith('A1.1'))).toBe(true);
  expect(shown.some((text) => /^(PI1|C1|P\d)\./.test(text))).toBe(false);
  await expect.poll(() => page.getByText(/days left/i).count()).toBeGreaterThan(0);
  await screenshot(page, 'dashboard');

  // Evidence for one control of CC1.1 moves CC1.1 from a gap to partly ready.
  const cell = grid.getByRole('link', { name: /^CC1\.1/ });
  expect(await cell.getAttribute('title')).toMatch(/Gap/);
  await cell.click();
  await page.waitForURL(/\/criteria\/CC1\.1$/);
  await screenshot(page, 'criterion-before-evidence');
  const control = (await page.locator('a[href*="/controls/"]').first().textContent())?.match(
    /[A-Z]+-\d+/,
  )?.[0];
  expect(control).toBeTruthy();

  await page.goto(`${h.url}/o/acme-cloud/evidence?upload=1&control=${control}`);
  await page.getByLabel('File', { exact: true }).setInputFiles({
    name: 'code-of-conduct-acknowledgements.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(PDF),
  });
  await page.getByLabel('Title', { exact: true }).fill('Code of conduct acknowledgements');
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect.poll(() => page.locator('.notice').count()).toBe(1);
  await screenshot(page, 'evidence');

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.waitForURL(/\/o\/acme-cloud$/);
  await expect
    .poll(() => grid.getByRole('link', { name: /^CC1\.1/ }).getAttribute('title'))
    .toMatch(/Partial/);
  await screenshot(page, 'dashboard-after-evidence');
  expect(b.problems).toEqual([]);
});

it('turns a gap into a task with one click', async () => {
  const page = await b.newPage();
  await page.goto(`${h.url}/sign-in?next=${encodeURIComponent('/o/acme-cloud')}`);
  await page.getByLabel('Email').fill('owner@acme.test');
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/o\/acme-cloud$/);
  const create = page.getByRole('button', { name: /^Create a task for / }).first();
  const criterion = (await create.getAttribute('aria-label'))?.replace('Create a task for ', '') ?? '';
  await create.click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Task created' }).count()).toBe(1);
  await page.getByRole('link', { name: 'Open the tasks' }).click();
  await page.waitForURL(/\/tasks$/);
  await expect.poll(() => page.locator('.board-todo article').count()).toBe(1);
  expect(await page.locator('.board-todo article').textContent()).toContain(criterion);
  await screenshot(page, 'tasks-from-gap');

  // Screens share the members list in one cache entry: the policies page fills it, the task form reads it.
  await page.getByRole('link', { name: 'Policies' }).click();
  await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Tasks' }).click();
  await page.getByRole('button', { name: 'New task' }).click();
  await expect
    .poll(() => page.getByLabel('Assignee', { exact: true }).locator('option').allTextContents())
    .toContain('owner@acme.test');
  expect(b.problems).toEqual([]);
});
