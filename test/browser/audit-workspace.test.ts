import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  callApi,
  launchBrowser,
  screenshot,
  setUpOwner,
  type TBrowserSession,
  webHarness,
} from '../support/browser.ts';

// The audit workspace in the browser: the owner records the audit, imports the firm's request list (a bad
// file is refused with its line), answers a request and invites an auditor; the auditor, invited into that
// audit only, sees only it and flags the request with a reason; the owner answers again and it shows
// resubmitted. No console errors along the way.

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
const LIST = `ref,title,description,control,criterion,due_date
PBC-01,User access review,The latest quarterly access review.,AC-01,CC6.2,
PBC-02,Change tickets,A sample of production changes.,NOPE-1,CC8.1,
PBC-03,Organization chart,With reporting lines.,,CC1.3,
`;
const csv = (text: string) => ({ name: 'requests.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
const evidence = (name: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(`${name}\n`) });

it('an owner runs the audit and an auditor invited into it flags a request', async () => {
  const owner = await b.newPage();
  await setUpOwner(owner, await h.setupLink());
  const program = await callApi(owner, 'PUT', '/api/v1/orgs/acme-cloud/program', {
    reportType: 'type2',
    windowStart: day(-30),
    windowEnd: day(120),
  });
  expect(program.status).toBe(201);
  // Another audit, which the invited auditor must never see.
  const other = await callApi(owner, 'POST', '/api/v1/orgs/acme-cloud/audits', { firmName: 'Last Year LLP' });
  expect(other.status).toBe(201);

  await owner.goto(`${h.url}/o/acme-cloud/audits`);
  await owner.getByRole('link', { name: 'Last Year LLP' }).waitFor();
  await owner.getByRole('button', { name: 'New audit' }).click();
  await owner.getByLabel('Audit firm').fill('Ledger & Co');
  await owner.getByLabel('Contact 1 name').fill('Robin Ash');
  await owner.getByLabel('Contact 1 email').fill('robin@ledger.test');
  await owner.getByRole('button', { name: 'Record audit' }).click();
  await owner.waitForURL(/\/o\/acme-cloud\/audits\/[0-9a-f-]{36}$/);
  await owner.getByRole('heading', { level: 1, name: 'Audit by Ledger & Co' }).waitFor();
  await owner
    .getByText(`Type 2, ${day(-30)} to ${day(120)}`)
    .first()
    .waitFor();
  await owner.getByRole('button', { name: 'Move to fieldwork' }).click();
  await owner.getByText('The audit is in fieldwork.').waitFor();

  await owner.getByLabel("Auditor's email").fill('auditor@ledger.test');
  await owner.getByRole('button', { name: 'Invite auditor' }).click();
  const link = await owner.locator('code.audits-link').textContent();
  const token = new URL(link ?? '').searchParams.get('token');
  expect(token).toMatch(/^atli_/);
  await screenshot(owner, 'audit-overview');

  await owner.getByRole('link', { name: 'Requests' }).click();
  await owner.getByRole('button', { name: 'Import request list' }).click();
  await owner.getByLabel('Request list (CSV)').setInputFiles(csv(LIST));
  await owner.getByRole('button', { name: 'Import requests' }).click();
  await owner.getByText('Line 3: unknown control "NOPE-1"').waitFor();
  await owner.getByLabel('Request list (CSV)').setInputFiles(csv(LIST.replace('NOPE-1', 'CHG-01')));
  await owner.getByRole('button', { name: 'Import requests' }).click();
  await owner.getByText('Imported 3 requests.').waitFor();
  const row = (page: typeof owner, ref: string) => page.locator(`tr[data-ref="${ref}"]`);
  const badge = (page: typeof owner, ref: string, status: string) =>
    row(page, ref).locator('.badge', { hasText: new RegExp(`^${status}$`) });

  await owner.getByRole('button', { name: 'Attach evidence to PBC-01' }).click();
  await owner.getByLabel('Or upload a file').setInputFiles(evidence('access-review-q2.txt'));
  await owner.getByRole('button', { name: 'Attach and submit' }).click();
  await badge(owner, 'PBC-01', 'Submitted').waitFor();

  // The auditor joins through the link, as someone new.
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
  await auditor.goto(`${h.url}/o/acme-cloud/audits`);
  await auditor.getByRole('link', { name: 'Ledger & Co' }).waitFor();
  expect(await auditor.getByRole('table', { name: 'Audits' }).locator('tbody tr').count()).toBe(1);
  expect(await auditor.getByRole('button', { name: 'New audit' }).count()).toBe(0);
  const hidden = await callApi(
    auditor,
    'GET',
    `/api/v1/orgs/acme-cloud/audits/${(other.body as { id: string }).id}`,
  );
  expect(hidden.status).toBe(404);

  await auditor.getByRole('link', { name: 'Ledger & Co' }).click();
  await auditor.getByRole('heading', { level: 1, name: 'Audit by Ledger & Co' }).waitFor();
  expect(await auditor.getByRole('button', { name: /Move to|Invite|Save checklist|Edit/ }).count()).toBe(0);
  await auditor.getByRole('link', { name: 'Requests' }).click();
  await row(auditor, 'PBC-01').waitFor();
  expect(await auditor.getByRole('button', { name: /Attach evidence|Import request list/ }).count()).toBe(0);
  await auditor.getByRole('button', { name: 'Flag PBC-01' }).click();
  await auditor.getByLabel('Reason').fill('The review does not show who approved the removals.');
  await auditor.getByRole('button', { name: 'Flag request' }).click();
  await badge(auditor, 'PBC-01', 'Flagged').waitFor();
  await auditor.getByText('The review does not show who approved the removals.').waitFor();
  await screenshot(auditor, 'audit-auditor-flagged');

  // The owner sees the reason and answers again.
  await owner.reload();
  await row(owner, 'PBC-01').getByText('The review does not show who approved the removals.').waitFor();
  await owner.getByRole('button', { name: 'Attach evidence to PBC-01' }).click();
  await owner.getByLabel('Or upload a file').setInputFiles(evidence('access-review-q2-approvals.txt'));
  await owner.getByRole('button', { name: 'Attach and submit' }).click();
  await badge(owner, 'PBC-01', 'Resubmitted').waitFor();
  expect(await row(owner, 'PBC-01').locator('.audits-evidence li').count()).toBe(2);
  await screenshot(owner, 'audit-requests-resubmitted');
  expect(b.problems).toEqual([]);
});
