import { describe, expect, it } from 'vitest';
import { buildChecklist, judgeItem, type TChecklistItem, type TPersonFacts } from './checklist.ts';
import { personStatus } from './person.ts';

// Deadlines follow from the dates: 30 days from the start for the background check, training and policies,
// 14 for the device, one day after the last day for access. An item not done is pending until its due day
// and overdue after it; onboarding asks nothing of someone not started or already gone.

function facts(
  overrides: Partial<TPersonFacts> & { startDate?: string; endDate?: string | null } = {},
): TPersonFacts {
  return {
    person: {
      startDate: overrides.startDate ?? '2026-03-02',
      endDate: overrides.endDate ?? null,
      backgroundCheck: { status: 'not_started', date: null, provider: null, exemption: null },
      ...overrides.person,
    },
    training: overrides.training ?? {
      required: [
        { id: 'security-essentials', title: 'Security essentials' },
        { id: 'phishing', title: 'Phishing' },
      ],
      completions: [],
    },
    policies: overrides.policies ?? {
      published: [{ policyId: 'p1', title: 'Access Control Policy', version: 2, publishedOn: '2026-01-10' }],
      accepted: new Map(),
    },
    device: overrides.device ?? { mark: null, deviceRevoked: false, deviceName: null },
    access: overrides.access ?? { mark: null, systemsChecked: ['Okta'], activeAccounts: [] },
  };
}

