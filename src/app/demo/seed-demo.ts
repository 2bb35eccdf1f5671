import type { TOwnerRole } from '../../domain/catalog-types.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { formatToken } from '../../domain/secret-tokens.ts';
import { recordChange } from '../audit/record-change.ts';
import { updateControl } from '../controls/update-control.ts';
import { addEvidence } from '../evidence/add-evidence.ts';
import { addIntegration } from '../monitoring/add-integration.ts';
import { runIntegration } from '../monitoring/run-integration.ts';
import { createOrganizationIn } from '../organizations/create-organization.ts';
import type { AppDeps, Clock, OrgScope, Repositories, Store, TIntegration, TOrganization } from '../ports.ts';
import { assignOwnerRoles } from '../program/assign-owner-roles.ts';
import { establishProgramIn } from '../program/establish-program.ts';
import { recordReadinessSnapshot } from '../readiness/record-readiness-snapshot.ts';
import { createTask, updateTask } from '../tasks/manage-tasks.ts';
import { csvFile, settingsScreenshot, textPdf } from './demo-files.ts';
import {
  DEMO_COMPONENTS,
  DEMO_DAYS,
  DEMO_EVIDENCE,
  DEMO_INTEGRATIONS,
  DEMO_NAME,
  DEMO_NOT_APPLICABLE,
  DEMO_OWNER_EMAIL,
  DEMO_PEOPLE,
  DEMO_RUN_DAYS,
  DEMO_SLUG,
  DEMO_TASKS,
  IMPLEMENTED_SHARE,
  IN_PROGRESS_SHARE,
  type TDemoEvidence,
} from './demo-story.ts';
import { createSampleCollector, SAMPLE_TYPE } from './sample-collector.ts';
import { seedDemoAccessReviews } from './seed-demo-access-reviews.ts';
import { seedDemoAudit } from './seed-demo-audit.ts';
import { seedDemoPeople } from './seed-demo-people.ts';
import { acceptDemoPolicies, publishDemoPolicies } from './seed-demo-policies.ts';
import { seedDemoPopulations } from './seed-demo-populations.ts';
import { seedDemoPrivacy } from './seed-demo-privacy.ts';
import { seedDemoTrustCenter } from './seed-demo-trust-center.ts';
import { seedDemoVendors } from './seed-demo-vendors.ts';

const DAY_MS = 86_400_000;
const POLICIES_PUBLISHED_ON = 42;
/** Who accepted the published policies, and when (employees first; one employee has not yet). */
const POLICY_READERS = [
  { key: 'employee1', day: 44 },
  { key: 'engineering', day: 45 },
  { key: 'it', day: 48 },
  { key: 'hr', day: 53 },
];

export interface TDemoSeedResult {
  org: TOrganization;
  ownerEmail: string;
  controls: { implemented: number; inProgress: number; notApplicable: number; notStarted: number };
  evidence: number;
  tasks: number;
  runs: number;
  snapshots: number;
  /** Policies published, and acceptances recorded. */
  policies: { published: number; accepted: number };
}

/**
 * A clock that replays the past: each simulated day starts at the same hour, and every reading moves it on
 * a few seconds, so the audit log reads in order. The last day is the seed's own today.
 */
function simulatedClock(today: Date) {
  const midnight = Date.parse(`${toIsoDate(today)}T00:00:00Z`);
  const dayStart = (day: number) => {
    const at = midnight - (DEMO_DAYS - day) * DAY_MS + 9 * 3_600_000;
    // Today starts early enough to stay before the real now (and on today's date).
    return day === DEMO_DAYS ? Math.max(midnight, Math.min(at, today.getTime() - 30 * 60_000)) : at;
  };
  let current = new Date(dayStart(0));
  const clock: Clock = {
    now: () => {
      const at = current;
      current = new Date(current.getTime() + 2_000);
      return at;
    },
  };
  return {
    clock,
    startDay: (day: number) => {
      current = new Date(dayStart(day));
    },
    dateOf: (day: number) => toIsoDate(new Date(dayStart(day))),
  };
}

