import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { multipart, serverHarness } from '../support/server.ts';

// Type 2 testing over HTTP: a pushed GitHub connection reports merged pull requests on most of the first
// ten days of a window (none on the 4th, an unapproved change from the 5th to the 7th), which gives CHG-01 a
// timeline with an unmonitored day and a failing stretch, and a population of changes that outlives the
// pushes. A CSV import adds hires; samples are drawn from a recorded seed and drawn again.

let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: string;
let member: string;
let auditor: string;
let viewer: string;
let foreign: string;
let auditId: string;
const alpha = () => h.orgCall('alpha');
const SEED = '5eed5eed5eed5eed5eed5eed5eed5eed';
const NOW = '2026-06-10T20:00:00.000Z';

const pr = (number: number, approvers: string[], mergedAt: string) => ({
  id: `repo:1/pull/${number}`,
  name: `acme/api#${number}`,
  attributes: {
    repository: 'acme/api',
    number,
    title: `Change ${number}`,
    url: `https://github.com/acme/api/pull/${number}`,
    author: 'dev',
    mergedBy: 'dev',
    mergedAt,
    baseBranch: 'main',
    defaultBranch: 'main',
    approvals: approvers.length,
    approvers,
  },
});

async function pushOn(day: string, resources: ReturnType<typeof pr>[]) {
  h.app.clock.set(new Date(`${day}T10:00:00Z`));
  const response = await alpha()('PUT', '/resources/github.pull_request', owner, {
    integration: 'GitHub changes',
    resources,
  });
  expect(response.statusCode, response.body).toBe(200);
}

function csvImport(token: string, kind: string, csv: string, fileName?: string) {
  return h.server.inject({
    method: 'POST',
    url: `/api/v1/orgs/alpha/populations/${kind}/import${fileName ? `?fileName=${fileName}` : ''}`,
    headers: { ...h.bearer(token), 'content-type': 'text/csv' },
    payload: csv,
  });
}

beforeAll(async () => {
  h = await serverHarness();
  const browser = await h.setupOwner('Alpha');
  await browser.call('PUT', '/api/v1/orgs/alpha/program', {
    reportType: 'type2',
    windowStart: '2026-06-01',
    windowEnd: '2026-11-30',
  });
  await browser.call('POST', '/api/v1/orgs', { name: 'Beta' });
  owner = await h.tokenFor('alpha', 'owner');
  member = await h.tokenFor('alpha', 'member');
  auditor = await h.tokenFor('alpha', 'auditor');
  viewer = await h.tokenFor('alpha', 'viewer');
  foreign = await h.tokenFor('beta', 'owner');
  const created = await alpha()('POST', '/audits', member, {
    firmName: 'Prescient & Co CPAs',
    reportType: 'type2',
    windowStart: '2026-06-01',
    windowEnd: '2026-08-31',
  });
  expect(created.statusCode, created.body).toBe(201);
  auditId = created.json().id;

  const approved = pr(1, ['reviewer'], '2026-05-28T12:00:00Z');
  const unapproved = pr(2, [], '2026-06-05T09:00:00Z');
  for (const day of ['01', '02', '03']) await pushOn(`2026-06-${day}`, [approved]);
  for (const day of ['05', '06']) await pushOn(`2026-06-${day}`, [approved, unapproved]);
  for (const day of ['07', '08', '09', '10'])
    await pushOn(`2026-06-${day}`, [approved, pr(3, ['reviewer'], `2026-06-${day}T08:00:00Z`)]);
  // The evening of the tenth day: the window runs on, its first ten days are judged.
  h.app.clock.set(new Date(NOW));
});
afterAll(() => h.close());

