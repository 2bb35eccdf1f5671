import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { rejectionOf } from '../../../test/support/errors.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { verifyAuditLog } from '../audit/verify-audit-log.ts';
import { auditRange, controlTimelines } from '../audits/control-timelines.ts';
import { createSetupToken } from '../auth/setup.ts';
import { addIntegration } from '../monitoring/add-integration.ts';
import { createOrganizationIn } from '../organizations/create-organization.ts';
import { type OrgScope, scopeOf } from '../ports.ts';
import { getPublicTrustCenter } from '../trust-center/get-public-trust-center.ts';
import { countUsersBesideDemo } from './count-users-beside-demo.ts';
import { DEMO_OWNER_EMAIL, DEMO_PEOPLE } from './demo-story.ts';
import { seedDemo, type TDemoSeedResult } from './seed-demo.ts';

const NOW = new Date('2026-06-15T14:00:00Z');
const DAY = 86_400_000;
const today = toIsoDate(NOW);
const inDays = (days: number) => toIsoDate(new Date(NOW.getTime() + days * DAY));

let app: Awaited<ReturnType<typeof testApp>>;
let result: TDemoSeedResult;
let scope: OrgScope;
let seconds: number;
let cpuSeconds: number;
const progress: string[] = [];

beforeAll(async () => {
  app = await testApp(NOW);
  const started = performance.now();
  const cpu = process.cpuUsage();
  result = await seedDemo(app.deps, { progress: (line) => progress.push(line) });
  seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  cpuSeconds = (used.user + used.system) / 1e6;
  scope = scopeOf(result.org);
}, 180_000);
afterAll(() => app.close());

