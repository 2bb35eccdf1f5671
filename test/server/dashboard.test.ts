import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { multipart, serverHarness } from '../support/server.ts';

// The dashboard, evidence and onboarding screens' server side: one dashboard read with what is late,
// evidence linking and validity, a control's page, and default owners per owner role. The test clock
// stands at 2026-06-15.

let h: Awaited<ReturnType<typeof serverHarness>>;
let ownerToken: string;
let viewerToken: string;
let betaToken: string;
let aliceId: string;
let outsiderId: string;

const api = (method: string, url: string, token: string, payload?: unknown, headers = {}) =>
  h.server.inject({
    method: method as 'GET',
    url: `/api/v1/orgs/acme-cloud${url}`,
    headers: { ...h.bearer(token), ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

async function upload(title: string, controls: string, validFrom: string, validUntil: string) {
  const body = multipart(
    { controls, title, validFrom, validUntil },
    { name: `${title.replace(/\W+/g, '-')}.txt`, content: title },
  );
  const response = await api('POST', '/evidence', ownerToken, body.payload, body.headers);
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; expiry: string };
}

beforeAll(async () => {
  h = await serverHarness();
  const owner = await h.setupOwner();
  const program = await owner.call('PUT', '/api/v1/orgs/acme-cloud/program', {
    reportType: 'type2',
    windowStart: '2026-03-01',
    windowEnd: '2026-08-31',
  });
  expect(program.statusCode).toBe(201);
  await owner.call('POST', '/api/v1/orgs', { name: 'Beta' });
  ownerToken = await h.tokenFor('acme-cloud', 'owner');
  viewerToken = await h.tokenFor('acme-cloud', 'viewer');
  betaToken = await h.tokenFor('beta', 'owner');
  const { repos } = h.app.deps.store;
  aliceId = h.app.deps.newId();
  await repos.users.create({ id: aliceId, email: 'alice@acme.test' });
  await repos.memberships.add(await h.scopeFor('acme-cloud'), aliceId, 'member');
  outsiderId = h.app.deps.newId();
  await repos.users.create({ id: outsiderId, email: 'bob@beta.test' });
  await repos.memberships.add(await h.scopeFor('beta'), outsiderId, 'member');
});
afterAll(() => h.close());

describe(`the dashboard on ${ENGINE}`, () => {
  it('returns overdue tasks, expiring evidence, the window days and the trend in one read', async () => {
    const late = await api('POST', '/tasks', ownerToken, {
      title: 'Review access',
      controlCode: 'AC-01',
      assigneeEmail: 'alice@acme.test',
      dueDate: '2026-06-01',
    });
    expect(late.statusCode).toBe(201);
    await api('POST', '/tasks', ownerToken, { title: 'Due today', dueDate: '2026-06-15' });
    const done = (await api('POST', '/tasks', ownerToken, { title: 'Done', dueDate: '2026-05-01' })).json();
    await api('PATCH', `/tasks/${done.id}`, ownerToken, { version: 1, status: 'done' });

    const expiring = await upload('Expiring soon', 'AC-01', '2026-01-01', '2026-07-10');
    const lapsed = await upload('Lapsed', 'AC-02', '2025-06-01', '2026-06-01');
    const unlinked = await upload('Lapsed and unlinked', 'AC-02', '2025-06-01', '2026-06-01');
    await upload('Valid a while', 'AC-02', '2026-01-01', '2026-12-31');
    expect(expiring.expiry).toBe('expiring');
    expect(lapsed.expiry).toBe('expired');
    expect(
      (await api('PUT', `/evidence/${unlinked.id}/controls`, ownerToken, { controlCodes: [] })).statusCode,
    ).toBe(200);

    const response = await api('GET', '/dashboard', viewerToken);
    expect(response.statusCode).toBe(200);
    const dashboard = response.json();
    expect(dashboard.today).toBe('2026-06-15');
    expect(dashboard.readiness.overall).toEqual((await api('GET', '/readiness', viewerToken)).json().overall);
    expect(dashboard.overdueTasks).toEqual([
      {
        id: late.json().id,
        title: 'Review access',
        dueDate: '2026-06-01',
        status: 'todo',
        assignee: { userId: aliceId, email: 'alice@acme.test', name: null },
        controlCode: 'AC-01',
      },
    ]);
    expect(dashboard.expiringEvidence).toEqual([
      {
        id: lapsed.id,
        title: 'Lapsed',
        validUntil: '2026-06-01',
        expiry: 'expired',
        controlCodes: ['AC-02'],
      },
      {
        id: expiring.id,
        title: 'Expiring soon',
        validUntil: '2026-07-10',
        expiry: 'expiring',
        controlCodes: ['AC-01'],
      },
    ]);
    expect(dashboard.period).toEqual({
      reportType: 'type2',
      asOf: null,
      window: { start: '2026-03-01', end: '2026-08-31', daysElapsed: 106, daysLeft: 77 },
    });
    expect(dashboard.counts).toMatchObject({
      openTasks: 2,
      evidence: 4,
      failingTests: 0,
      failingControls: 0,
    });
    expect(dashboard.history).toHaveLength(1);
    expect(dashboard.history[0]).toMatchObject({
      day: '2026-06-15',
      overall: dashboard.readiness.overall.score,
    });
    expect(Object.keys(dashboard.history[0].categories)).toEqual(['security']);
  });

  it('keeps the trend per day: a change on a later day adds a row, a change the same day rewrites it', async () => {
    h.app.clock.set(new Date('2026-06-16T10:00:00Z'));
    try {
      const control = (await api('GET', '/controls/AC-03', ownerToken)).json();
      await api('PATCH', '/controls/AC-03', ownerToken, { version: control.version, status: 'implemented' });
      await api('PATCH', '/controls/AC-03', ownerToken, {
        version: control.version + 1,
        status: 'in_progress',
      });
      const history = (await api('GET', '/dashboard', ownerToken)).json().history;
      expect(history.map((d: { day: string }) => d.day)).toEqual(['2026-06-15', '2026-06-16']);
    } finally {
      h.app.clock.set(new Date('2026-06-15T09:00:00Z'));
    }
  });

  it('shows another organization none of it', async () => {
    expect((await api('GET', '/dashboard', betaToken)).statusCode).toBe(404);
    const beta = await h.server.inject({
      method: 'GET',
      url: '/api/v1/orgs/beta/dashboard',
      headers: h.bearer(betaToken),
    });
    // Beta has no program: no readiness to show, and nothing of Acme's.
    expect(beta.statusCode).toBe(422);
    expect(beta.body).not.toContain('Review access');
    const evidence = await h.server.inject({
      method: 'GET',
      url: '/api/v1/orgs/beta/evidence',
      headers: h.bearer(betaToken),
    });
    expect(evidence.json().items).toEqual([]);
  });
});

describe(`evidence and controls on ${ENGINE}`, () => {
  it('links evidence to controls, sets its validity, and the control page shows it with its history', async () => {
    const item = await upload('Access review Q2', 'AC-01', '2026-04-01', '2026-06-30');
    const linked = await api('PUT', `/evidence/${item.id}/controls`, ownerToken, {
      controlCodes: ['AC-02', 'AC-01', 'AC-02'],
    });
    expect(linked.json().controlCodes).toEqual(['AC-01', 'AC-02']);
    const unknown = await api('PUT', `/evidence/${item.id}/controls`, ownerToken, {
      controlCodes: ['NOPE-1'],
    });
    expect(unknown.statusCode).toBe(404);

    const patched = await api('PATCH', `/evidence/${item.id}`, ownerToken, {
      title: 'Access review 2026 Q2',
      validUntil: '2026-12-31',
    });
    expect(patched.json()).toMatchObject({
      title: 'Access review 2026 Q2',
      validFrom: '2026-04-01',
      validUntil: '2026-12-31',
      expiry: 'valid',
    });
    const backwards = await api('PATCH', `/evidence/${item.id}`, ownerToken, { validUntil: '2026-01-01' });
    expect(backwards.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'validUntil' } });
    expect((await api('PATCH', `/evidence/${item.id}`, viewerToken, { title: 'x' })).statusCode).toBe(403);

    const list = (await api('GET', '/evidence', viewerToken)).json().items;
    const listed = list.find((e: { id: string }) => e.id === item.id);
    expect(listed).toMatchObject({
      mediaType: 'text/plain',
      sizeBytes: 16,
      controlCodes: ['AC-01', 'AC-02'],
    });
    expect(listed.sha256).toMatch(/^[0-9a-f]{64}$/);

    const control = (await api('GET', '/controls/AC-02', viewerToken)).json();
    expect(control.evidence.map((e: { id: string }) => e.id)).toContain(item.id);
    const page = (await api('GET', '/controls/AC-01', viewerToken)).json();
    expect(page.tasks.map((t: { title: string }) => t.title)).toEqual(['Review access']);
    const ac03 = (await api('GET', '/controls/AC-03', viewerToken)).json();
    expect(ac03.history.map((e: { action: string }) => e.action)).toEqual([
      'control.updated',
      'control.updated',
    ]);
    expect(ac03.history[0].details.after.status).toBe('in_progress');

    const foreign = await h.server.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/beta/evidence/${item.id}`,
      headers: h.bearer(betaToken),
      payload: { title: 'taken' },
    });
    expect(foreign.statusCode).toBe(404);
  });
});

describe(`owner roles on ${ENGINE}`, () => {
  it('gives unowned controls and policies of a role its default owner, and keeps chosen owners', async () => {
    const chosen = (await api('GET', '/controls?ownerRole=security', ownerToken)).json().items;
    const kept = chosen[0];
    await api('PATCH', `/controls/${kept.code}`, ownerToken, {
      version: kept.version,
      ownerEmail: 'owner@acme.test',
    });

    const response = await api('PUT', '/owner-roles', ownerToken, { assignments: { security: aliceId } });
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result.assignments.security).toEqual({ userId: aliceId, email: 'alice@acme.test', name: null });
    expect(result.assignments.hr).toBeNull();
    expect(result.assigned.controls).toEqual(
      chosen.filter((c: { code: string }) => c.code !== kept.code).map((c: { code: string }) => c.code),
    );
    const after = (await api('GET', '/controls?ownerRole=security', ownerToken)).json().items;
    expect(after.find((c: { code: string }) => c.code === kept.code).ownerEmail).toBe('owner@acme.test');
    expect(after.filter((c: { ownerEmail: string }) => c.ownerEmail === 'alice@acme.test')).toHaveLength(
      chosen.length - 1,
    );
    const others = (await api('GET', '/controls?ownerRole=engineering', ownerToken)).json().items;
    expect(others.every((c: { ownerEmail: string | null }) => c.ownerEmail === null)).toBe(true);

    const read = (await api('GET', '/owner-roles', viewerToken)).json();
    expect(read.assignments.security.userId).toBe(aliceId);
    const beta = await h.server.inject({
      method: 'GET',
      url: '/api/v1/orgs/beta/owner-roles',
      headers: h.bearer(betaToken),
    });
    expect(beta.json().assignments.security).toBeNull();
  });

  it('refuses someone who is not a member, naming the field, and changes nothing', async () => {
    const response = await api('PUT', '/owner-roles', ownerToken, {
      assignments: { engineering: outsiderId, legal: aliceId },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'assignments.engineering' },
    });
    const read = (await api('GET', '/owner-roles', ownerToken)).json();
    expect(read.assignments.legal).toBeNull();
    expect((await api('PUT', '/owner-roles', viewerToken, { assignments: { hr: aliceId } })).statusCode).toBe(
      403,
    );
  });
});