const person = (startDate = '2026-03-02', endDate: string | null = null) => ({
  startDate,
  endDate,
  inScope: true,
});
const item = (items: TChecklistItem[], kind: TChecklistItem['kind']) => {
  const found = items.find((i) => i.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
};

describe('onboarding deadlines', () => {
  it('are 30 days from the start, and 14 for the device', () => {
    const items = buildChecklist(facts());
    expect(items.map((i) => [i.kind, i.dueDate])).toEqual([
      ['background_check', '2026-04-01'],
      ['security_training', '2026-04-01'],
      ['policies_accepted', '2026-04-01'],
      ['device_enrolled', '2026-03-16'],
    ]);
  });

  it('are pending up to the due day and overdue the day after', () => {
    const device = item(buildChecklist(facts()), 'device_enrolled');
    expect(judgeItem(person(), device, '2026-03-16')).toEqual({
      state: 'pending',
      reason: 'due by 2026-03-16: no enrolled device recorded',
    });
    expect(judgeItem(person(), device, '2026-03-17')).toEqual({
      state: 'overdue',
      reason: 'overdue (due by 2026-03-16): no enrolled device recorded',
    });
  });

  it('ask nothing before the start, out of scope, or after a leaver has gone', () => {
    const check = item(buildChecklist(facts()), 'background_check');
    expect(judgeItem(person(), check, '2026-03-01').state).toBe('not_applicable');
    expect(judgeItem({ ...person(), inScope: false }, check, '2026-06-01')).toEqual({
      state: 'not_applicable',
      reason: 'out of scope',
    });
    expect(judgeItem(person('2026-03-02', '2026-03-20'), check, '2026-06-01').state).toBe('not_applicable');
  });

  it('count a background check once completed, or exempted with its reason', () => {
    const done = buildChecklist(
      facts({
        person: {
          startDate: '2026-03-02',
          endDate: null,
          backgroundCheck: { status: 'completed', date: '2026-02-20', provider: 'Checkr', exemption: null },
        },
      }),
    );
    expect(judgeItem(person(), item(done, 'background_check'), '2026-06-01')).toEqual({
      state: 'done',
      reason: 'completed on 2026-02-20 by Checkr',
    });
    const exempt = buildChecklist(
      facts({
        person: {
          startDate: '2026-03-02',
          endDate: null,
          backgroundCheck: {
            status: 'not_started',
            date: null,
            provider: null,
            exemption: 'Screened by the agency',
          },
        },
      }),
    );
    expect(judgeItem(person(), item(exempt, 'background_check'), '2026-06-01').state).toBe('exempt');
  });

  it('need every required course, or a completion imported from the training provider', () => {
    const half = facts({
      training: {
        required: [
          { id: 'security-essentials', title: 'Security essentials' },
          { id: 'phishing', title: 'Phishing' },
        ],
        completions: [{ courseId: 'phishing', completedOn: '2026-03-05', builtIn: true }],
      },
    });
    expect(item(buildChecklist(half), 'security_training')).toMatchObject({
      done: false,
      detail: 'not completed: Security essentials',
    });
    const imported = facts({
      training: {
        required: [{ id: 'security-essentials', title: 'Security essentials' }],
        completions: [{ courseId: 'KnowBe4 2026', completedOn: '2026-03-09', builtIn: false }],
      },
    });
    expect(item(buildChecklist(imported), 'security_training')).toMatchObject({
      done: true,
      doneOn: '2026-03-09',
    });
  });

  it('give each policy version 30 days from the later of the start and its publication', () => {
    const items = buildChecklist(
      facts({
        policies: {
          published: [
            { policyId: 'p1', title: 'Access Control Policy', version: 2, publishedOn: '2026-01-10' },
            { policyId: 'p2', title: 'Incident Response Policy', version: 1, publishedOn: '2026-05-01' },
          ],
          accepted: new Map([['p1', '2026-03-03']]),
        },
      }),
    );
    expect(item(items, 'policies_accepted')).toMatchObject({
      done: false,
      dueDate: '2026-05-31',
      detail: 'not accepted: Incident Response Policy v1',
    });
    const none = buildChecklist(facts({ policies: { published: [], accepted: new Map() } }));
    expect(judgeItem(person(), item(none, 'policies_accepted'), '2026-09-01')).toEqual({
      state: 'not_applicable',
      reason: 'no policy is published yet',
    });
  });
});

describe('offboarding', () => {
  const leaver = (access: TPersonFacts['access']) =>
    item(buildChecklist(facts({ startDate: '2025-01-06', endDate: '2026-04-30', access })), 'access_removed');

  it('exists once an end date is known, due the day after the last day', () => {
    expect(buildChecklist(facts()).some((i) => i.phase === 'offboarding')).toBe(false);
    expect(leaver({ mark: null, systemsChecked: ['Okta'], activeAccounts: [] }).dueDate).toBe('2026-05-01');
  });

  it('fails once due while an account is still active in a connected system', () => {
    const still = leaver({
      mark: null,
      systemsChecked: ['Okta'],
      activeAccounts: [{ system: 'Okta', accountName: 'chris@acme.test', status: 'ACTIVE' }],
    });
    const p = person('2025-01-06', '2026-04-30');
    expect(judgeItem(p, still, '2026-04-30').state).toBe('not_applicable');
    expect(judgeItem(p, still, '2026-05-01').state).toBe('pending');
    expect(judgeItem(p, still, '2026-05-02')).toEqual({
      state: 'overdue',
      reason: 'overdue (due by 2026-05-01): still active: Okta chris@acme.test (ACTIVE)',
    });
  });

  it('passes when no connected system shows an active account, or when confirmed by hand without one', () => {
    const p = person('2025-01-06', '2026-04-30');
    expect(
      judgeItem(p, leaver({ mark: null, systemsChecked: ['Okta'], activeAccounts: [] }), '2026-06-01'),
    ).toEqual({
      state: 'done',
      reason: 'no active account in Okta',
    });
    const unknown = leaver({ mark: null, systemsChecked: [], activeAccounts: [] });
    expect(judgeItem(p, unknown, '2026-06-01').state).toBe('overdue');
    const confirmed = leaver({
      mark: {
        personId: 'x',
        item: 'access_removed',
        doneOn: '2026-04-30',
        note: 'Google Workspace suspended',
        deviceId: null,
        recordedBy: 'it@acme.test',
        recordedAt: new Date('2026-04-30T17:00:00Z'),
      },
      systemsChecked: [],
      activeAccounts: [],
    });
    expect(judgeItem(p, confirmed, '2026-06-01').state).toBe('done');
  });
});

describe('a person’s status', () => {
  it('is upcoming before the start, current through the last day, a leaver after it', () => {
    expect(personStatus({ startDate: '2026-03-02', endDate: '2026-04-30' }, '2026-03-01')).toBe('upcoming');
    expect(personStatus({ startDate: '2026-03-02', endDate: '2026-04-30' }, '2026-04-30')).toBe('current');
    expect(personStatus({ startDate: '2026-03-02', endDate: '2026-04-30' }, '2026-05-01')).toBe('leaver');
  });
});
