import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { serverHarness } from '../support/server.ts';

// The personnel register over HTTP: an HR import (all lines or none, with line numbers), a leaver whose
// identity-provider account is still active failing the offboarding test, background checks and ticks,
// the signed-in person's own onboarding and training, who may do what, and another organization seeing
// nothing.

let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: Awaited<ReturnType<typeof h.setupOwner>>;
let member: string;
let viewer: string;
let employee: string;
let foreign: string;
const alpha = () => h.orgCall('alpha');

const HR = [
  'email,name,type,department,title,manager_email,start_date,end_date,in_scope',
  'owner@acme.test,Olivia Owner,employee,Leadership,CEO,,2025-01-06,,true',
  'chris@acme.test,Chris Morgan,employee,Sales,Account executive,owner@acme.test,2025-02-03,2026-05-29,true',
  'raj@acme.test,Raj Mehta,contractor,Design,,owner@acme.test,2026-02-01,,true',
].join('\n');

function oktaUser(login: string, status: string) {
  return {
    id: `00u-${login}`,
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

beforeAll(async () => {
  h = await serverHarness();
  owner = await h.setupOwner('Alpha');
  await owner.call('PUT', '/api/v1/orgs/alpha/program', { reportType: 'type1', asOf: '2026-12-31' });
  await owner.call('POST', '/api/v1/orgs', { name: 'Beta' });
  member = await h.tokenFor('alpha', 'member');
  viewer = await h.tokenFor('alpha', 'viewer');
  employee = await h.tokenFor('alpha', 'employee');
  foreign = await h.tokenFor('beta', 'owner');
});
afterAll(() => h.close());

describe(`people over HTTP on ${ENGINE}`, () => {
  let chrisId: string;

  it('refuses a file with a bad line, naming it, and imports nothing', async () => {
    const bad = `${HR}\nbo@acme.test,Bo,employee,,,,2026-02-30,,true`;
    const response = await alpha()('POST', '/people/import', member, { csv: bad, fileName: 'hr.csv' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual({
      field: 'csv',
      problems: [
        {
          line: 5,
          field: 'start_date',
          message: 'start_date "2026-02-30" is not a real date in the form YYYY-MM-DD',
        },
      ],
    });
    expect((await alpha()('GET', '/people', viewer)).json().total).toBe(0);
  });

  it('imports the HR file; a leaver still active in the identity provider fails the offboarding test', async () => {
    const pushed = await alpha()('PUT', '/resources/idp.user', member, {
      integration: 'Okta',
      resources: [oktaUser('chris@acme.test', 'ACTIVE'), oktaUser('owner@acme.test', 'ACTIVE')],
    });
    expect(pushed.statusCode).toBe(200);
    const imported = await alpha()('POST', '/people/import', member, { csv: HR });
    expect(imported.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect((await alpha()('POST', '/people/import', member, { csv: HR })).json()).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
    });

    const leavers = (await alpha()('GET', '/people?filter=leavers', viewer)).json();
    expect(leavers.items.map((p: { email: string }) => p.email)).toEqual(['chris@acme.test']);
    chrisId = leavers.items[0].id;
    const contractors = (await alpha()('GET', '/people?filter=contractors', viewer)).json();
    expect(contractors.items.map((p: { email: string }) => p.email)).toEqual(['raj@acme.test']);

    const chris = (await alpha()('GET', `/people/${chrisId}`, viewer)).json();
    expect(chris).toMatchObject({ status: 'leaver', source: 'hr_csv', activeAccounts: 1 });
    expect(chris.checklist.find((i: { kind: string }) => i.kind === 'access_removed')).toMatchObject({
      state: 'overdue',
      dueDate: '2026-05-30',
      detail: 'still active: Okta chris@acme.test (ACTIVE)',
    });
    expect(chris.results.find((r: { testId: string }) => r.testId === 'people.access_removed')).toMatchObject(
      {
        status: 'fail',
        title: 'Leavers lose their access within one day of their last day',
      },
    );
    expect(chris.accounts).toEqual([
      expect.objectContaining({
        system: 'Okta',
        accountName: 'chris@acme.test',
        status: 'ACTIVE',
        active: true,
      }),
    ]);
    // Monitoring shows the same result under the People integration.
    const results = (
      await alpha()('GET', '/test-results?integration=People&status=fail&test=people.access_removed', viewer)
    ).json();
    expect(results.items).toEqual([
      expect.objectContaining({ resourceId: chrisId, resourceType: 'people.person', status: 'fail' }),
    ]);
  });

  it('records a background check at the version edited, and ticks a device with a note', async () => {
    const before = (await alpha()('GET', `/people/${chrisId}`, viewer)).json();
    const recorded = await alpha()('PUT', `/people/${chrisId}/background-check`, member, {
      version: before.version,
      status: 'completed',
      date: '2025-01-20',
      provider: 'Checkr',
      exemption: null,
    });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().backgroundCheck).toEqual({
      status: 'completed',
      date: '2025-01-20',
      provider: 'Checkr',
      exemption: null,
    });
    const stale = await alpha()('PATCH', `/people/${chrisId}`, member, {
      version: before.version,
      title: 'x',
    });
    expect(stale.statusCode).toBe(409);
    const noNote = await alpha()('PUT', `/people/${chrisId}/checklist/device_enrolled`, member, {
      done: true,
      note: '',
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.details).toEqual({ field: 'note' });
    const ticked = await alpha()('PUT', `/people/${chrisId}/checklist/device_enrolled`, member, {
      done: true,
      note: 'Laptop ACME-0007 returned and wiped',
      doneOn: '2025-02-10',
    });
    expect(ticked.json().marks).toEqual([
      expect.objectContaining({
        item: 'device_enrolled',
        doneOn: '2025-02-10',
        recordedBy: expect.stringContaining('member token'),
      }),
    ]);
  });

  it('adds a person by hand and refuses a second with the same email', async () => {
    const created = await alpha()('POST', '/people', member, {
      email: 'Dana@Acme.test',
      name: 'Dana Okafor',
      startDate: '2026-03-01',
      department: 'Legal',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'dana@acme.test', source: 'manual', status: 'current' });
    const twice = await alpha()('POST', '/people', member, {
      email: 'dana@acme.test',
      name: 'D',
      startDate: '2026-03-01',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details).toEqual({ field: 'email' });
  });

  it('shows the signed-in person their onboarding and lets them complete a course', async () => {
    const mine = (await owner.call('GET', '/api/v1/orgs/alpha/me/onboarding')).json();
    expect(mine.person).toMatchObject({ email: 'owner@acme.test' });
    expect(mine.courses.map((c: { id: string }) => c.id)).toEqual([
      'data-handling',
      'phishing',
      'security-essentials',
    ]);
    const course = (await owner.call('GET', '/api/v1/orgs/alpha/training-courses/phishing')).json();
    expect(course.body).toMatch(/^# Recognising phishing/);
    const done = await owner.call('POST', '/api/v1/orgs/alpha/me/training/phishing/complete', {
      version: course.version,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ courseId: 'phishing', alreadyCompleted: false });
    const after = (await owner.call('GET', '/api/v1/orgs/alpha/me/onboarding')).json();
    expect(after.courses.find((c: { id: string }) => c.id === 'phishing').completedAt).toEqual(
      expect.any(String),
    );
    // An API token is nobody: it has no onboarding and completes nothing.
    expect((await alpha()('GET', '/me/onboarding', employee)).json().person).toBeNull();
    const byToken = await alpha()('POST', '/me/training/phishing/complete', employee, {});
    expect(byToken.statusCode).toBe(400);
  });

  it('lets only writers change the register, and hides it from other organizations', async () => {
    expect((await alpha()('POST', '/people/import', viewer, { csv: HR })).statusCode).toBe(403);
    expect((await alpha()('GET', '/people', employee)).statusCode).toBe(403);
    const other = await h.orgCall('beta')('GET', `/people/${chrisId}`, foreign);
    expect(other.statusCode).toBe(404);
    expect((await h.orgCall('beta')('GET', '/people', foreign)).json().total).toBe(0);
  });
});