describe('seedDemo', () => {
  it('creates the demo organization with its owner and the people of every owner role', async () => {
    expect(result.org).toMatchObject({ slug: 'demo', name: 'Demo Cloud Inc.' });
    const members = await app.deps.store.repos.memberships.list(scope);
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual(
      [[DEMO_OWNER_EMAIL, 'owner'], ...DEMO_PEOPLE.map((p) => [p.email, p.role])].sort(),
    );
    // The owner has a password nobody knows; signing in goes through a one-time demo link.
    const owner = await app.deps.store.repos.users.findAuthByEmail(DEMO_OWNER_EMAIL);
    expect(owner?.passwordHash).toBeTruthy();
    expect(progress.length).toBeGreaterThan(5);
    console.info(`demo seeded in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s of CPU)`);
  });

  it('sets up a Type 2 program ten weeks into a six-month window, three categories, all five components', async () => {
    const program = await app.deps.store.repos.programs.find(scope);
    expect(program).toMatchObject({
      reportType: 'type2',
      window: { start: inDays(-70) },
      categories: ['security', 'availability', 'confidentiality'],
      componentKinds: ['infrastructure', 'software', 'data', 'people', 'procedures'],
    });
    expect(program?.window?.end && program.window.end > inDays(100)).toBe(true);
  });

  it('has implemented, in-progress, not-started and two not-applicable controls, with reasons', async () => {
    const controls = await app.deps.store.repos.controls.list(scope);
    const share = (status: string) => controls.filter((c) => c.status === status).length / controls.length;
    expect(share('implemented')).toBeGreaterThan(0.5);
    expect(share('implemented')).toBeLessThan(0.6);
    expect(share('in_progress')).toBeGreaterThan(0.1);
    expect(share('not_started')).toBeGreaterThan(0.1);
    const na = controls.filter((c) => c.status === 'not_applicable');
    expect(na.map((c) => c.code).sort()).toEqual(['PHY-01', 'PHY-02']);
    expect(na.every((c) => (c.notApplicableReason ?? '').length > 10)).toBe(true);
    expect(controls.every((c) => c.ownerEmail !== null)).toBe(true);
  });

  it('has evidence files linked to controls, some expiring within 30 days and one expired', async () => {
    const evidence = await app.deps.store.repos.evidence.list(scope);
    expect(evidence.length).toBeGreaterThanOrEqual(12);
    expect(new Set(evidence.map((e) => e.mediaType))).toEqual(
      new Set(['image/png', 'application/pdf', 'text/csv']),
    );
    expect(evidence.every((e) => e.controlCodes.length > 0)).toBe(true);
    const expiring = evidence.filter(
      (e) => e.validUntil && e.validUntil >= today && e.validUntil <= inDays(30),
    );
    const expired = evidence.filter((e) => e.validUntil && e.validUntil < today);
    expect(expiring.length).toBeGreaterThanOrEqual(3);
    expect(expired.map((e) => e.fileName)).toEqual(['penetration-test-summary.pdf']);
    // Real files: a PNG and a PDF that start as they should.
    const png = evidence.find((e) => e.mediaType === 'image/png');
    const pdf = evidence.find((e) => e.mediaType === 'application/pdf');
    expect(
      Buffer.from(await app.deps.blobs.get(png?.blobKey ?? ''))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(
      Buffer.from(await app.deps.blobs.get(pdf?.blobKey ?? ''))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // Collected over the weeks, not all at once.
    expect(new Set(evidence.map((e) => toIsoDate(e.collectedAt))).size).toBeGreaterThan(10);
  });

  it('has tasks in all three statuses, some overdue', async () => {
    const tasks = await app.deps.store.repos.tasks.list(scope);
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(['todo', 'in_progress', 'done']));
    const overdue = tasks.filter((t) => t.status !== 'done' && t.dueDate !== null && t.dueDate < today);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    expect(tasks.every((t) => t.assigneeUserId !== null)).toBe(true);
  });

  it('runs the sample integrations over the weeks: passing and failing tests, with transitions', async () => {
    const all = await app.deps.store.repos.monitoring.listIntegrations(scope);
    // The People integration judges the personnel register (seed-demo-people.ts); the others replay samples.
    expect(all.map((i) => [i.type, i.status]).sort()).toEqual([
      ['people', 'ok'],
      ['sample', 'ok'],
      ['sample', 'ok'],
    ]);
    const integrations = all.filter((i) => i.type === 'sample');
    // The scheduler's next run is in the future, with the replaying collector: no call to a provider.
    expect(integrations.every((i) => i.nextRunAt > NOW)).toBe(true);
    const states = await app.deps.store.repos.monitoring.states(scope);
    expect(states.some((s) => s.status === 'pass')).toBe(true);
    expect(states.some((s) => s.status === 'fail')).toBe(true);
    const runs = (
      await Promise.all(integrations.map((i) => app.deps.store.repos.monitoring.listRuns(scope, i.id, 100)))
    ).flat();
    expect(runs.length).toBeGreaterThanOrEqual(16);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    // Later runs found changes (a leaver, a fixed session policy): history, not one flat snapshot.
    expect(runs.filter((r) => r.transitions > 0).length).toBeGreaterThanOrEqual(3);
    const days = new Set(runs.map((r) => toIsoDate(r.startedAt)));
    expect(days.has(today)).toBe(true);
    expect(days.has(inDays(-63))).toBe(true);
  });

  it('records a readiness snapshot for every day of ten weeks, improving over time', async () => {
    const snapshots = await app.deps.store.repos.readinessSnapshots.listSince(scope, inDays(-80));
    expect(snapshots.length).toBe(71);
    expect(snapshots[0]?.day).toBe(inDays(-70));
    expect(snapshots.at(-1)?.day).toBe(today);
    expect(snapshots.at(-1)?.overall ?? 0).toBeGreaterThan(snapshots[0]?.overall ?? 100);
  });

  it('publishes a few policies that some people accepted', () => {
    expect(result.policies.published).toBeGreaterThanOrEqual(3);
    expect(result.policies.accepted).toBeGreaterThan(result.policies.published);
  });

  it('publishes a trust center at /trust/demo: areas in several states, policies, a gated document', async () => {
    const trust = await getPublicTrustCenter(app.deps, 'demo');
    expect(trust?.program).toMatchObject({ reportType: 'type2', status: 'audit_in_progress' });
    expect(trust?.areas.find((a) => a.title === 'Identity and access')?.state).toBe('monitored');
    expect(new Set(trust?.areas.map((a) => a.state))).toEqual(
      new Set(['monitored', 'in_place', 'in_progress']),
    );
    expect(trust?.policies).toHaveLength(3);
    expect(trust?.documents).toEqual([
      expect.objectContaining({
        kind: 'penetration_test',
        access: 'gated',
        title: 'Penetration test summary',
      }),
    ]);
    expect(trust?.subprocessors.length).toBeGreaterThan(2);
  });

  it('has a personnel register with a contractor and two leavers, one still active in Okta', async () => {
    const people = await app.deps.store.repos.people.list(scope);
    expect(people.length).toBeGreaterThanOrEqual(15);
    expect(people.filter((p) => p.type === 'contractor')).toHaveLength(1);
    expect(people.filter((p) => p.endDate !== null).map((p) => p.email)).toEqual([
      'chris.morgan@attestly.local',
      'jamie.fox@attestly.local',
    ]);
    const states = (await app.deps.store.repos.monitoring.states(scope)).filter(
      (s) => s.resourceType === 'people.person',
    );
    const result = (test: string, name: string) =>
      states.find((s) => s.testId === test && s.resourceName.startsWith(name))?.status;
    expect(result('people.access_removed', 'Chris Morgan')).toBe('fail');
    expect(result('people.access_removed', 'Jamie Fox')).toBe('pass');
    expect(result('people.background_check', 'Lee Nguyen')).toBe('pass');
    expect(states.filter((s) => s.status === 'pass').length).toBeGreaterThan(
      states.filter((s) => s.status === 'fail').length,
    );
  });

  it('tells its story in a valid audit log, in time order, by the demo people', async () => {
    const chain = await app.deps.store.repos.auditLog.chain(scope);
    expect((await verifyAuditLog(app.deps, scope)).ok).toBe(true);
    const times = chain.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBeLessThanOrEqual(NOW.getTime());
    const actors = new Set(chain.map((e) => e.actor));
    const people = new Set([DEMO_OWNER_EMAIL, 'scheduler', ...DEMO_PEOPLE.map((p) => p.email)]);
    expect([...actors].filter((a) => !people.has(a))).toEqual([]);
    expect(actors.size).toBeGreaterThanOrEqual(7);
    const actions = new Set(chain.map((e) => e.action));
    for (const action of [
      'control.updated',
      'evidence.added',
      'task.updated',
      'integration.run',
      'demo.seeded',
    ])
      expect(actions).toContain(action);
  });

  it('refuses to seed twice with CONFLICT, leaving the first demo as it was', async () => {
    const before = (await app.deps.store.repos.auditLog.chain(scope)).length;
    const error = await rejectionOf(seedDemo(app.deps));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/demo/);
    expect((await app.deps.store.repos.auditLog.chain(scope)).length).toBe(before);
  });

  it('has a completed access review of the directory and one of the code host in progress', async () => {
    const reviews = await app.deps.store.repos.accessReviews.listCampaigns(scope);
    expect(
      reviews.map((r) => [r.systemName, r.status, r.accounts, r.progress.decided, r.progress.revoked]),
    ).toEqual([
      ['GitHub (sample)', 'in_progress', 4, 2, 0],
      ['Okta (sample)', 'completed', 9, 9, 1],
    ]);
    const evidence = await app.deps.store.repos.evidence.list(scope);
    expect(evidence.find((e) => e.id === reviews[1]?.evidenceId)?.controlCodes).toEqual(['AC-08']);
    const revoked = (await app.deps.store.repos.accessReviews.listItems(scope, reviews[1]?.id ?? '')).find(
      (i) => i.decision === 'revoke',
    );
    // Still in the sample, but its removal is not due before today: awaiting removal, not flagged.
    expect(revoked).toMatchObject({ name: 'test.user@democloud.example', verification: 'pending' });
  });

  it('gives the audit timelines with exceptions, populations of changes and people, and a first sample', async () => {
    const [audit] = await app.deps.store.repos.audits.list(scope);
    if (!audit) throw new Error('the demo has no audit');
    const timelines = await controlTimelines(app.deps, scope, audit);
    const chg01 = timelines.find((t) => t.controlCode === 'CHG-01');
    // GitHub was connected on day 10, and branch rules (and a hotfix merged without review) fail.
    expect(chg01?.days).toHaveLength(71);
    expect(chg01?.exceptions.map((e) => e.kind)).toEqual(['unmonitored', 'failing']);
    const kinds = new Set(timelines.flatMap((t) => t.exceptions.map((e) => e.kind)));
    expect(kinds).toEqual(new Set(['unmonitored', 'failing', 'evidence_expired', 'review_missing']));
    expect(Math.max(...timelines.map((t) => t.coverage))).toBeGreaterThan(80);
    const range = auditRange(audit);
    const changes = await app.deps.store.repos.populations.list(scope, 'change', range);
    expect(changes.length).toBeGreaterThan(40);
    expect(changes.every((c) => c.source.kind === 'integration' && c.source.ref === 'GitHub (sample)')).toBe(
      true,
    );
    expect((await app.deps.store.repos.populations.list(scope, 'hire', range)).length).toBeGreaterThan(0);
    expect((await app.deps.store.repos.populations.list(scope, 'leaver', range)).length).toBeGreaterThan(0);
    const [sample] = await app.deps.store.repos.samples.list(scope, audit.id);
    expect(sample).toMatchObject({ controlCode: 'CHG-01', kind: 'change', populationCount: changes.length });
    expect(sample?.size).toBe(sample?.itemIds.length);
  });

  it('does not count the demo people as users for the first-run setup link', async () => {
    expect(await app.deps.store.repos.users.count()).toBe(DEMO_PEOPLE.length + 1);
    expect(await countUsersBesideDemo(app.deps.store.repos)).toBe(0);
    expect(await createSetupToken(app.deps)).toMatch(/^atlu_/);
  });
});

describe('the sample integration', () => {
  it('connects only to the demo organization', async () => {
    const acme = await app.deps.store.transaction((repos) =>
      createOrganizationIn(repos, app.deps, { name: 'Acme Sample Check' }),
    );
    const refused = await rejectionOf(
      addIntegration(app.deps, acme.scope, {
        type: 'sample',
        name: 'fake',
        config: { dataset: 'okta-directory' },
      }),
    );
    expect(refused).toMatchObject({ code: 'INVALID_INPUT' });
    expect(refused.message).toMatch(/only for the demo organization/);
    const added = await addIntegration(app.deps, scope, {
      type: 'sample',
      name: 'another sample',
      config: { dataset: 'okta-directory' },
    });
    expect(added.type).toBe('sample');
  });
});
