import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { ENGINE } from '../../../test/support/database.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { pushResources } from '../monitoring/push-resources.ts';
import { scopeOf } from '../ports.ts';
import { initProgram } from '../program/init-program.ts';
import { completeTraining } from './complete-training.ts';
import { getPerson } from './get-person.ts';
import { importPeople } from './import-people.ts';
import { importTraining } from './import-training.ts';
import { listPeople } from './list-people.ts';
import { markChecklistItem } from './mark-checklist-item.ts';
import { recordBackgroundCheck } from './record-background-check.ts';
import { refreshDuePeople } from './refresh-due-people.ts';
import { refreshPeople } from './refresh-people.ts';
import { updatePerson } from './update-person.ts';

// The personnel register end to end over the real database: an HR import (atomic, re-importable), the
// identity providers' accounts matched to people, and the people tests judging each checklist as a run of
// the organization's People integration.

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

const HR = [
  'email,name,type,department,title,manager_email,start_date,end_date,in_scope',
  'ana@acme.test,Ana Lima,employee,Engineering,Engineer,,2026-01-05,,true',
  'chris@acme.test,Chris Morgan,employee,Sales,Account executive,ana@acme.test,2025-02-03,2026-05-29,true',
  'raj@acme.test,Raj Mehta,contractor,Design,,,2026-06-01,,true',
].join('\n');

function oktaUser(login: string, status: string) {
  return {
    id: `00u-${login}`,
    name: login,
    attributes: {
      login,
      email: login,
      displayName: null,
      status,
      created: '2025-01-10T09:00:00.000Z',
      activated: '2025-01-10T09:00:00.000Z',
      lastLogin: null,
      passwordChanged: null,
      factors: [],
      adminRoles: [],
      superAdmin: false,
      groups: [],
      terminationDate: null,
    },
  };
}

function ldapAccount(uid: string, locked: boolean) {
  return {
    id: `uid=${uid},ou=people,dc=acme,dc=test`,
    name: uid,
    attributes: {
      dn: `uid=${uid},ou=people,dc=acme,dc=test`,
      uid,
      shadowExpire: null,
      pwdAccountLockedTime: locked ? '000001010000Z' : null,
      groups: [],
      privilegedGroups: [],
      passwordSchemes: ['{SSHA512}'],
    },
  };
}

async function setup() {
  const app = await testApp(new Date('2026-06-15T09:00:00Z'));
  close = app.close;
  const { org } = await initProgram(app.deps, {
    name: 'Acme',
    reportType: 'type1',
    asOf: '2026-12-31',
    categories: [],
    componentKinds: ['software'],
    components: [],
  });
  const scope = scopeOf(org);
  const state = async (testId: string, email: string) => {
    const person = await app.deps.store.repos.people.findByEmail(scope, email);
    return (await app.deps.store.repos.monitoring.states(scope)).find(
      (s) => s.testId === testId && s.resourceId === person?.id,
    );
  };
  return { ...app, scope, state };
}

