import { toIsoDate } from '../../domain/dates.ts';
import { completeTraining } from '../people/complete-training.ts';
import { importPeople } from '../people/import-people.ts';
import { importTraining } from '../people/import-training.ts';
import { markChecklistItem } from '../people/mark-checklist-item.ts';
import { recordBackgroundCheck } from '../people/record-background-check.ts';
import { updatePerson } from '../people/update-person.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { DEMO_OWNER_EMAIL } from './demo-story.ts';

// The demo's personnel register: fifteen people imported from the HR system's export, most of them well
// through onboarding, a contractor screened by their agency, a recent hire still within the deadlines, one
// whose items are overdue, someone starting next week, and two leavers: one whose account was removed and
// one (Chris Morgan) still active in the sample Okta directory, so the offboarding test fails. The Okta
// sync adds the directory's generic test account, which HR then marks out of scope.

const DAY_MS = 86_400_000;

interface TDemoHire {
  email: string;
  name: string;
  type?: 'contractor';
  department: string;
  title: string;
  manager?: string;
  /** Days before today (negative: after). */
  started: number;
  left?: number;
  /** Background check: completed this many days before the start, in progress, exempt, or nothing. */
  check?: number | 'in_progress' | { exempt: string };
  /** Completed the provider's awareness training this many days after the start. */
  trained?: number;
  /** Device recorded as enrolled this many days after the start. */
  device?: number;
}

const CEO = DEMO_OWNER_EMAIL;
const HIRES: TDemoHire[] = [
  {
    email: 'maria.chen@attestly.local',
    name: 'Maria Chen',
    department: 'Security',
    title: 'Head of security',
    manager: CEO,
    started: 900,
    check: 12,
    trained: 3,
    device: 1,
  },
  {
    email: 'sam.patel@attestly.local',
    name: 'Sam Patel',
    department: 'Engineering',
    title: 'Engineering lead',
    manager: CEO,
    started: 700,
    check: 10,
    trained: 5,
    device: 1,
  },
  {
    email: 'alex.kim@attestly.local',
    name: 'Alex Kim',
    department: 'IT',
    title: 'IT administrator',
    manager: 'maria.chen@attestly.local',
    started: 650,
    check: 9,
    trained: 4,
    device: 0,
  },
  {
    email: 'jordan.lee@attestly.local',
    name: 'Jordan Lee',
    department: 'People',
    title: 'HR manager',
    manager: CEO,
    started: 500,
    check: 14,
    trained: 6,
    device: 2,
  },
  {
    email: 'dana.okafor@attestly.local',
    name: 'Dana Okafor',
    department: 'Legal',
    title: 'Counsel',
    manager: CEO,
    started: 400,
    check: 8,
    trained: 9,
    device: 3,
  },
  {
    email: 'pat.rivera@attestly.local',
    name: 'Pat Rivera',
    department: 'Customer success',
    title: 'Support engineer',
    manager: 'sam.patel@attestly.local',
    started: 300,
    check: 7,
    trained: 12,
    device: 2,
  },
  {
    email: 'ana.souza@attestly.local',
    name: 'Ana Souza',
    department: 'Engineering',
    title: 'Backend engineer',
    manager: 'sam.patel@attestly.local',
    started: 200,
    check: 10,
    trained: 8,
    device: 1,
  },
  {
    email: 'lee.nguyen@attestly.local',
    name: 'Lee Nguyen',
    type: 'contractor',
    department: 'Design',
    title: 'Product designer (agency)',
    manager: 'sam.patel@attestly.local',
    started: 90,
    check: {
      exempt:
        'Screened by the contracting agency under the master services agreement (clause 7.2); copy on file with HR.',
    },
    trained: 10,
    device: 4,
  },
  {
    email: 'taylor.brooks@attestly.local',
    name: 'Taylor Brooks',
    department: 'Engineering',
    title: 'Frontend engineer',
    manager: 'sam.patel@attestly.local',
    started: 50,
    check: 6,
    device: 2,
  },
  {
    email: 'ben.carter@attestly.local',
    name: 'Ben Carter',
    department: 'Sales',
    title: 'Account executive',
    manager: CEO,
    started: 38,
  },
  {
    email: 'morgan.diaz@attestly.local',
    name: 'Morgan Diaz',
    department: 'Customer success',
    title: 'Support engineer',
    manager: 'pat.rivera@attestly.local',
    started: 10,
    check: 'in_progress',
  },
  {
    email: 'riley.stone@attestly.local',
    name: 'Riley Stone',
    department: 'Engineering',
    title: 'Site reliability engineer',
    manager: 'sam.patel@attestly.local',
    started: -5,
    check: 4,
  },
  {
    email: 'chris.morgan@attestly.local',
    name: 'Chris Morgan',
    department: 'Sales',
    title: 'Sales lead',
    manager: CEO,
    started: 600,
    left: 12,
    check: 11,
    trained: 7,
    device: 1,
  },
  {
    email: 'jamie.fox@attestly.local',
    name: 'Jamie Fox',
    department: 'Marketing',
    title: 'Marketing manager',
    manager: CEO,
    started: 800,
    left: 40,
    check: 9,
    trained: 5,
    device: 2,
  },
  {
    email: CEO,
    name: 'Olivia Grant',
    department: 'Leadership',
    title: 'Chief executive',
    started: 1000,
    check: { exempt: 'Founder: no pre-employment screening applies; board-approved.' },
    trained: 20,
    device: 0,
  },
];