describe(`control timelines on ${ENGINE}`, () => {
  it('shows CHG-01 passing, unmonitored on the day without a run, failing while the unapproved change held', async () => {
    const response = await alpha()('GET', `/audits/${auditId}/controls/CHG-01/timeline`, auditor);
    expect(response.statusCode, response.body).toBe(200);
    const timeline = response.json();
    expect(timeline.period).toEqual({ from: '2026-06-01', to: '2026-08-31', through: '2026-06-10' });
    expect(timeline.days.map((d: { tests: string }) => d.tests[0]).join('')).toBe('pppnfffppp');
    expect(timeline.coverage).toBe(60);
    expect(timeline.exceptions).toEqual([
      {
        kind: 'unmonitored',
        from: '2026-06-04',
        to: '2026-06-04',
        detail: 'no successful monitoring run of GitHub changes',
      },
      {
        kind: 'failing',
        from: '2026-06-05',
        to: '2026-06-07',
        detail: 'Merged changes were approved by someone other than the author',
      },
    ]);
  });

  it('sums up every control in scope, and lists the exceptions of the period by kind', async () => {
    const summary = await alpha()('GET', `/audits/${auditId}/timelines`, viewer);
    expect(summary.statusCode).toBe(200);
    const chg01 = summary.json().items.find((i: { controlCode: string }) => i.controlCode === 'CHG-01');
    expect(chg01).toEqual({
      controlCode: 'CHG-01',
      title: 'Peer review of every code change',
      frequency: 'per-event',
      monitored: true,
      coverage: 60,
      days: 10,
      exceptions: 2,
    });
    // A control nobody monitors and without evidence: no automated tests, nothing covered.
    const manual = summary.json().items.find((i: { monitored: boolean }) => !i.monitored);
    expect(manual).toMatchObject({ coverage: 0, days: 10 });

    const failing = await alpha()('GET', `/audits/${auditId}/exceptions?kind=failing`, auditor);
    expect(failing.json()).toEqual({
      items: [
        {
          controlCode: 'CHG-01',
          kind: 'failing',
          from: '2026-06-05',
          to: '2026-06-07',
          detail: 'Merged changes were approved by someone other than the author',
        },
      ],
      total: 1,
      nextOffset: null,
    });
    const missing = await alpha()('GET', `/audits/${auditId}/controls/NOPE-99/timeline`, auditor);
    expect(missing.statusCode).toBe(404);
  });

  it('is the same view for the one day of a Type 1 audit', async () => {
    const type1 = await alpha()('POST', '/audits', member, {
      firmName: 'Quick Type 1 LLP',
      reportType: 'type1',
      asOfDate: '2026-06-06',
    });
    const response = await alpha()('GET', `/audits/${type1.json().id}/controls/CHG-01/timeline`, auditor);
    expect(response.json()).toMatchObject({
      period: { from: '2026-06-06', to: '2026-06-06', through: '2026-06-06' },
      days: [{ date: '2026-06-06', tests: 'failed', evidence: 'none' }],
      coverage: 0,
      exceptions: [{ kind: 'failing', from: '2026-06-06', to: '2026-06-06' }],
    });
  });

  it('keeps another organization out', async () => {
    const response = await alpha()('GET', `/audits/${auditId}/timelines`, foreign);
    expect(response.statusCode).toBe(404);
    const other = await h.orgCall('beta')('GET', `/audits/${auditId}/timelines`, foreign);
    expect(other.statusCode).toBe(404);
  });
});