describe(`people on ${ENGINE}`, () => {
  it('imports an HR file, reports what changed on a re-import, and feeds hires and leavers', async () => {
    const t = await setup();
    expect(await importPeople(t.deps, t.scope, HR)).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const edited = HR.replace('Sales,Account executive', 'Sales,Sales lead');
    expect(await importPeople(t.deps, t.scope, edited)).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const chris = await t.deps.store.repos.people.findByEmail(t.scope, 'chris@acme.test');
    expect(chris).toMatchObject({ title: 'Sales lead', source: 'hr_csv', version: 2, endDate: '2026-05-29' });
    const range = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-12-31T00:00:00Z') };
    expect((await t.deps.store.repos.populations.list(t.scope, 'hire', range)).map((i) => i.title)).toEqual([
      'Chris Morgan <chris@acme.test>',
      'Ana Lima <ana@acme.test>',
      'Raj Mehta <raj@acme.test>',
    ]);
    expect(
      (await t.deps.store.repos.populations.list(t.scope, 'leaver', range)).map((i) => i.externalId),
    ).toEqual([chris?.id]);
    expect((await listPeople(t.deps, t.scope, 'leavers')).map((r) => r.person.email)).toEqual([
      'chris@acme.test',
    ]);
    expect((await listPeople(t.deps, t.scope, 'contractors')).map((r) => r.person.email)).toEqual([
      'raj@acme.test',
    ]);
  });

  it('imports nothing from a file with one bad row, naming its line', async () => {
    const t = await setup();
    const bad = `${HR}\nbo@acme.test,Bo,employee,,,,2026-13-01,,true`;
    const error = await importPeople(t.deps, t.scope, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttestlyError);
    expect((error as AttestlyError).details?.problems).toEqual([
      {
        line: 5,
        field: 'start_date',
        message: 'start_date "2026-13-01" is not a real date in the form YYYY-MM-DD',
      },
    ]);
    expect(await t.deps.store.repos.people.list(t.scope)).toEqual([]);
  });

  it('fails the offboarding test while a leaver is active in Okta or LDAP, and passes once removed', async () => {
    const t = await setup();
    await pushResources(t.deps, t.scope, {
      integration: 'Okta',
      resourceType: 'idp.user',
      resources: [
        oktaUser('chris@acme.test', 'ACTIVE'),
        oktaUser('ana@acme.test', 'ACTIVE'),
        oktaUser('new.hire@acme.test', 'ACTIVE'),
      ],
    });
    t.clock.advanceMinutes(1);
    await pushResources(t.deps, t.scope, {
      integration: 'Directory',
      resourceType: 'ldap.account',
      resources: [ldapAccount('chris', false)],
    });
    t.clock.advanceMinutes(1);
    await importPeople(t.deps, t.scope, HR);

    // An active Okta account nobody in the register has becomes a person, synced from Okta.
    expect(await t.deps.store.repos.people.findByEmail(t.scope, 'new.hire@acme.test')).toMatchObject({
      source: 'integration',
      sourceIntegration: 'Okta',
      startDate: '2025-01-10',
    });
    const failing = await t.state('people.access_removed', 'chris@acme.test');
    expect(failing).toMatchObject({ status: 'fail', resourceType: 'people.person' });
    expect(failing?.reason).toMatch(
      /still active: Directory chris \(active\), Okta chris@acme\.test \(ACTIVE\)/,
    );
    expect((await t.state('people.access_removed', 'ana@acme.test'))?.status).toBe('not_applicable');

    t.clock.advanceMinutes(1);
    await pushResources(t.deps, t.scope, {
      integration: 'Okta',
      resourceType: 'idp.user',
      resources: [oktaUser('chris@acme.test', 'DEPROVISIONED'), oktaUser('ana@acme.test', 'ACTIVE')],
    });
    t.clock.advanceMinutes(1);
    await refreshPeople(t.deps, t.scope);
    const chrisId = (await t.deps.store.repos.people.findByEmail(t.scope, 'chris@acme.test'))?.id ?? '';
    const half = await getPerson(t.deps, t.scope, chrisId);
    expect(half.checklist.find((i) => i.kind === 'access_removed')).toMatchObject({
      state: 'overdue',
      detail: 'still active: Directory chris (active)',
    });
    expect((await t.state('people.access_removed', 'chris@acme.test'))?.status).toBe('fail');

    t.clock.advanceMinutes(1);
    await pushResources(t.deps, t.scope, {
      integration: 'Directory',
      resourceType: 'ldap.account',
      resources: [ldapAccount('chris', true)],
    });
    t.clock.advanceMinutes(1);
    await refreshPeople(t.deps, t.scope);
    expect(await t.state('people.access_removed', 'chris@acme.test')).toMatchObject({
      status: 'pass',
      reason: expect.stringMatching(/no active account in Directory, Okta/),
    });
    const chris = await t.deps.store.repos.people.findByEmail(t.scope, 'chris@acme.test');
    const detail = await getPerson(t.deps, t.scope, chris?.id ?? '');
    expect(detail.accounts.map((a) => [a.system, a.accountName, a.status, a.active])).toEqual([
      ['Directory', 'chris', 'locked by an administrator (pwdAccountLockedTime)', false],
      ['Okta', 'chris@acme.test', 'DEPROVISIONED', false],
    ]);
  });

  it('fails overdue onboarding items and passes them once recorded', async () => {
    const t = await setup();
    await importPeople(t.deps, t.scope, HR);
    const ana = await t.deps.store.repos.people.findByEmail(t.scope, 'ana@acme.test');
    if (!ana) throw new Error('no ana');
    for (const test of ['background_check', 'security_training', 'device_enrolled'])
      expect((await t.state(`people.${test}`, 'ana@acme.test'))?.status, test).toBe('fail');
    // Nothing is published yet: there is no policy to accept.
    expect((await t.state('people.policies_accepted', 'ana@acme.test'))?.status).toBe('not_applicable');
    // Raj starts in the future: nothing is asked of him yet.
    expect((await t.state('people.background_check', 'raj@acme.test'))?.status).toBe('not_applicable');

    await recordBackgroundCheck(t.deps, t.scope, ana.id, ana.version, {
      status: 'completed',
      date: '2026-01-02',
      provider: 'Checkr',
      exemption: null,
    });
    expect((await t.state('people.background_check', 'ana@acme.test'))?.status).toBe('pass');

    await completeTraining(t.deps, t.scope, { email: 'ana@acme.test' }, 'security-essentials');
    expect((await t.state('people.security_training', 'ana@acme.test'))?.status).toBe('fail');
    await importTraining(t.deps, t.scope, 'email,course,completed_at\nana@acme.test,phishing,2026-01-20');
    expect((await t.state('people.security_training', 'ana@acme.test'))?.status).toBe('pass');
    const again = await completeTraining(t.deps, t.scope, { email: 'ana@acme.test' }, 'security-essentials');
    expect(again.alreadyCompleted).toBe(true);

    await expect(
      markChecklistItem(t.deps, t.scope, ana.id, 'device_enrolled', { done: true, note: '' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'note' } });
    await markChecklistItem(t.deps, t.scope, ana.id, 'device_enrolled', {
      done: true,
      note: 'MacBook ACME-0042, seen in device management',
    });
    expect((await t.state('people.device_enrolled', 'ana@acme.test'))?.status).toBe('pass');

    // An end date long past makes her a leaver; with no connected system, the removal is confirmed by hand.
    const current = await t.deps.store.repos.people.find(t.scope, ana.id);
    await updatePerson(t.deps, t.scope, ana.id, current?.version ?? 0, { endDate: '2026-03-31' });
    expect((await t.state('people.access_removed', 'ana@acme.test'))?.status).toBe('fail');
    await markChecklistItem(t.deps, t.scope, ana.id, 'access_removed', {
      done: true,
      note: 'Google Workspace and Slack suspended',
      doneOn: '2026-03-31',
    });
    expect((await t.state('people.access_removed', 'ana@acme.test'))?.status).toBe('pass');

    const entries = await t.deps.store.repos.auditLog.page(t.scope, { limit: 100, targetType: 'person' });
    expect(new Set(entries.map((e) => e.action))).toEqual(
      new Set([
        'person.created',
        'person.updated',
        'person.background_check_recorded',
        'training.completed',
        'person.checklist_marked',
      ]),
    );
  });

  it('refuses training from someone outside the register, and an unknown email in a provider file', async () => {
    const t = await setup();
    await importPeople(t.deps, t.scope, HR);
    await expect(
      completeTraining(t.deps, t.scope, { email: 'stranger@acme.test' }, 'phishing'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      importTraining(
        t.deps,
        t.scope,
        'email,course,completed_at\nana@acme.test,phishing,2026-01-20\nzed@acme.test,phishing,2026-01-20',
      ),
    ).rejects.toMatchObject({
      details: { problems: [expect.objectContaining({ line: 3, field: 'email' })] },
    });
    expect(await t.deps.store.repos.people.listCompletions(t.scope)).toEqual([]);
  });

  it('is judged by the scheduler hourly, once per slot', async () => {
    const t = await setup();
    await importPeople(t.deps, t.scope, HR);
    expect(await refreshDuePeople(t.deps)).toBe(0);
    t.clock.advanceMinutes(61);
    expect(await refreshDuePeople(t.deps)).toBe(1);
    expect(await refreshDuePeople(t.deps)).toBe(0);
  });
});
