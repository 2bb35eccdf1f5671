import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { multipart, serverHarness } from '../support/server.ts';

// The audit over HTTP: the record and its phases, the firm's request list (imported all or nothing), a
// request's life from open to accepted, and an auditor invited into one audit who sees that audit only and
// the evidence and audit-log entries of its period only.

let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: string;
let member: string;
let auditor: string;
let viewer: string;
let foreign: string;
const alpha = () => h.orgCall('alpha');

async function upload(token: string, name: string, fields: Record<string, string> = {}): Promise<string> {
  const body = multipart({ controls: 'AC-01', ...fields }, { name, content: `evidence ${name}\n` });
  const response = await h.server.inject({
    method: 'POST',
    url: '/api/v1/orgs/alpha/evidence',
    headers: { ...h.bearer(token), ...body.headers },
    payload: body.payload,
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

beforeAll(async () => {
  h = await serverHarness();
  const browser = await h.setupOwner('Alpha');
  const program = await browser.call('PUT', '/api/v1/orgs/alpha/program', {
    reportType: 'type2',
    windowStart: '2026-01-01',
    windowEnd: '2026-06-30',
  });
  expect(program.statusCode).toBe(201);
  await browser.call('POST', '/api/v1/orgs', { name: 'Beta' });
  owner = await h.tokenFor('alpha', 'owner');
  member = await h.tokenFor('alpha', 'member');
  auditor = await h.tokenFor('alpha', 'auditor');
  viewer = await h.tokenFor('alpha', 'viewer');
  foreign = await h.tokenFor('beta', 'owner');
});
afterAll(() => h.close());

describe(`the audit record on ${ENGINE}`, () => {
  let auditId: string;

  it("records an audit over the program's window, with the firm checklist", async () => {
    const created = await alpha()('POST', '/audits', member, {
      firmName: 'Prescient & Co CPAs',
      contacts: [{ name: 'Dana Reyes', email: 'Dana@Prescient.test', role: 'Engagement partner' }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      firmName: 'Prescient & Co CPAs',
      contacts: [{ name: 'Dana Reyes', email: 'dana@prescient.test', role: 'Engagement partner' }],
      reportType: 'type2',
      asOfDate: null,
      windowStart: '2026-01-01',
      windowEnd: '2026-06-30',
      period: { from: '2026-01-01', to: '2026-06-30' },
      phase: 'planning',
      nextPhase: 'fieldwork',
      version: 1,
    });
    expect(Object.keys(created.json().firmChecklist)).toHaveLength(6);
    expect(created.json().firmChecklist.licensed_cpa).toEqual({ done: false, note: '' });
    auditId = created.json().id;

    const ticked = await alpha()('PATCH', `/audits/${auditId}`, member, {
      version: 1,
      firmChecklist: { licensed_cpa: { done: true, note: 'Peer review passed 2025' } },
    });
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json().firmChecklist.licensed_cpa).toEqual({ done: true, note: 'Peer review passed 2025' });
    expect(ticked.json().firmChecklist.fee_agreed).toEqual({ done: false, note: '' });
    expect(ticked.json().version).toBe(2);

    const stale = await alpha()('PATCH', `/audits/${auditId}`, member, { version: 1, firmName: 'Other' });
    expect(stale.statusCode).toBe(409);
    const unknownItem = await alpha()('PATCH', `/audits/${auditId}`, member, {
      version: 2,
      firmChecklist: { cheapest: { done: true } },
    });
    expect(unknownItem.statusCode).toBe(400);
    expect((await alpha()('GET', '/audits', viewer)).json().total).toBe(1);
    expect((await alpha()('GET', `/audits/${auditId}`, auditor)).json().firmName).toBe('Prescient & Co CPAs');
  });

  it('refuses dates that do not fit the report type, naming the field', async () => {
    const short = await alpha()('POST', '/audits', owner, {
      firmName: 'Quick LLP',
      reportType: 'type2',
      windowStart: '2026-01-01',
      windowEnd: '2026-02-15',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details).toEqual({ field: 'windowEnd' });
    const mixed = await alpha()('POST', '/audits', owner, {
      firmName: 'Quick LLP',
      reportType: 'type1',
      asOfDate: '2026-06-30',
      windowStart: '2026-01-01',
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.details).toEqual({ field: 'windowStart' });
    const type1 = await alpha()('POST', '/audits', owner, {
      firmName: 'Quick LLP',
      reportType: 'type1',
      asOfDate: '2026-06-30',
    });
    expect(type1.json().period).toEqual({ from: '2026-06-30', to: '2026-06-30' });
    expect((await alpha()('POST', '/audits', auditor, { firmName: 'x' })).statusCode).toBe(403);
  });

  it('moves the phase forward one step at a time, and logs each move', async () => {
    const skip = await alpha()('POST', `/audits/${auditId}/phase`, member, {
      version: 2,
      phase: 'reporting',
    });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error.details).toEqual({ field: 'phase' });
    const fieldwork = await alpha()('POST', `/audits/${auditId}/phase`, member, {
      version: 2,
      phase: 'fieldwork',
    });
    expect(fieldwork.statusCode).toBe(200);
    expect(fieldwork.json()).toMatchObject({ phase: 'fieldwork', nextPhase: 'reporting', version: 3 });
    const back = await alpha()('POST', `/audits/${auditId}/phase`, member, { version: 3, phase: 'planning' });
    expect(back.statusCode).toBe(400);
    expect(
      (await alpha()('POST', `/audits/${auditId}/phase`, auditor, { version: 3, phase: 'reporting' }))
        .statusCode,
    ).toBe(403);
    const log = (await alpha()('GET', `/audit-log?targetId=${auditId}`, owner)).json().items;
    expect(log.map((e: { action: string }) => e.action).sort()).toEqual([
      'audit.created',
      'audit.phase_changed',
      'audit.updated',
    ]);
    expect(log.find((e: { action: string }) => e.action === 'audit.phase_changed').details).toEqual({
      from: 'planning',
      to: 'fieldwork',
    });
  });

  it('imports nothing from a request list with a bad row, and reports every bad line', async () => {
    const csv = [
      'ref,title,description,control,criterion,due_date',
      'PBC-01,Access review evidence,Quarterly reviews,AC-01,CC6.2,2026-07-15',
      'PBC-02,Change tickets,Sample of changes,NOPE-99,CC8.1,2026-07-15',
      'PBC-03,Access provisioning,New joiners,AC-02,CC9.9,2026-02-30',
      'PBC-04,Org chart,"Current chart,',
      'with reporting lines",,CC1.3,',
    ].join('\n');
    const refused = await alpha()('POST', `/audits/${auditId}/requests/import`, member, { csv });
    expect(refused.statusCode).toBe(400);
    const problems = refused.json().error.details.problems as Array<{ line: number; message: string }>;
    expect(problems.map((p) => p.line)).toEqual([4]);
    expect(problems[0]?.message).toContain('due_date');
    expect((await alpha()('GET', `/audits/${auditId}/requests`, member)).json().total).toBe(0);

    const unknown = await alpha()('POST', `/audits/${auditId}/requests/import`, member, {
      csv: csv.replace('2026-02-30', '2026-02-28'),
    });
    expect(unknown.statusCode).toBe(400);
    expect(
      (unknown.json().error.details.problems as Array<{ line: number; message: string }>).map(
        (p) => `${p.line}: ${p.message}`,
      ),
    ).toEqual(['3: unknown control "NOPE-99"', '4: unknown criterion "CC9.9"']);
    expect((await alpha()('GET', `/audits/${auditId}/requests`, member)).json().total).toBe(0);

    const header = await alpha()('POST', `/audits/${auditId}/requests/import`, member, {
      csv: 'ref,title\nR-1,x\n',
    });
    expect(header.statusCode).toBe(400);
    expect(header.json().error.details.problems[0].line).toBe(1);

    const good = await alpha()('POST', `/audits/${auditId}/requests/import`, member, {
      csv: csv.replace('NOPE-99', 'CHG-01').replace('CC9.9', 'A1.2').replace('2026-02-30', ''),
    });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ imported: 4 });
    const list = (await alpha()('GET', `/audits/${auditId}/requests`, member)).json();
    expect(list.items.map((r: { ref: string }) => r.ref)).toEqual(['PBC-01', 'PBC-02', 'PBC-03', 'PBC-04']);
    expect(list.items[0]).toMatchObject({
      controlCode: 'AC-01',
      criterionId: 'CC6.2',
      dueDate: '2026-07-15',
      status: 'open',
    });
    expect(list.items[3].description).toBe('Current chart,\nwith reporting lines');
    const again = await alpha()('POST', `/audits/${auditId}/requests/import`, member, {
      csv: 'ref,title,description,control,criterion,due_date\nPBC-01,Dup,,,,\n',
    });
    expect(again.statusCode).toBe(400);
    expect((await alpha()('POST', `/audits/${auditId}/requests/import`, auditor, { csv })).statusCode).toBe(
      403,
    );
  });

  it('takes a request from open to submitted, flagged, resubmitted and accepted', async () => {
    const created = await alpha()('POST', `/audits/${auditId}/requests`, auditor, {
      title: 'Termination checklist for leavers',
      controlCode: 'hr-13',
      criterionId: 'cc6.2',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      ref: 'R-001',
      controlCode: 'HR-13',
      criterionId: 'CC6.2',
      status: 'open',
    });
    const id = created.json().id;
    const path = `/audits/${auditId}/requests/${id}`;
    expect((await alpha()('POST', `/audits/${auditId}/requests`, member, { title: 'x' })).statusCode).toBe(
      403,
    );

    expect((await alpha()('POST', `${path}/accept`, auditor, {})).statusCode).toBe(400);
    const first = await upload(member, 'leavers-q1.txt');
    const submitted = await alpha()('POST', `${path}/evidence`, member, { evidenceIds: [first] });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', evidenceIds: [first] });
    expect(submitted.json().evidence[0].fileName).toBe('leavers-q1.txt');
    expect((await alpha()('POST', `${path}/evidence`, auditor, { evidenceIds: [first] })).statusCode).toBe(
      403,
    );

    const noReason = await alpha()('POST', `${path}/flag`, auditor, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details).toEqual({ field: 'reason' });
    const flagged = await alpha()('POST', `${path}/flag`, auditor, { reason: 'Two leavers are missing' });
    expect(flagged.json()).toMatchObject({ status: 'flagged', flagReason: 'Two leavers are missing' });

    const comment = await alpha()('POST', `${path}/comments`, auditor, { body: 'Please include March.' });
    expect(comment.statusCode).toBe(201);
    expect((await alpha()('POST', `${path}/comments`, member, { body: 'ok' })).statusCode).toBe(403);
    const walkthrough = await alpha()('POST', `${path}/walkthroughs`, member, {
      scheduledAt: '2026-06-20T14:00:00Z',
      attendees: ['Dana Reyes', 'hr@acme.test'],
      notes: 'Walk through one leaver end to end',
    });
    expect(walkthrough.statusCode).toBe(201);

    const second = await upload(member, 'leavers-q1-complete.txt');
    const resubmitted = await alpha()('POST', `${path}/evidence`, member, { evidenceIds: [second] });
    expect(resubmitted.json()).toMatchObject({ status: 'resubmitted', flagReason: null });
    expect(resubmitted.json().evidenceIds).toEqual([first, second]);
    const accepted = await alpha()('POST', `${path}/accept`, auditor, {});
    expect(accepted.json().status).toBe('accepted');
    expect((await alpha()('POST', `${path}/evidence`, member, { evidenceIds: [second] })).statusCode).toBe(
      400,
    );

    const shown = (await alpha()('GET', `/audits/${auditId}/requests`, viewer))
      .json()
      .items.find((r: { id: string }) => r.id === id);
    expect(shown.comments).toEqual([
      expect.objectContaining({
        body: 'Please include March.',
        author: expect.stringContaining('auditor token'),
      }),
    ]);
    expect(shown.walkthroughs[0]).toMatchObject({ attendees: ['Dana Reyes', 'hr@acme.test'] });
    const log = (await alpha()('GET', `/audit-log?targetId=${id}`, owner)).json().items;
    expect(log.map((e: { action: string }) => e.action).reverse()).toEqual([
      'audit_request.created',
      'audit_request.evidence_attached',
      'audit_request.flagged',
      'audit_request.commented',
      'audit_walkthrough.scheduled',
      'audit_request.evidence_attached',
      'audit_request.accepted',
    ]);
  });

  it('hides audits from another organization', async () => {
    expect((await alpha()('GET', `/audits/${auditId}`, foreign)).statusCode).toBe(404);
    expect((await h.orgCall('beta')('GET', `/audits/${auditId}`, foreign)).statusCode).toBe(404);
    expect((await h.orgCall('beta')('GET', `/audits/${auditId}/requests`, foreign)).statusCode).toBe(404);
    expect((await h.orgCall('beta')('GET', '/audits', foreign)).json().total).toBe(0);
  });
});

describe(`an auditor invited into one audit on ${ENGINE}`, () => {
  it('sees that audit only, and evidence and audit-log entries of its period only', async () => {
    // Before the audit's window (it starts tomorrow): evidence valid in Q1 only, and audit-log entries.
    const before = await upload(owner, 'q1-only.txt', { validFrom: '2026-01-01', validUntil: '2026-03-31' });
    const x = (
      await alpha()('POST', '/audits', owner, {
        firmName: 'Window Partners',
        reportType: 'type2',
        windowStart: '2026-06-16',
        windowEnd: '2026-09-30',
      })
    ).json();
    const y = (await alpha()('POST', '/audits', owner, { firmName: 'Other Firm' })).json();
    const invited = await alpha()('POST', `/audits/${x.id}/auditors`, member, { email: 'Lee@Window.test' });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ email: 'lee@window.test', role: 'auditor' });
    expect(h.app.outbox.at(-1)?.text).toContain('for the audit by Window Partners');
    const token = new URL(invited.json().link).searchParams.get('token');
    expect(
      (await alpha()('POST', `/audits/${x.id}/auditors`, auditor, { email: 'a@b.test' })).statusCode,
    ).toBe(403);

    // Inside the window.
    h.app.clock.set(new Date('2026-06-20T10:00:00Z'));
    const inside = await upload(owner, 'june.txt');
    const lee = h.browser();
    const joined = await lee.call('POST', '/api/v1/invitations/register', {
      token,
      password: 'auditor password long enough',
    });
    expect(joined.json().role).toBe('auditor');
    await lee.call('GET', '/api/v1/session');
    const get = (url: string) => lee.call('GET', `/api/v1/orgs/alpha${url}`);
    const post = (url: string, body: unknown) => lee.call('POST', `/api/v1/orgs/alpha${url}`, body);

    const audits = (await get('/audits')).json();
    expect(audits.items.map((a: { id: string }) => a.id)).toEqual([x.id]);
    expect((await get(`/audits/${y.id}`)).statusCode).toBe(404);
    expect((await get(`/audits/${y.id}/requests`)).statusCode).toBe(404);
    expect((await get(`/audits/${y.id}/auditors`)).statusCode).toBe(404);
    expect((await post(`/audits/${y.id}/requests`, { title: 'Sneaky' })).statusCode).toBe(404);
    const mine = await post(`/audits/${x.id}/requests`, { title: 'Population of changes' });
    expect(mine.statusCode).toBe(201);
    const auditors = (await get(`/audits/${x.id}/auditors`)).json();
    expect(auditors).toEqual({ auditors: [{ email: 'lee@window.test', role: 'auditor' }], invitations: [] });

    const seen = (await get('/evidence')).json().items.map((e: { id: string }) => e.id);
    expect(seen).toContain(inside);
    expect(seen).not.toContain(before);
    expect((await get(`/evidence/${before}/file`)).statusCode).toBe(404);
    expect((await get(`/evidence/${inside}/file`)).statusCode).toBe(200);
    const ownerSees = (await alpha()('GET', '/evidence', owner))
      .json()
      .items.map((e: { id: string }) => e.id);
    expect(ownerSees).toEqual(expect.arrayContaining([inside, before]));

    const entries = (await get('/audit-log?limit=500')).json().items as Array<{ occurredAt: string }>;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.occurredAt >= '2026-06-16')).toBe(true);
    const all = (await alpha()('GET', '/audit-log?limit=500', owner)).json().items as Array<{
      occurredAt: string;
    }>;
    expect(all.some((e) => e.occurredAt < '2026-06-16')).toBe(true);
    expect((await get('/test-results')).statusCode).toBe(200);

    // Evidence attached to one of the audit's requests is shared with its auditors, whatever its dates.
    await alpha()('POST', `/audits/${x.id}/requests/${mine.json().id}/evidence`, owner, {
      evidenceIds: [before],
    });
    expect((await get(`/evidence/${before}/file`)).statusCode).toBe(200);

    // An auditor token (not invited into an audit) keeps seeing everything.
    expect((await alpha()('GET', '/audits', auditor)).json().total).toBeGreaterThanOrEqual(3);
  });
});
