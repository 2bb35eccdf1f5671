import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TBrowserSession, webHarness } from '../support/browser.ts';

// The controls, evidence and tasks screens as an owner uses them: a control marked not applicable (the
// reason required), an evidence file uploaded by its file input and previewed, a task created and moved.

let h: Awaited<ReturnType<typeof webHarness>>;
let b: TBrowserSession;
const PDF =
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';

beforeAll(async () => {
  h = await webHarness();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

async function signedInOwner(viewport?: { width: number; height: number }) {
  const page = await b.newPage(viewport);
  await page.goto(await h.setupLink());
  await page.getByLabel('Organization name').fill('Acme Cloud');
  await page.getByLabel('Your work email').fill('owner@acme.test');
  await page.getByLabel('Password').fill('correct horse battery staple');
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
  return page;
}

it('filters controls in the URL and marks one not applicable only with a reason', async () => {
  const page = await signedInOwner();
  await page.goto(`${h.url}/o/acme-cloud/controls?q=single%20sign`);
  await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
  await page.getByLabel('Status').selectOption('implemented');
  expect(new URL(page.url()).searchParams.get('status')).toBe('implemented');
  await expect.poll(() => page.getByText('No control matches these filters').count()).toBe(1);

  await page.goto(`${h.url}/o/acme-cloud/controls/AC-01`);
  await page.getByLabel('Status').selectOption('not_applicable');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.locator('.field-error').first().textContent()).toMatch(/why/i);
  await page.getByLabel('Why it does not apply').fill('Every application is reached through the VPN only.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Why it does not apply' }).count()).toBe(1);
  await expect.poll(() => page.locator('.history > li').count()).toBe(1);
  await screenshot(page, 'control-not-applicable');
  expect(b.problems).toEqual([]);
});

it('uploads evidence with the file input, links a control, and previews the PDF', async () => {
  const p = await b.newPage({ width: 390, height: 844 });
  // The owner's session from the first test lives in another profile: sign in here.
  await p.goto(
    `${h.url}/sign-in?next=${encodeURIComponent('/o/acme-cloud/evidence?upload=1&control=AC-02')}`,
  );
  await p.getByLabel('Email').fill('owner@acme.test');
  await p.getByLabel('Password').fill('correct horse battery staple');
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.waitForURL(/\/evidence\?upload=1/);
  await p.getByLabel('File', { exact: true }).setInputFiles({
    name: 'sso-settings.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(PDF),
  });
  await p.getByLabel('Title', { exact: true }).fill('SSO settings');
  await p.getByRole('button', { name: 'Upload', exact: true }).click();
  await p.locator('.notice a').click();
  await expect.poll(() => p.locator('iframe.evidence-pdf').count()).toBe(1);
  await expect.poll(() => p.getByText('AC-02').count()).toBeGreaterThan(0);
  expect(await p.locator('.sha code').textContent()).toMatch(/^[0-9a-f]{64}$/);
  await screenshot(p, 'phone-evidence-detail');
  expect(b.problems).toEqual([]);
});

it('creates a task for a control and moves it to in progress with the keyboard-usable select', async () => {
  const page = await b.newPage();
  await page.goto(`${h.url}/sign-in?next=${encodeURIComponent('/o/acme-cloud/tasks?new=1&control=AC-03')}`);
  await page.getByLabel('Email').fill('owner@acme.test');
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/tasks\?new=1/);
  await page.getByLabel('Title', { exact: true }).fill('Turn on phishing-resistant MFA for admins');
  await page.getByLabel('Assignee', { exact: true }).selectOption('owner@acme.test');
  await page.getByRole('button', { name: 'Create task' }).click();
  const card = page.locator('.board-todo article', { hasText: 'Turn on phishing-resistant MFA' });
  await expect.poll(() => card.count()).toBe(1);
  expect(await card.textContent()).toContain('AC-03');
  await card.getByLabel(/^Move /).selectOption('in_progress');
  await expect
    .poll(() =>
      page.locator('.board-in_progress article', { hasText: 'Turn on phishing-resistant MFA' }).count(),
    )
    .toBe(1);
  await screenshot(page, 'tasks-board');
  expect(b.problems).toEqual([]);
});