/** Seeds the register at the end of the demo's ten weeks, through the people use-cases. */
export async function seedDemoPeople(deps: AppDeps, scope: OrgScope, hrEmail: string): Promise<number> {
  const hr: AppDeps = { ...deps, actor: { type: 'user', id: hrEmail, requestId: null, sourceAddress: null } };
  const today = deps.clock.now();
  const day = (daysBefore: number) => toIsoDate(new Date(today.getTime() - daysBefore * DAY_MS));
  const csv = [
    'email,name,type,department,title,manager_email,start_date,end_date,in_scope',
    ...HIRES.map((h) =>
      [
        h.email,
        h.name,
        h.type ?? 'employee',
        h.department,
        h.title,
        h.manager ?? '',
        day(h.started),
        h.left !== undefined ? day(h.left) : '',
        'true',
      ].join(','),
    ),
  ].join('\n');
  await importPeople(hr, scope, csv, 'bamboohr-export.csv');

  const training = HIRES.flatMap((h) =>
    h.trained !== undefined ? [`${h.email},KnowBe4 Security Awareness,${day(h.started - h.trained)}`] : [],
  );
  await importTraining(
    hr,
    scope,
    ['email,course,completed_at', ...training].join('\n'),
    'knowbe4-report.csv',
  );
  // Taylor took the built-in courses in Attestly instead.
  for (const course of ['security-essentials', 'phishing'])
    await completeTraining(
      {
        ...deps,
        actor: { type: 'user', id: 'taylor.brooks@attestly.local', requestId: null, sourceAddress: null },
      },
      scope,
      { email: 'taylor.brooks@attestly.local' },
      course,
    );

  const { people } = deps.store.repos;
  for (const h of HIRES) {
    const person = await people.findByEmail(scope, h.email);
    if (!person) continue;
    if (h.check !== undefined) {
      const check =
        typeof h.check === 'number'
          ? {
              status: 'completed' as const,
              date: day(h.started + h.check),
              provider: 'Certn',
              exemption: null,
            }
          : h.check === 'in_progress'
            ? { status: 'in_progress' as const, date: day(h.started - 1), provider: 'Certn', exemption: null }
            : { status: 'not_started' as const, date: null, provider: null, exemption: h.check.exempt };
      await recordBackgroundCheck(hr, scope, person.id, person.version, check);
    }
    if (h.device !== undefined)
      await markChecklistItem(hr, scope, person.id, 'device_enrolled', {
        done: true,
        doneOn: day(h.started - h.device),
        note: `Laptop issued by IT and enrolled in device management (asset DC-${String(1000 + HIRES.indexOf(h))})`,
      });
  }
  const jamie = await people.findByEmail(scope, 'jamie.fox@attestly.local');
  if (jamie)
    await markChecklistItem(hr, scope, jamie.id, 'access_removed', {
      done: true,
      doneOn: day(40),
      note: 'Google Workspace and Slack suspended on the last day; laptop DC-1013 returned and wiped.',
    });
  // The sync added Okta's generic test account as a person: it is nobody, so it is out of scope.
  const generic = await people.findByEmail(scope, 'test.user@democloud.example');
  if (generic) await updatePerson(hr, scope, generic.id, generic.version, { inScope: false });
  return (await people.list(scope)).length;
}