describe(`populations on ${ENGINE}`, () => {
  it('keeps every merged change pushed in the period, with the connection as its source', async () => {
    const response = await alpha()('GET', `/audits/${auditId}/populations/change`, auditor);
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    // #1 was merged before the window; #2 stopped being pushed on the 7th and is still there.
    expect(items.map((i: { externalId: string }) => i.externalId)).toEqual(['acme/api#2', 'acme/api#3']);
    expect(items[0]).toMatchObject({
      occurredAt: '2026-06-05T09:00:00.000Z',
      title: 'Change 2',
      attributes: { author: 'dev', approvals: 0, approvers: '' },
      source: { kind: 'integration', ref: 'GitHub changes', collectedAt: '2026-06-05T10:00:00.000Z' },
    });
    // #3's merge time moved with each push: the item follows, its source is the latest change.
    expect(items[1]).toMatchObject({
      occurredAt: '2026-06-10T08:00:00.000Z',
      source: { collectedAt: '2026-06-10T10:00:00.000Z' },
    });
    // A run that sees nothing new writes nothing to the audit log: days 1, 5, 7, 8, 9 and 10 changed it.
    const log = await alpha()('GET', '/audit-log?action=population.collected', owner);
    expect(
      log
        .json()
        .items.map((e: { occurredAt: string }) => e.occurredAt.slice(0, 10))
        .sort(),
    ).toEqual(['2026-06-01', '2026-06-05', '2026-06-07', '2026-06-08', '2026-06-09', '2026-06-10']);
  });

  it('imports a population from CSV with extra columns as attributes, all or nothing', async () => {
    const good = [
      'id,occurred_at,title,department,manager',
      'E-100,2026-06-02,Ada Lovelace,Engineering,grace@alpha.test',
      'E-101,2026-06-08T14:30:00+02:00,"Hopper, Grace",=cmd(),',
      'E-050,2026-05-02,Before the window,Sales,',
      '',
    ].join('\r\n');
    const imported = await csvImport(member, 'hire', good, 'hires-june.csv');
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({
      kind: 'hire',
      rows: 3,
      changed: 3,
      source: { kind: 'import', ref: 'hires-june.csv', collectedAt: NOW },
    });
    // The same file again changes nothing (its items keep their first import as their source).
    expect((await csvImport(member, 'hire', good, 'hires-june.csv')).json()).toMatchObject({
      rows: 3,
      changed: 0,
    });

    const bad = [
      'id,occurred_at,title',
      'E-102,2026-06-03,Alan Turing',
      'E-103,03/06/2026,Wrong date',
      'E-102,2026-06-04,Twice',
      ',2026-06-04,No id',
    ].join('\n');
    const refused = await csvImport(member, 'hire', bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'the population file was not imported: line 3: occurred_at "03/06/2026" is not a date (YYYY-MM-DD) or an ISO 8601 time with its offset (and 2 more)',
      details: {
        field: 'file',
        problems: [
          { line: 3, message: expect.stringMatching(/^occurred_at/) },
          { line: 4, message: 'the id "E-102" is already on line 2' },
          { line: 5, message: 'the id is empty' },
        ],
      },
    });
    const missingColumn = await csvImport(member, 'hire', 'id,title\nE-1,x\n');
    expect(missingColumn.json().error.message).toMatch(/line 1: the column "occurred_at" is missing/);

    const hires = await alpha()('GET', `/audits/${auditId}/populations/hire`, auditor);
    // Nothing of the refused file landed; the item before the window is not in the audit's population.
    expect(hires.json().items.map((i: { externalId: string }) => i.externalId)).toEqual(['E-100', 'E-101']);
    expect(hires.json().items[1]).toMatchObject({
      occurredAt: '2026-06-08T12:30:00.000Z',
      title: 'Hopper, Grace',
      attributes: { department: '=cmd()', manager: null },
    });
  });

  it('accepts a multipart upload, and refuses a JSON body, an unknown kind and roles that may not', async () => {
    const body = multipart(
      {},
      { name: 'C:\\exports\\leavers.csv', content: 'id,occurred_at,title\nL-1,2026-06-09,Left\n' },
    );
    const upload = await h.server.inject({
      method: 'POST',
      url: '/api/v1/orgs/alpha/populations/leaver/import',
      headers: { ...h.bearer(member), ...body.headers },
      payload: body.payload,
    });
    expect(upload.statusCode, upload.body).toBe(200);
    expect(upload.json().source.ref).toBe('leavers.csv');
    expect((await alpha()('POST', '/populations/hire/import', member, { id: 1 })).statusCode).toBe(415);
    expect((await csvImport(member, 'payroll', 'id,occurred_at,title\n')).statusCode).toBe(400);
    expect((await csvImport(auditor, 'hire', 'id,occurred_at,title\n')).statusCode).toBe(403);
  });

  it('lists every kind with its count in the period and its sources', async () => {
    const response = await alpha()('GET', `/audits/${auditId}/populations`, auditor);
    const byKind = Object.fromEntries(response.json().items.map((p: { kind: string }) => [p.kind, p]));
    expect(Object.keys(byKind)).toEqual([
      'change',
      'hire',
      'leaver',
      'access_review',
      'incident',
      'vendor_review',
    ]);
    expect(byKind.change).toMatchObject({
      label: 'Merged changes',
      count: 2,
      sources: [{ kind: 'integration', ref: 'GitHub changes', count: 2 }],
    });
    expect(byKind.hire).toMatchObject({
      count: 2,
      sources: [{ kind: 'import', ref: 'hires-june.csv', count: 2 }],
    });
    expect(byKind.incident).toEqual({ kind: 'incident', label: 'Incidents', count: 0, sources: [] });
  });
});

