import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  callApi,
  launchBrowser,
  screenshot,
  setUpOwner,
  type TBrowserSession,
  webHarness,
} from '../support/browser.ts';

// Issue 7's "done when" for people, as a new user would do it: the identity provider's users arrive
// (pushed here, as a connection Attestly cannot reach would), the HR export is imported (a bad line is
// refused with its number, then the corrected file goes in), and the leaver whose Okta account is still
// active fails the offboarding test on the person page and in monitoring. Then the owner takes a security
// course from their My page.

let h: Awaited<ReturnType<typeof webHarness>>;
let b: TBrowserSession;
const ORG = '/o/acme-cloud';
const DAY = 86_400_000;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

function oktaUser(login: string, status: string) {
  return {
    id: `00u-${login}`,
    name: login,
    attributes: {
      login,
      email: login,
      displayName: null,
      status,
      created: `${day(400)}T09:00:00.000Z`,
      activated: `${day(400)}T09:00:00.000Z`,
      lastLogin: null,
      passwordChanged: null,
      factors: [],
      adminRoles: [],
      superAdmin: false,
      groups: [],
      terminationDate: null,
    },
  };
}

const HEADER = 'email,name,type,department,title,manager_email,start_date,end_date,in_scope';
const ROWS = [
  `owner@acme.test,Olivia Owner,employee,Leadership,Chief executive,,${day(400)},,true`,
  `chris@acme.test,Chris Morgan,employee,Sales,Account executive,owner@acme.test,${day(300)},${day(10)},true`,
  `raj@acme.test,Raj Mehta,contractor,Design,Product designer,owner@acme.test,${day(20)},,true`,
];

beforeAll(async () => {
  h = await webHarness();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

it('imports people from CSV and shows a leaver still active in Okta failing the offboarding test', async () => {
  const page = await b.newPage();
  await setUpOwner(page, await h.setupLink());
  expect(
    (await callApi(page, 'PUT', '/api/v1/orgs/acme-cloud/program', { reportType: 'type1', asOf: day(-180) }))
      .status,
  ).toBe(201);
  // Okta's users, as its collection (or a push) reports them: Chris left ten days ago and is still ACTIVE.
  const pushed = await callApi(page, 'PUT', '/api/v1/orgs/acme-cloud/resources/idp.user', {
    integration: 'Okta',
    resources: [oktaUser('chris@acme.test', 'ACTIVE'), oktaUser('owner@acme.test', 'ACTIVE')],
  });
  expect(pushed.status).toBe(200);

  await page.goto(`${h.url}${ORG}`);
  await page.getByRole('link', { name: 'People', exact: true }).click();
  await page.getByText('No people in the register yet').waitFor();

  // A file with a bad line imports nothing and says which line and why.
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const bad = [HEADER, ...ROWS, `bo@acme.test,Bo,employee,,,,2026-02-30,,true`].join('\n');
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'hr.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const refused = page.getByRole('table', { name: 'Refused lines' });
  await refused.waitFor();
  expect(await refused.locator('tbody tr').first().textContent()).toMatch(/^5start_date.*is not a real date/);
  expect(await page.getByRole('alert').first().textContent()).toMatch(/nothing was imported/);
  await screenshot(page, 'people-import-errors');

  await page.getByLabel('CSV file').setInputFiles({
    name: 'hr.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([HEADER, ...ROWS].join('\n')),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Imported hr.csv: 3 added, 0 updated, 0 unchanged.').waitFor();

  await page.getByRole('button', { name: 'Leavers' }).click();
  const chrisRow = page.getByRole('row', { name: /Chris Morgan/ });
  await expect
    .poll(() => page.getByRole('table', { name: 'Personnel register' }).locator('tbody tr').count())
    .toBe(1);
  expect(await chrisRow.textContent()).toMatch(/1 overdue.*1 account\(s\) still active/);
  await page.getByRole('button', { name: 'Contractors' }).click();
  await page.getByRole('row', { name: /Raj Mehta/ }).waitFor();
  await page.getByRole('button', { name: 'Everyone' }).click();
  await page.getByRole('row', { name: /Olivia Owner/ }).waitFor();
  await screenshot(page, 'people-list');

  // The person page: the offboarding item is overdue with what Okta showed, and the test fails.
  await page.getByRole('link', { name: 'Chris Morgan' }).click();
  await page.getByRole('heading', { name: 'Chris Morgan', level: 1 }).waitFor();
  const access = page.getByTestId('item-access_removed');
  await expect
    .poll(() => access.textContent())
    .toMatch(/Overdue.*still active: Okta chris@acme\.test \(ACTIVE\)/);
  const results = page.getByRole('table', { name: 'Test results' });
  expect(await results.getByRole('row', { name: /Leavers lose their access/ }).textContent()).toMatch(/Fail/);
  await screenshot(page, 'people-person-leaver');

  // Recording the background check moves its item (and its test) to done.
  await page.getByRole('button', { name: 'Record: Background check' }).click();
  await page.getByLabel('Status').selectOption('completed');
  await page.getByLabel('Date').fill(day(310));
  await page.getByLabel('Provider').fill('Certn');
  await page.getByRole('button', { name: 'Save background check' }).click();
  await page.getByText('Background check recorded.').waitFor();
  await expect.poll(() => page.getByTestId('item-background_check').textContent()).toMatch(/Done.*Certn/);

  // Monitoring shows the People integration with the failing offboarding test.
  await page.getByRole('link', { name: /See every person’s results in Monitoring/ }).click();
  await page.waitForURL(/\/monitoring\/People$/);
  const failing = page.locator('article.test-group-failing', { hasText: 'people.access_removed' });
  await expect.poll(() => failing.count()).toBe(1);
  expect(await failing.textContent()).toContain('Chris Morgan');
  await screenshot(page, 'people-monitoring');

  // The owner is in the register too: their My page offers the courses, started and completed in place.
  await page.getByRole('link', { name: 'My page' }).click();
  const course = page.getByRole('article', { name: 'Recognising phishing and social engineering' });
  await course.getByRole('button', { name: 'Start course' }).click();
  await course.getByRole('heading', { name: 'The signs' }).waitFor();
  await screenshot(page, 'people-my-page-course');
  await course.getByRole('button', { name: 'I have completed this course' }).click();
  await expect.poll(() => course.textContent()).toMatch(/Completed\s*on \d{4}-\d{2}-\d{2}/);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${h.url}${ORG}/people?filter=leavers`);
  await page.getByRole('row', { name: /Chris Morgan/ }).waitFor();
  await screenshot(page, 'people-phone-leavers');
  expect(b.problems).toEqual([]);
}, 240_000);
