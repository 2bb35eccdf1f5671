import { decodePDFRawStream, PDFDocument, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { serverHarness } from '../support/server.ts';

// The policy lifecycle over HTTP: the owner edits, approves and publishes; an employee signs in, sees the
// policy on their page, accepts it, and reads it as a PDF.

let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: ReturnType<Awaited<ReturnType<typeof serverHarness>>['browser']>;
let employee: ReturnType<Awaited<ReturnType<typeof serverHarness>>['browser']>;
let ownerId: string;
let policy: { id: string; title: string };
const EMPLOYEE = { email: 'erin@acme.test', password: 'another correct horse battery' };
const BODY =
  '# Access\n\n## Scope\n\n- Every laptop is encrypted.\n  - Including loaners.\n\nReviewed **yearly**.\n';

/** The text drawn on the PDF's pages: pdf-lib writes each line as a hex string shown with Tj. */
function pdfText(doc: PDFDocument): string {
  const chunks: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const content = Buffer.from(decodePDFRawStream(object).decode()).toString('latin1');
    for (const match of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g))
      chunks.push(Buffer.from(match[1] ?? '', 'hex').toString('latin1'));
  }
  return chunks.join('\n');
}

beforeAll(async () => {
  h = await serverHarness();
  owner = await h.setupOwner('Acme');
  await owner.call('PUT', '/api/v1/orgs/acme/program', { reportType: 'type1', asOf: '2026-12-31' });
  ownerId = (await owner.call('GET', '/api/v1/session')).json().user.id;
  const { deps } = h.app;
  const user = { id: deps.newId(), email: EMPLOYEE.email };
  await deps.store.repos.users.create(user);
  await deps.store.repos.users.setPasswordHash(user.id, await deps.passwords.hash(EMPLOYEE.password));
  await deps.store.repos.memberships.add(await h.scopeFor('acme'), user.id, 'employee');
  employee = h.browser();
  expect((await employee.call('POST', '/api/v1/auth/sign-in', EMPLOYEE)).statusCode).toBe(200);
  const list = (await owner.call('GET', '/api/v1/orgs/acme/policies')).json();
  policy = list.items[0];
});
afterAll(() => h.close());

