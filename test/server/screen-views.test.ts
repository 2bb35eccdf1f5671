import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { multipart, OWNER, serverHarness } from '../support/server.ts';

// What the controls, evidence and tasks screens need from the API: a control's own text, a task's
// assignee by email, and evidence previews that only the app itself may frame.

let h: Awaited<ReturnType<typeof serverHarness>>;
let ownerToken: string;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

const api = (method: string, url: string, token: string, payload?: unknown, headers = {}) =>
  h.server.inject({
    method: method as 'GET',
    url: `/api/v1/orgs/acme-cloud${url}`,
    headers: { ...h.bearer(token), ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

async function upload(name: string, content: Buffer | string) {
  const body = multipart({ controls: 'AC-01' }, { name, content });
  const response = await api('POST', '/evidence', ownerToken, body.payload, body.headers);
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

beforeAll(async () => {
  h = await serverHarness();
  const owner = await h.setupOwner();
  const program = await owner.call('PUT', '/api/v1/orgs/acme-cloud/program', {
    reportType: 'type1',
    asOf: '2026-06-30',
    categories: [],
  });
  expect(program.statusCode).toBe(201);
  ownerToken = await h.tokenFor('acme-cloud', 'owner');
});
afterAll(() => h.close());

describe(`screen views on ${ENGINE}`, () => {
  it("shows a control's requirement and evidence guidance on its detail", async () => {
    const control = (await api('GET', '/controls/AC-01', ownerToken)).json();
    expect(control.requirement.length).toBeGreaterThan(40);
    expect(control.evidenceGuidance.length).toBeGreaterThan(20);
    expect(control.requirement).not.toBe(control.evidenceGuidance);
  });

  it('names the control of a task by code and its assignee by email, and no one when unassigned', async () => {
    const created = await api('POST', '/tasks', ownerToken, {
      title: 'Turn on MFA',
      assigneeEmail: OWNER.email,
      controlCode: 'AC-02',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ assigneeEmail: OWNER.email, controlCode: 'AC-02', version: 1 });
    const moved = await api('PATCH', `/tasks/${created.json().id}`, ownerToken, {
      version: 1,
      status: 'in_progress',
    });
    expect(moved.json()).toMatchObject({ assigneeEmail: OWNER.email, status: 'in_progress' });
    const unassigned = await api('PATCH', `/tasks/${created.json().id}`, ownerToken, {
      version: 2,
      assigneeEmail: null,
    });
    expect(unassigned.json()).toMatchObject({ assigneeEmail: null, assigneeUserId: null });
    const list = (await api('GET', '/tasks', ownerToken)).json();
    expect(list.items.find((t: { id: string }) => t.id === created.json().id).assigneeEmail).toBeNull();
  });

  it('names the form field a task error is about', async () => {
    const outsider = await api('POST', '/tasks', ownerToken, { title: 'x', assigneeEmail: 'who@else.test' });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.details).toEqual({ field: 'assigneeEmail' });
    const noControl = await api('POST', '/tasks', ownerToken, { title: 'x', controlCode: 'ZZ-99' });
    expect(noControl.json().error.details).toEqual({ field: 'controlCode' });
    const blank = await api('POST', '/tasks', ownerToken, { title: '  ' });
    expect(blank.json().error.details).toEqual({ field: 'title' });
  });

  it('names the form field an upload error is about', async () => {
    const noControl = multipart({ controls: '' }, { name: 'a.pdf', content: PDF });
    const refused = await api('POST', '/evidence', ownerToken, noControl.payload, noControl.headers);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual({ field: 'controls' });
    const unknown = multipart({ controls: 'ZZ-99' }, { name: 'a.pdf', content: PDF });
    const missing = await api('POST', '/evidence', ownerToken, unknown.payload, unknown.headers);
    expect(missing.json().error.details).toEqual({ field: 'controls' });
    const backwards = multipart(
      { controls: 'AC-01', validFrom: '2026-05-01', validUntil: '2026-04-01' },
      { name: 'a.pdf', content: PDF },
    );
    const range = await api('POST', '/evidence', ownerToken, backwards.payload, backwards.headers);
    expect(range.json().error.details).toEqual({ field: 'validUntil' });
    const exe = multipart({ controls: 'AC-01' }, { name: 'report.pdf', content: 'MZ not a pdf' });
    const badType = await api('POST', '/evidence', ownerToken, exe.payload, exe.headers);
    expect(badType.statusCode).toBe(415);
    expect(badType.json().error.details).toEqual({ field: 'file' });
  });

  it('lets the app frame a PDF or image preview, and nothing else', async () => {
    const pdf = await upload('policy.pdf', PDF);
    const preview = await api('GET', `/evidence/${pdf}/file?inline=1`, ownerToken);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-disposition']).toBe('inline; filename="policy.pdf"');
    expect(preview.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(preview.headers['content-security-policy']).toContain("default-src 'none'");
    expect(preview.headers['x-frame-options']).toBe('SAMEORIGIN');

    const download = await api('GET', `/evidence/${pdf}/file`, ownerToken);
    expect(download.headers['content-disposition']).toBe('attachment; filename="policy.pdf"');
    expect(download.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const html = await upload('page.html', '<script>alert(1)</script>');
    const framed = await api('GET', `/evidence/${html}/file?inline=1`, ownerToken);
    expect(framed.headers['content-disposition']).toBe('attachment; filename="page.html"');
    expect(framed.headers['content-security-policy']).toContain('sandbox');
    expect(framed.headers['x-frame-options']).toBe('DENY');

    expect((await api('GET', `/evidence/${pdf}/file?inline=yes`, ownerToken)).statusCode).toBe(400);
  });
});
