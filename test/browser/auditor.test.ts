import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  callApi,
  launchBrowser,
  screenshot,
  setUpOwner,
  type TBrowserSession,
  webHarness,
} from '../support/browser.ts';

// An auditor reads the program and changes nothing: no screen offers an edit, and the server refuses one
// sent by hand from the auditor's own signed-in page.

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

const EDITS =
  /save|upload|create|new task|approve|publish|delete|remove|revoke|invite|edit|exclude|include|move|accept|assign|add|adopt|connect|run now|record/i;

it('an auditor sees every screen and can edit nothing', async () => {
  const owner = await b.newPage();
  await setUpOwner(owner, await h.setupLink());
  expect(
    (
      await callApi(owner, 'PUT', '/api/v1/orgs/acme-cloud/program', {
        reportType: 'type1',
        asOf: '2027-06-30',
      })
    ).status,
  ).toBe(201);
  const invited = await callApi(owner, 'POST', '/api/v1/orgs/acme-cloud/invitations', {
    email: 'auditor@firm.test',
    role: 'auditor',
  });
  expect(invited.status).toBe(201);
  const token = new URL((invited.body as { link: string }).link).searchParams.get('token');

  // The owner is offered edits on the same screens (so the check below can tell the difference).
  await owner.goto(`${h.url}/o/acme-cloud/controls/AC-01`);
  await expect.poll(() => owner.getByRole('button').filter({ hasText: EDITS }).count()).toBeGreaterThan(0);

  const auditor = await b.newPage();
  await auditor.goto(`${h.url}/sign-in`);
  const registered = await auditor.evaluate(async (token) => {
    const response = await fetch('/api/v1/invitations/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: 'auditor password of some length' }),
    });
    return response.status;
  }, token);
  expect(registered).toBe(200);

  const screens = [
    '',
    'criteria',
    'criteria/CC6.1',
    'controls',
    'controls/AC-01',
    'policies',
    'evidence',
    'tasks',
    'risks',
    'people',
    'access-reviews',
    'privacy',
    'audits',
    'reports',
    'vendors',
    'monitoring',
  ];
  for (const screen of screens) {
    await auditor.goto(`${h.url}/o/acme-cloud/${screen}`);
    await expect.poll(() => auditor.locator('.spinner').count()).toBe(0);
    await expect.poll(() => auditor.getByRole('heading', { level: 1 }).count()).toBe(1);
    const buttons = await auditor
      .getByRole('button')
      .evaluateAll((nodes) => nodes.map((n) => (n.getAttribute('aria-label') ?? n.textContent ?? '').trim()));
    expect({ screen, offered: buttons.filter((name) => EDITS.test(name)) }).toEqual({ screen, offered: [] });
    expect(await auditor.locator('textarea, input[type=file]').count()).toBe(0);
    await screenshot(auditor, `auditor-${screen.replace(/\W+/g, '-') || 'dashboard'}`);
  }

  // A policy's page, read-only: no editor.
  await auditor.goto(`${h.url}/o/acme-cloud/policies`);
  await auditor.locator('table a').first().click();
  await expect.poll(() => auditor.getByRole('heading', { level: 1 }).count()).toBe(1);
  expect(await auditor.locator('textarea').count()).toBe(0);

  // The server refuses what the screens do not offer.
  const patch = await callApi(auditor, 'PATCH', '/api/v1/orgs/acme-cloud/controls/AC-01', {
    status: 'implemented',
    version: 1,
  });
  expect(patch.status).toBe(403);
  expect(b.problems).toEqual([]);
});