describe(`policies over HTTP on ${ENGINE}`, () => {
  it('runs edit, approval, publication, acceptance and the PDF', async () => {
    const base = `/api/v1/orgs/acme/policies/${policy.id}`;
    const owned = await owner.call('PATCH', base, { ownerUserId: ownerId });
    expect(owned.statusCode).toBe(200);
    expect(owned.json()).toMatchObject({
      id: policy.id,
      ownerUserId: ownerId,
      ownerEmail: 'owner@acme.test',
    });

    const saved = await owner.call('PUT', `${base}/draft`, { bodyMarkdown: BODY, expectedVersion: 1 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      created: false,
      changed: true,
      draft: { version: 1, status: 'draft', bodyMarkdown: BODY },
    });
    expect((await employee.call('POST', `${base}/accept`)).json().error.code).toBe('CONFLICT');
    expect((await employee.call('GET', base)).json()).toMatchObject({
      draft: null,
      published: null,
      versions: [],
    });

    const approved = await owner.call('POST', `${base}/versions/1/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ version: 1, status: 'approved', approvedBy: 'owner@acme.test' });
    const published = await owner.call('POST', `${base}/versions/1/publish`);
    expect(published.json()).toMatchObject({ superseded: null, published: { status: 'published' } });

    const me = (await employee.call('GET', '/api/v1/orgs/acme/me')).json();
    expect(me).toMatchObject({ user: { email: EMPLOYEE.email }, role: 'employee', tasks: [] });
    expect(me.policiesToAccept).toEqual([
      expect.objectContaining({ policyId: policy.id, title: policy.title, version: 1 }),
    ]);
    const accepted = await employee.call('POST', `${base}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ policyId: policy.id, version: 1, alreadyAccepted: false });
    expect((await employee.call('POST', `${base}/accept`)).json()).toMatchObject({ alreadyAccepted: true });
    expect((await employee.call('GET', '/api/v1/orgs/acme/me')).json().policiesToAccept).toEqual([]);

    const acceptances = (await owner.call('GET', `${base}/acceptances`)).json();
    expect(acceptances).toMatchObject({ policyId: policy.id, publishedVersion: 1 });
    expect(acceptances.acceptances).toEqual([
      expect.objectContaining({ email: EMPLOYEE.email, version: 1, acceptedAt: expect.any(String) }),
    ]);
    expect(acceptances.pending).toEqual([
      expect.objectContaining({ email: 'owner@acme.test', role: 'owner' }),
    ]);
    expect((await employee.call('GET', `${base}/acceptances`)).statusCode).toBe(403);

    const listed = (await owner.call('GET', '/api/v1/orgs/acme/policies')).json().items;
    expect(listed.find((p: { id: string }) => p.id === policy.id)).toMatchObject({
      latestVersion: 1,
      latestStatus: 'published',
      publishedVersion: 1,
      acceptanceCount: 1,
      ownerEmail: 'owner@acme.test',
    });

    const pdf = await employee.call('GET', `${base}/versions/1/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/attachment; filename=".+-v1\.pdf"/);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf.rawPayload);
    expect(doc.getTitle()).toBe(`${policy.title} (version 1)`);
    const text = pdfText(doc);
    expect(text).toContain(policy.title);
    expect(text).toContain('Version 1, published');
    expect(text).toContain('Approved by owner@acme.test');
    expect(text).toContain(saved.json().draft.sha256);
    expect(text).toContain('Every laptop is encrypted.');
    expect(text).toContain('Reviewed yearly.');
  });

  it('shows a diff, keeps drafts from employees, and refuses oversized bodies', async () => {
    const base = `/api/v1/orgs/acme/policies/${policy.id}`;
    const next = await owner.call('PUT', `${base}/draft`, {
      bodyMarkdown: BODY.replace('yearly', 'quarterly'),
      expectedVersion: 1,
    });
    expect(next.json()).toMatchObject({ created: true, draft: { version: 2, status: 'draft' } });
    const diff = await owner.call('GET', `${base}/diff?from=1&to=2`);
    expect(diff.statusCode).toBe(200);
    expect(diff.json()).toMatchObject({ from: 1, to: 2, added: 1, removed: 1 });
    expect(diff.json().lines.filter((l: { op: string }) => l.op !== 'same')).toEqual([
      { op: 'del', text: 'Reviewed **yearly**.' },
      { op: 'add', text: 'Reviewed **quarterly**.' },
    ]);
    expect((await employee.call('GET', `${base}/diff?from=1&to=2`)).statusCode).toBe(404);
    expect((await employee.call('GET', `${base}/versions/2/pdf`)).statusCode).toBe(404);
    expect((await employee.call('PUT', `${base}/draft`, { bodyMarkdown: 'mine' })).statusCode).toBe(403);

    const big = await owner.call('PUT', `${base}/draft`, { bodyMarkdown: 'é'.repeat(102_401) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const stale = await owner.call('PUT', `${base}/draft`, { bodyMarkdown: 'x', expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
  });

  it('gives an API token no personal page and no acceptance', async () => {
    const token = await h.tokenFor('acme', 'member');
    const call = h.orgCall('acme');
    expect((await call('GET', '/me', token)).statusCode).toBe(400);
    const accepted = await call('POST', `/policies/${policy.id}/accept`, token);
    expect(accepted.statusCode).toBe(403);
  });

  it('hides the policy from another organization', async () => {
    await owner.call('POST', '/api/v1/orgs', { name: 'Beta' });
    const call = h.orgCall('beta');
    const token = await h.tokenFor('beta', 'owner');
    expect((await call('GET', `/policies/${policy.id}`, token)).statusCode).toBe(404);
    expect((await call('GET', `/policies/${policy.id}/versions/1/pdf`, token)).statusCode).toBe(404);
  });
});
