import pg from 'pg';
import type { Page } from 'playwright-core';
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

// Monitoring as an owner uses it: the local PostgreSQL connected through the form generated from the
// integration type's schema, run now, its failing and passing results, and a control's status moving from
// "no results" to failing (and readiness's next action with it). Then a custom CEL test that does not
// type-check, refused with the server's error pointed at the line and column.

/** The page's laid-out width: wider than the viewport means something scrolls sideways. */
const pageWidth = (page: Page) => page.locator('html').evaluate((html) => html.scrollWidth);

const PG_URL = process.env.ATTESTLY_MONITORING_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether the local PostgreSQL server answers; the first test needs it and says so when it does not. */
async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
const pgUp = await reachable(PG_URL);
if (!pgUp) console.warn(`monitoring.test.ts: PostgreSQL at ${PG_URL} is unreachable; its test is skipped`);

let h: Awaited<ReturnType<typeof webHarness>>;
let b: TBrowserSession;

beforeAll(async () => {
  h = await webHarness();
  b = await launchBrowser();
  // The owner and the program, once, in a profile of their own.
  const page = await b.newPage();
  await setUpOwner(page, await h.setupLink());
  const program = await callApi(page, 'PUT', '/api/v1/orgs/acme-cloud/program', {
    reportType: 'type1',
    asOf: '2027-06-30',
  });
  expect(program.status).toBe(201);
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

const ORG = '/o/acme-cloud';

it.skipIf(!pgUp)(
  `connects the local PostgreSQL through the form, runs it, and moves a control (needs ${PG_URL})`,
  async () => {
    const page = await b.newPage();
    await signIn(page, h.url, OWNER, `${ORG}/controls/NET-07`);
    await expect.poll(() => page.getByText('No test results for this control').count()).toBe(1);
    // OPS-11 is judged only by a test the local server passes (pg_hba.conf parses): once it has run, the
    // control counts as evidenced in readiness.
    const evidenced = async () => {
      const readiness = await callApi(page, 'GET', '/api/v1/orgs/acme-cloud/readiness');
      const criteria = (
        readiness.body as {
          criteria: { controlCodes: string[]; controls: { evidenced: number } }[];
        }
      ).criteria;
      return criteria.filter((c) => c.controlCodes.includes('OPS-11')).map((c) => c.controls.evidenced);
    };
    const before = await evidenced();
    expect(before.length).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Monitoring', exact: true }).click();
    await page.getByRole('button', { name: 'Connect a system' }).click();
    await page.getByLabel('Type').selectOption('postgres');
    await page.getByLabel('Name (required)').fill('local-db');
    // The server checks the settings with the collector's schema and names the one it refuses.
    await page.getByLabel('URL (required)').fill('mysql://127.0.0.1/test');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect
      .poll(() => page.locator('.field-error').first().textContent())
      .toBe('must be a postgres:// URL');
    await page.getByLabel('URL (required)').fill(PG_URL);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => page.getByText('Connected local-db.').count()).toBe(1);
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('New: not run yet');

    await page.getByRole('button', { name: 'Run local-db now' }).click();
    await expect
      .poll(() => page.locator('.run-result').textContent(), { timeout: 30_000 })
      .toMatch(/local-db ran: \d+ resources, \d+ passed, [1-9]\d* failed/);
    const row = page.locator('tbody tr', { hasText: 'local-db' });
    // The list refetches after the run's own answer: wait for it rather than read it once.
    await expect.poll(() => row.textContent()).toContain('Succeeded');
    await screenshot(page, 'monitoring-integrations');

    await page.getByRole('link', { name: 'local-db' }).click();
    await page.waitForURL(/\/monitoring\/local-db$/);
    // Failing tests come first; passing ones follow.
    const groups = page.locator('article.test-group');
    await expect.poll(() => groups.count()).toBeGreaterThan(1);
    expect(await groups.first().locator('h3').textContent()).toMatch(/^Failing/);
    expect(await page.locator('article.test-group-failing').count()).toBeGreaterThan(0);
    expect(await page.locator('article.test-group:not(.test-group-failing)').count()).toBeGreaterThan(0);
    const tls = page.locator('article.test-group', { hasText: 'postgres.ssl_enabled' });
    expect(await tls.textContent()).toContain('Failing');
    // The run is listed with the SHA-256 of what was collected.
    expect(await page.locator('.sha code').first().getAttribute('title')).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, 'monitoring-integration-detail');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-monitoring-integration-detail');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The mapped control now fails, and its result links back to the integration.
    await tls.getByRole('link', { name: 'NET-07' }).click();
    await page.waitForURL(/\/controls\/NET-07$/);
    const section = page.locator('section[aria-labelledby="control-tests"]');
    await expect.poll(() => section.locator('h2').textContent()).toContain('Failing');
    expect(await section.getByRole('link', { name: 'local-db' }).count()).toBeGreaterThan(0);
    const after = await evidenced();
    after.forEach((count, i) => {
      expect(count).toBeGreaterThan(before[i] ?? 0);
    });
    await screenshot(page, 'monitoring-control-failing');
    expect(b.problems).toEqual([]);
  },
  90_000,
);

it('refuses a custom CEL test that does not type-check, pointing at the field, and saves a good one', async () => {
  const page = await b.newPage({ width: 390, height: 844 });
  await signIn(page, h.url, OWNER, `${ORG}/monitoring/custom-tests`);
  await page.getByRole('button', { name: 'New custom test' }).click();
  await page.getByLabel('Resource type').selectOption('postgres.role');
  // The type's fields are listed beside the editor, from its schema.
  expect(await page.locator('.cel-fields').textContent()).toContain('canLogin');
  await page.getByLabel('Expression (CEL, required)').fill('resource.canLogn && !resource.superuser');
  await page.getByRole('button', { name: 'Check' }).click();
  const error = page.locator('.cel-error');
  await expect.poll(() => error.textContent()).toContain('Line 1, column 10');
  expect(await error.textContent()).toContain('did you mean canLogin?');
  expect(await page.locator('.cel-caret').textContent()).toMatch(/\n {9}\^$/);
  await screenshot(page, 'phone-monitoring-custom-test-error');

  // Saving it anyway is refused the same way, and nothing is stored.
  await page.getByLabel('Title (required)').fill('Login roles are not superusers');
  await page.getByRole('checkbox', { name: /AC-10/ }).check();
  await page.getByRole('button', { name: 'Save test' }).click();
  await expect.poll(() => page.locator('.cel-error').textContent()).toContain('no such field');
  const stored = await callApi(page, 'GET', '/api/v1/orgs/acme-cloud/custom-tests');
  expect((stored.body as { items: unknown[] }).items).toEqual([]);

  await page.getByLabel('Expression (CEL, required)').fill('!resource.canLogin || !resource.superuser');
  await page.getByRole('button', { name: 'Check' }).click();
  await expect.poll(() => page.locator('.check-ok').textContent()).toContain('It reads resource.canLogin');
  await page.getByRole('button', { name: 'Save test' }).click();
  await expect.poll(() => page.getByText('Saved custom.login_roles_are_not_superusers').count()).toBe(1);
  expect(await page.locator('tbody tr').first().textContent()).toContain('AC-10');
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  expect(b.problems).toEqual([]);
});