/** Controls in a stable but unremarkable order: a seeded shuffle, so every demo looks the same. */
function shuffled<T>(items: T[], seed = 20260115): T[] {
  const out = [...items];
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

type TControlEvent = { day: number; code: string; status: 'in_progress' | 'implemented' };

/** Which controls move when: evidence-backed ones are implemented the day their evidence lands. */
function planControls(codes: string[]): { events: TControlEvent[]; implemented: number; inProgress: number } {
  const na = new Set(DEMO_NOT_APPLICABLE.map((n) => n.code));
  const evidenceDay = new Map<string, number>();
  for (const e of DEMO_EVIDENCE)
    for (const c of e.controls) evidenceDay.set(c, Math.min(evidenceDay.get(c) ?? 99, e.day));
  const openTaskControls = new Set(
    DEMO_TASKS.filter((t) => !t.moves?.some(([, s]) => s === 'done')).flatMap((t) =>
      t.control ? [t.control] : [],
    ),
  );
  const candidates = codes.filter((c) => !na.has(c));
  const first = candidates.filter((c) => evidenceDay.has(c) && !openTaskControls.has(c));
  const last = candidates.filter((c) => openTaskControls.has(c));
  const middle = shuffled(candidates.filter((c) => !first.includes(c) && !last.includes(c)));
  const order = [...first, ...middle, ...last];
  const implemented = Math.round(codes.length * IMPLEMENTED_SHARE);
  const inProgress = Math.round(codes.length * IN_PROGRESS_SHARE);
  const events: TControlEvent[] = [];
  order.slice(0, implemented).forEach((code, i) => {
    const done = evidenceDay.get(code) ?? 2 + Math.floor((i * (DEMO_DAYS - 4)) / implemented);
    // Some were worked on for a while first; the others were already in place and only confirmed.
    if (evidenceDay.has(code) || i % 3 === 0)
      events.push({ day: Math.max(1, done - 2 - (i % 5)), code, status: 'in_progress' });
    events.push({ day: done, code, status: 'implemented' });
  });
  order.slice(implemented, implemented + inProgress).forEach((code, i) => {
    events.push({ day: 20 + Math.floor((i * (DEMO_DAYS - 21)) / inProgress), code, status: 'in_progress' });
  });
  return { events, implemented, inProgress };
}

async function evidenceFile(e: TDemoEvidence, at: Date): Promise<Uint8Array> {
  if (e.kind === 'png') return settingsScreenshot(e.switches ?? [true]);
  if (e.kind === 'csv') return csvFile(e.header ?? [], e.rows ?? []);
  return textPdf(e.title, e.lines ?? [], at);
}

/**
 * Seeds the demo organization (slug "demo"): its people, a Type 2 program ten weeks into its observation
 * window, controls being implemented, evidence, tasks, two sample integrations run over the weeks, and a
 * readiness snapshot for every day. Everything goes through the use-cases (so the audit log tells the
 * story), with a clock that walks from the window's start to today, inside one transaction: on any error
 * nothing is left behind. Refuses with CONFLICT when the organization exists.
 */
export async function seedDemo(
  deps: AppDeps,
  options: { progress?: (line: string) => void } = {},
): Promise<TDemoSeedResult> {
  const progress = options.progress ?? (() => undefined);
  const conflict = () =>
    new AttestlyError('CONFLICT', `the demo organization (slug "${DEMO_SLUG}") already exists`);
  if (await deps.store.repos.organizations.findBySlug(DEMO_SLUG)) throw conflict();
  const today = deps.clock.now();
  // A password nobody knows: the demo owner signs in with a one-time link.
  const ownerPasswordHash = await deps.passwords.hash(formatToken('demo', deps.randomBytes(24)));
  const sim = simulatedClock(today);

  return deps.store.transaction(async (repos) => {
    if (await repos.organizations.findBySlug(DEMO_SLUG)) throw conflict();
    // Every use-case below runs inside this one transaction.
    const store: Store = { repos, transaction: (fn) => fn(repos) };
    const sampleCollector = createSampleCollector(
      () => sim.clock.now(),
      () => {
        const at = sim.clock.now();
        return {
          anchor: today,
          daysBefore: Math.max(0, Math.round((today.getTime() - at.getTime()) / DAY_MS)),
        };
      },
    );
    const base: AppDeps = {
      ...deps,
      store,
      clock: sim.clock,
      mailer: { delivers: false, send: async () => undefined },
      monitoring: {
        ...deps.monitoring,
        collectors: new Map([...deps.monitoring.collectors, [SAMPLE_TYPE, sampleCollector]]),
      },
    };
    const as = (email: string): AppDeps => ({
      ...base,
      actor: { type: 'user', id: email, requestId: null, sourceAddress: null },
    });
    const owner = as(DEMO_OWNER_EMAIL);
    const emailOf = (key: string) => DEMO_PEOPLE.find((p) => p.key === key)?.email ?? DEMO_OWNER_EMAIL;
    const byOwnerRole = (role: TOwnerRole) =>
      DEMO_PEOPLE.find((p) => p.ownerRole === role)?.email ?? DEMO_OWNER_EMAIL;

    // Day 0: the organization, its people and its program.
    sim.startDay(0);
    progress('creating the organization, its people and its SOC 2 program');
    const { org, scope } = await createOrganizationIn(repos, owner, {
      name: DEMO_NAME,
      slug: DEMO_SLUG,
      owner: { email: DEMO_OWNER_EMAIL },
    });
    const ownerUser = await repos.users.findByEmail(DEMO_OWNER_EMAIL);
    if (!ownerUser) throw new AttestlyError('INTERNAL', 'the demo owner was not created');
    await repos.users.setPasswordHash(ownerUser.id, ownerPasswordHash);
    const userIds = new Map<string, string>();
    for (const person of DEMO_PEOPLE) {
      const id = await addMember(repos, owner, scope, person.email, person.role);
      userIds.set(person.key, id);
    }
    const windowStart = sim.dateOf(0);
    const windowEnd = toIsoDate(new Date(Date.parse(`${windowStart}T00:00:00Z`) + 181 * DAY_MS));
    await establishProgramIn(repos, owner, org, scope, {
      reportType: 'type2',
      windowStart,
      windowEnd,
      categories: ['availability', 'confidentiality'],
      componentKinds: [],
      components: DEMO_COMPONENTS,
    });
    await assignOwnerRoles(
      owner,
      scope,
      Object.fromEntries(
        DEMO_PEOPLE.flatMap((p) => (p.ownerRole ? [[p.ownerRole, userIds.get(p.key) ?? null]] : [])).concat([
          ['leadership', ownerUser.id],
        ]),
      ),
    );

    const controls = await repos.controls.list(scope);
    const ownerRoleOf = new Map(controls.map((c) => [c.code, c.ownerRole]));
    const plan = planControls(controls.map((c) => c.code));
    const taskIds = new Map<string, { id: string; version: number }>();
    const integrations: TIntegration[] = [];
    let evidence = 0;
    let publishedPolicies: string[] = [];
    let accepted = 0;
    let runs = 0;

    for (let day = 0; day <= DEMO_DAYS; day++) {
      sim.startDay(day);
      // updateControl, addEvidence and runIntegration record the day's readiness snapshot themselves.
      let recorded = false;
      if (day % 7 === 0) progress(`replaying week ${day / 7 + 1} of ${Math.ceil((DEMO_DAYS + 1) / 7)}`);
      if (day === 1) {
        for (const na of DEMO_NOT_APPLICABLE) {
          await updateControl(as(emailOf('security')), scope, na.code, { notApplicableReason: na.reason });
          recorded = true;
        }
      }
      for (const event of plan.events.filter((e) => e.day === day && e.status === 'in_progress')) {
        await updateControl(as(byOwnerRole(ownerRoleOf.get(event.code) ?? 'security')), scope, event.code, {
          status: event.status,
        });
        recorded = true;
      }
      for (const e of DEMO_EVIDENCE.filter((e) => e.day === day)) {
        const at = sim.clock.now();
        await addEvidence(as(emailOf(e.by)), scope, {
          bytes: await evidenceFile(e, at),
          fileName: e.fileName,
          title: e.title,
          controlCodes: e.controls,
          validFrom: sim.dateOf(day),
          ...(e.validForDays !== undefined
            ? { validUntil: toIsoDate(new Date(today.getTime() + e.validForDays * DAY_MS)) }
            : {}),
        });
        evidence++;
        recorded = true;
      }
      for (const event of plan.events.filter((e) => e.day === day && e.status === 'implemented')) {
        await updateControl(as(byOwnerRole(ownerRoleOf.get(event.code) ?? 'security')), scope, event.code, {
          status: event.status,
        });
        recorded = true;
      }
      for (const t of DEMO_TASKS.filter((t) => t.day === day)) {
        const task = await createTask(as(emailOf('security')), scope, {
          title: t.title,
          description: t.description,
          controlCode: t.control ?? null,
          criterionId: t.criterion ?? null,
          assigneeEmail: emailOf(t.assignee),
          dueDate:
            t.dueInDays !== undefined ? toIsoDate(new Date(today.getTime() + t.dueInDays * DAY_MS)) : null,
        });
        taskIds.set(t.title, { id: task.id, version: task.version ?? 1 });
      }
      for (const t of DEMO_TASKS) {
        for (const [moveDay, status] of t.moves ?? []) {
          const task = taskIds.get(t.title);
          if (moveDay !== day || !task) continue;
          await updateTask(as(emailOf(t.assignee)), scope, task.id, task.version, { status });
          task.version++;
        }
      }
      for (const i of DEMO_INTEGRATIONS.filter((i) => i.connectedOn === day)) {
        integrations.push(
          await addIntegration(as(emailOf('security')), scope, {
            type: SAMPLE_TYPE,
            name: i.name,
            config: { dataset: i.dataset },
            scheduleMinutes: 24 * 60,
          }),
        );
      }
      if (DEMO_RUN_DAYS.includes(day)) {
        for (const integration of integrations) {
          const current = await repos.monitoring.findIntegration(scope, integration.id);
          await runIntegration(
            { ...base, actor: { type: 'system', id: 'scheduler', requestId: null, sourceAddress: null } },
            scope,
            current ?? integration,
          );
          runs++;
          recorded = true;
        }
      }
      await seedDemoAccessReviews(as, scope, day, {
        emailOf,
        userIdOf: (key) => userIds.get(key) ?? null,
      });
      if (day === POLICIES_PUBLISHED_ON) {
        publishedPolicies = await publishDemoPolicies(base, scope);
      }
      const reader = POLICY_READERS.findIndex((r) => r.day === day);
      if (reader >= 0 && publishedPolicies.length > 0) {
        accepted += await acceptDemoPolicies(
          base,
          scope,
          publishedPolicies,
          emailOf(POLICY_READERS[reader]?.key ?? ''),
        );
      }
      if (!recorded) await recordReadinessSnapshot(base, scope);
    }
    await seedDemoTrustCenter(owner, org, scope, publishedPolicies);
    progress('importing the personnel register and its checklists');
    await seedDemoPeople(base, scope, emailOf('hr'));
    await seedDemoPrivacy(as(emailOf('security')), scope, emailOf('security'));
    await seedDemoVendors(as(emailOf('security')), scope, emailOf('security'));
    await seedDemoAudit(owner, as(emailOf('auditor')), scope);
    await seedDemoPopulations(owner, as(emailOf('auditor')), scope);
    await recordChange(
      repos,
      scope,
      owner,
      'demo.seeded',
      { type: 'organization', id: org.id },
      {
        days: DEMO_DAYS,
      },
    );

    const final = await repos.controls.list(scope);
    const count = (status: string) => final.filter((c) => c.status === status).length;
    return {
      org,
      ownerEmail: DEMO_OWNER_EMAIL,
      controls: {
        implemented: count('implemented'),
        inProgress: count('in_progress'),
        notApplicable: count('not_applicable'),
        notStarted: count('not_started'),
      },
      evidence,
      tasks: taskIds.size,
      runs,
      snapshots: (await repos.readinessSnapshots.listSince(scope, windowStart)).length,
      policies: { published: publishedPolicies.length, accepted },
    };
  });
}

/** Adds a demo person as a member, as an owner adding them directly would, and logs it. */
async function addMember(
  repos: Repositories,
  deps: Pick<AppDeps, 'newId' | 'clock' | 'actor'>,
  scope: OrgScope,
  email: string,
  role: (typeof DEMO_PEOPLE)[number]['role'],
): Promise<string> {
  const existing = await repos.users.findByEmail(email);
  const id = existing?.id ?? deps.newId();
  if (!existing) await repos.users.create({ id, email });
  await repos.memberships.add(scope, id, role);
  await recordChange(repos, scope, deps, 'membership.added', { type: 'user', id }, { email, role });
  return id;
}