describe(`samples on ${ENGINE}`, () => {
  it('draws from a recorded seed, and the same seed over the same population draws the same items', async () => {
    const first = await alpha()('POST', `/audits/${auditId}/samples`, auditor, {
      controlCode: 'HR-01',
      kind: 'hire',
      size: 1,
      seed: SEED,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      controlCode: 'HR-01',
      kind: 'hire',
      seed: SEED,
      size: 1,
      populationCount: 2,
      populationDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      drawnBy: expect.stringMatching(/^token:auditor token:/),
      redrawOf: null,
    });
    expect(first.json().items).toHaveLength(1);
    expect(first.json().items[0].externalId).toBe(first.json().itemIds[0]);

    const again = await alpha()('POST', `/audits/${auditId}/samples`, owner, {
      controlCode: 'HR-01',
      kind: 'hire',
      size: 1,
      seed: SEED,
    });
    expect(again.json().itemIds).toEqual(first.json().itemIds);
    expect(again.json().redrawOf).toEqual({
      sampleId: first.json().id,
      samePopulation: true,
      sameItems: true,
    });

    // Without a seed, a new 128-bit one is drawn and recorded; the size follows the control's frequency.
    const random = await alpha()('POST', `/audits/${auditId}/samples`, auditor, {
      controlCode: 'CHG-01',
      kind: 'change',
    });
    expect(random.json()).toMatchObject({ seed: expect.stringMatching(/^[0-9a-f]{32}$/), size: 2 });
    const listed = await alpha()('GET', `/audits/${auditId}/samples`, viewer);
    expect(listed.json().items.map((s: { id: string }) => s.id)).toEqual([
      first.json().id,
      again.json().id,
      random.json().id,
    ]);
  });

  it('shows when the population changed between a draw and its re-draw', async () => {
    const before = await alpha()('GET', `/audits/${auditId}/samples`, viewer);
    const original = before.json().items[0];
    await csvImport(member, 'hire', 'id,occurred_at,title\nE-104,2026-06-09,Katherine Johnson\n');
    const redraw = await alpha()('POST', `/audits/${auditId}/samples`, auditor, {
      controlCode: 'HR-01',
      kind: 'hire',
      size: 1,
      seed: SEED,
    });
    expect(redraw.json().populationCount).toBe(3);
    expect(redraw.json().populationDigest).not.toBe(original.populationDigest);
    expect(redraw.json().redrawOf).toMatchObject({ sampleId: original.id, samePopulation: false });
  });

  it('refuses a draw by a role that may not, from an empty population, or for an unknown control', async () => {
    const draw = (token: string, body: Record<string, unknown>) =>
      alpha()('POST', `/audits/${auditId}/samples`, token, body);
    expect((await draw(member, { controlCode: 'HR-01', kind: 'hire' })).statusCode).toBe(403);
    expect((await draw(viewer, { controlCode: 'HR-01', kind: 'hire' })).statusCode).toBe(403);
    const empty = await draw(auditor, { controlCode: 'IR-01', kind: 'incident' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/no incidents in the audit period/);
    expect((await draw(auditor, { controlCode: 'NOPE-01', kind: 'hire' })).statusCode).toBe(404);
    expect((await draw(auditor, { controlCode: 'HR-01', kind: 'hire', seed: 'not-hex' })).statusCode).toBe(
      400,
    );
  });

  it('draws with the organization’s own size for the frequency, set by those who manage audits', async () => {
    const guide = await alpha()('GET', '/sampling', auditor);
    expect(guide.json()).toMatchObject({
      guide: { 'per-event': { min: 25, max: 60 }, annual: { min: 1, max: 1 } },
      sizes: {},
      updatedBy: null,
    });
    expect((await alpha()('PUT', '/sampling', auditor, { sizes: { 'per-event': 1 } })).statusCode).toBe(403);
    expect((await alpha()('PUT', '/sampling', member, { sizes: { hourly: 3 } })).statusCode).toBe(400);
    const saved = await alpha()('PUT', '/sampling', member, { sizes: { 'per-event': 1 } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      sizes: { 'per-event': 1 },
      updatedBy: expect.stringMatching(/^token:member/),
    });
    const drawn = await alpha()('POST', `/audits/${auditId}/samples`, auditor, {
      controlCode: 'CHG-01',
      kind: 'change',
    });
    expect(drawn.json().size).toBe(1);
    const log = await alpha()('GET', '/audit-log?action=sampling.updated', owner);
    expect(log.json().items[0]).toMatchObject({ details: { before: {}, after: { 'per-event': 1 } } });
  });
});
