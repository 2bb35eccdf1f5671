import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  callApi,
  launchBrowser,
  screenshot,
  setUpOwner,
  type TBrowserSession,
  webHarness,
} from '../support/browser.ts';

// Issue 7's Done-when for access reviews, as a new user would: a system with accounts (pushed through the
// API), start a review and see the frozen snapshot with its hash; a later collection does not change it;
// keep and revoke with comments (the revocation becomes a task, verified by the next collection); complete
// the review into evidence. No console errors, at desktop and phone widths.

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

function user(login: string, adminRoles: string[] = []) {
  return {
    id: `uid-${login}`,
    name: `${login}@acme.test`,
    attributes: {
      login: `${login}@acme.test`,
      email: `${login}@acme.test`,
      displayName: login,
      status: 'ACTIVE',
      created: '2026-01-05T10:00:00Z',
      activated: '2026-01-05T10:00:00Z',
      lastLogin: '2026-06-01T08:00:00Z',
      passwordChanged: null,
      factors: [{ kind: 'webauthn', active: true, providerType: 'KEYCLOAK', provider: 'KEYCLOAK' }],
      adminRoles,
      superAdmin: false,
      groups: ['Everyone', ...(adminRoles.length > 0 ? ['Admins'] : [])],
      terminationDate: null,
    },
  };
}

it('runs an access review and sees the frozen snapshot', async () => {
  const page = await b.newPage();
  await setUpOwner(page, await h.setupLink());
  expect(
    (
      await callApi(page, 'PUT', '/api/v1/orgs/acme-cloud/program', {
        reportType: 'type1',
        asOf: '2027-06-30',
      })
    ).status,
  ).toBe(201);
  const push = async (users: ReturnType<typeof user>[]) => {
    h.app.clock.advanceMinutes(5);
    const pushed = await callApi(page, 'PUT', '/api/v1/orgs/acme-cloud/resources/idp.user', {
      integration: 'Staff directory',
      resources: users,
    });
    expect(pushed.status).toBe(200);
  };
  await push([user('alice'), user('bob', ['SUPER_ADMIN']), user('carol')]);

  await page.goto(`${h.url}/o/acme-cloud`);
  await page.getByRole('link', { name: 'Access reviews' }).click();
  const system = page
    .getByRole('table', { name: 'Systems with accounts' })
    .getByRole('row', { name: /Staff directory/ });
  await expect.poll(() => system.textContent()).toMatch(/idp\.user.*3.*Never reviewed.*Due now/);
  await screenshot(page, 'access-review-systems');

  await page.getByRole('button', { name: 'Start review of Staff directory' }).click();
  await page.getByRole('button', { name: 'Start review', exact: true }).click();
  await page.waitForURL(/\/access-reviews\/[0-9a-f-]{36}$/);
  const accounts = page.getByRole('table', { name: 'Frozen accounts' });
  await accounts.waitFor();
  expect(await accounts.getByRole('row').count()).toBe(4);
  const listed = (await callApi(page, 'GET', '/api/v1/orgs/acme-cloud/access-reviews')).body as {
    items: Array<{ id: string; snapshotSha256: string; frozenAt: string }>;
  };
  const campaign = listed.items[0];
  if (!campaign) throw new Error('no review was started');
  const facts = page.getByRole('region', { name: 'Review summary' });
  await expect.poll(() => facts.textContent()).toContain(campaign.snapshotSha256);
  expect(await facts.textContent()).toMatch(/Frozen at\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  expect(await facts.textContent()).toContain('Snapshot verified');
  expect(await accounts.getByRole('row', { name: /bob@acme\.test/ }).textContent()).toMatch(
    /Privileged.*SUPER_ADMIN.*Groups: Everyone, Admins/,
  );

  // A later collection: bob lost his admin role and dave joined. The review still shows access as it was.
  await push([user('alice'), user('bob'), user('carol'), user('dave')]);
  await page.reload();
  await accounts.waitFor();
  expect(await accounts.getByRole('row').count()).toBe(4);
  expect(await accounts.textContent()).not.toContain('dave@acme.test');
  expect(await accounts.getByRole('row', { name: /bob@acme\.test/ }).textContent()).toContain('SUPER_ADMIN');
  expect(await facts.textContent()).toContain(campaign.snapshotSha256);
  expect(await facts.textContent()).toContain('Snapshot verified');

  await page.getByRole('button', { name: 'Keep alice@acme.test' }).click();
  await expect
    .poll(() => accounts.getByRole('row', { name: /alice@acme\.test/ }).textContent())
    .toMatch(/Kept/);
  await page.getByRole('button', { name: 'Revoke bob@acme.test' }).click();
  await expect
    .poll(() => page.getByRole('alert').first().textContent())
    .toMatch(/Say why the access is revoked/);
  await page.getByLabel('Comment on bob@acme.test').fill('Left the company in May');
  await page.getByRole('button', { name: 'Revoke bob@acme.test' }).click();
  const bob = accounts.getByRole('row', { name: /bob@acme\.test/ });
  await expect
    .poll(() => bob.textContent())
    .toMatch(
      /Revoked.*Awaiting removal.*Left the company in May.*Task: Remove bob@acme\.test from Staff directory \(todo, due/,
    );
  await page.getByLabel('Comment on carol@acme.test').fill('Support lead');
  await page.getByRole('button', { name: 'Keep carol@acme.test' }).click();
  await expect.poll(() => page.getByTestId('review-progress').textContent()).toBe('3 of 3 decided');
  await screenshot(page, 'access-review-campaign');

  // The next collection no longer has bob: the revocation is verified and its task closed.
  await push([user('alice'), user('carol'), user('dave')]);
  await page.reload();
  await accounts.waitFor();
  await expect.poll(() => bob.textContent()).toMatch(/Removal verified.*\(done/);

  await page.getByRole('button', { name: 'Complete review' }).click();
  await page.getByText('Completed: the review is evidence for CC6.2 and CC6.3.').waitFor();
  await screenshot(page, 'access-review-completed');
  // The completion refetches the screen's queries: let them settle before following the link.
  await page.waitForLoadState('networkidle');
  await page.getByRole('link', { name: 'Open the review record' }).click();
  await page.waitForURL(/evidence\?item=/);
  await page.getByRole('heading', { name: /Access review: Staff directory · Q\d \d{4}/ }).waitFor();
  expect(await page.textContent('main')).toContain('AC-08');

  await page.goto(`${h.url}/o/acme-cloud/access-reviews`);
  const reviews = page.getByRole('table', { name: 'Access reviews' });
  await reviews.waitFor();
  await expect
    .poll(() => reviews.textContent())
    .toMatch(/Completed.*3 of 3 decided.*1 revoked · 1 verified.*Review record/);
  await expect.poll(() => system.textContent()).toMatch(/Scheduled/);
  await screenshot(page, 'access-review-list');

  const phone = await b.newPage({ width: 390, height: 844 });
  await phone.goto(
    `${h.url}/sign-in?next=${encodeURIComponent(`/o/acme-cloud/access-reviews/${campaign.id}`)}`,
  );
  await phone.getByLabel('Email').fill('owner@acme.test');
  await phone.getByLabel('Password').fill('correct horse battery staple');
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await phone.getByRole('table', { name: 'Frozen accounts' }).waitFor();
  expect(await phone.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(phone, 'access-review-phone');

  expect(b.problems).toEqual([]);
});
