import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  callApi,
  launchBrowser,
  screenshot,
  setUpOwner,
  type TBrowserSession,
  webHarness,
} from '../support/browser.ts';

// Type 2 testing in the browser: a pushed GitHub connection reports an unapproved merged change today, so
// CHG-01's timeline shows thirty unmonitored days and a failing one; the owner imports hires (a bad file is
// refused with its line), draws a sample of changes and draws it again with the recorded seed. No console
// errors (the strict CSP refuses inline styles) along the way.

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

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const csv = (text: string) => ({ name: 'hires.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

it('shows timelines and exceptions, imports a population and draws a sample twice from one seed', async () => {
  const owner = await b.newPage();
  await setUpOwner(owner, await h.setupLink());
  const window = { reportType: 'type2', windowStart: day(-30), windowEnd: day(120) };
  expect((await callApi(owner, 'PUT', '/api/v1/orgs/acme-cloud/program', window)).status).toBe(201);
  const audit = await callApi(owner, 'POST', '/api/v1/orgs/acme-cloud/audits', { firmName: 'Ledger & Co' });
  const auditId = (audit.body as { id: string }).id;
  const pushed = await callApi(owner, 'PUT', '/api/v1/orgs/acme-cloud/resources/github.pull_request', {
    integration: 'GitHub',
    resources: [
      {
        id: 'repo:1/pull/7',
        name: 'acme/api#7',
        attributes: {
          repository: 'acme/api',
          number: 7,
          title: 'Hotfix without review',
          url: 'https://github.com/acme/api/pull/7',
          author: 'dev',
          mergedBy: 'dev',
          mergedAt: `${day(-1)}T12:00:00Z`,
          baseBranch: 'main',
          defaultBranch: 'main',
          approvals: 0,
          approvers: [],
        },
      },
    ],
  });
  expect(pushed.status).toBe(200);

  await owner.goto(`${h.url}/o/acme-cloud/audits/${auditId}/timelines`);
  await owner.getByRole('heading', { name: 'Coverage per control' }).waitFor();
  await owner.getByRole('button', { name: 'CHG-01' }).first().click();
  await owner.getByRole('heading', { name: 'CHG-01: day by day' }).waitFor();
  const strip = owner.getByRole('list', { name: 'CHG-01, one mark per day' });
  expect(await strip.locator('li').count()).toBe(31);
  expect(await strip.locator('li.tl-tests-failed').count()).toBe(1);
  expect(await strip.locator('li.tl-tests-not_run').count()).toBe(30);
  const exceptions = owner.getByRole('table', { name: 'Exceptions' }).first();
  await exceptions.getByText('monitoring of this control had not started').waitFor();
  await exceptions.getByText('Merged changes were approved by someone other than the author').waitFor();
  await screenshot(owner, 'audit-timelines');

  await owner.getByRole('link', { name: 'Populations and samples' }).click();
  const populations = owner.getByRole('table', { name: 'Populations' });
  await populations.getByRole('button', { name: 'Merged changes' }).waitFor();
  await owner.getByRole('button', { name: 'Import a population (CSV)' }).click();
  const form = owner.getByRole('form', { name: 'Import a population' });
  await form.getByLabel('Population').selectOption('hire');
  const bad = `id,occurred_at,title\nE-1,${day(-3)},Ada\nE-2,yesterday,Grace\n`;
  await form.getByLabel('File (CSV)').setInputFiles(csv(bad));
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await form
    .getByRole('table', { name: 'Problems in the file' })
    .getByText(/occurred_at "yesterday"/)
    .waitFor();
  await form.getByLabel('File (CSV)').setInputFiles(csv(bad.replace('yesterday', day(-2))));
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await owner.getByText('Imported 2 rows from hires.csv (2 new or changed).').waitFor();

  const draw = owner.getByRole('form', { name: 'Draw a sample' });
  await draw.getByLabel('Control').selectOption('CHG-01');
  await draw.getByLabel('Population').selectOption('change');
  await draw.getByRole('button', { name: 'Draw sample' }).click();
  await owner.getByText(/Drew 1 of 1 for CHG-01 with seed [0-9a-f]{32}\./).waitFor();
  await owner.getByRole('button', { name: 'Re-draw with this seed' }).first().click();
  await owner.getByText('The same items as the earlier draw with this seed.').waitFor();
  await owner.getByRole('table', { name: 'Samples' }).getByText('Re-draw: same items').waitFor();
  await screenshot(owner, 'audit-populations');

  expect(b.problems).toEqual([]);
});
