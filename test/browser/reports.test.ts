import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  callApi,
  launchBrowser,
  screenshot,
  setUpOwner,
  type TBrowserSession,
  webHarness,
} from '../support/browser.ts';

// The Reports screen: reached from the navigation, its links download the readiness PDF, the system
// description draft and the OSCAL exports with the signed-in session; no console errors.

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

it('the owner downloads each report from the Reports screen', async () => {
  const page = await b.newPage();
  await setUpOwner(page, await h.setupLink());
  const program = await callApi(page, 'PUT', '/api/v1/orgs/acme-cloud/program', {
    reportType: 'type2',
    windowStart: '2026-01-01',
    windowEnd: '2026-06-30',
  });
  expect(program.status).toBe(201);

  await page.goto(`${h.url}/o/acme-cloud`);
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Reports' }).waitFor();
  await page.getByLabel('As of').fill('2026-05-01');
  const links = page.locator('a[download]');
  const hrefs = await links.evaluateAll((all) => all.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs).toEqual([
    '/api/v1/orgs/acme-cloud/reports/readiness.pdf?asOf=2026-05-01',
    '/api/v1/orgs/acme-cloud/reports/system-description.md',
    '/api/v1/orgs/acme-cloud/reports/system-description.pdf',
    '/api/v1/orgs/acme-cloud/reports/oscal/ssp.json',
    '/api/v1/orgs/acme-cloud/reports/oscal/assessment-results.json',
  ]);
  // What each link fetches with the session cookie.
  const fetched = await page.evaluate(
    (urls: string[]) =>
      Promise.all(
        urls.map(async (url: string) => {
          const response = await fetch(url);
          return `${response.status} ${response.headers.get('content-type')}`;
        }),
      ),
    hrefs,
  );
  expect(fetched).toEqual([
    '200 application/pdf',
    '200 text/markdown; charset=utf-8',
    '200 application/pdf',
    '200 application/json; charset=utf-8',
    '200 application/json; charset=utf-8',
  ]);
  await screenshot(page, 'reports-owner');
  expect(b.problems).toEqual([]);
});
