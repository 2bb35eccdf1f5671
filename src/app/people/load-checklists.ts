import { trainingCourses } from '../../catalog/training.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { buildChecklist, type TChecklistItem } from '../../domain/people/checklist.ts';
import type {
  TChecklistMark,
  TPerson,
  TPersonAccount,
  TTrainingCompletion,
} from '../../domain/people/person.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

// Everything the checklists are derived from, read once for the whole register: the people, hand-ticked
// items, training completions, the accounts last seen in connected systems, the policy versions in force
// with who accepted them, and the host agent's devices.

export interface TPersonChecklist {
  person: TPerson;
  checklist: TChecklistItem[];
  accounts: TPersonAccount[];
  completions: TTrainingCompletion[];
  marks: TChecklistMark[];
}

/** The published version of each policy, and who accepted that version (by lower-case email), when. */
async function policiesInForce(deps: AppDeps, scope: OrgScope) {
  const { repos } = deps.store;
  const published: Array<{ policyId: string; title: string; version: number; publishedOn: string }> = [];
  const acceptedBy = new Map<string, Map<string, string>>();
  for (const policy of await repos.policies.list(scope)) {
    const version = policy.publishedVersion;
    if (version === null || policy.publishedAt === null) continue;
    published.push({
      policyId: policy.id,
      title: policy.title,
      version,
      publishedOn: toIsoDate(policy.publishedAt),
    });
    for (const a of await repos.policies.listAcceptances(scope, policy.id)) {
      if (a.version !== version) continue;
      const email = a.email.toLowerCase();
      const mine = acceptedBy.get(email) ?? new Map<string, string>();
      mine.set(policy.id, toIsoDate(a.acceptedAt));
      acceptedBy.set(email, mine);
    }
  }
  return { published, acceptedBy };
}

/** Each person's checklist (everyone's, or one person's), with the records it was derived from. */
export async function loadChecklists(
  deps: AppDeps,
  scope: OrgScope,
  only?: { personId: string },
): Promise<TPersonChecklist[]> {
  const { repos } = deps.store;
  const everyone = await repos.people.list(scope);
  const people = only ? everyone.filter((p) => p.id === only.personId) : everyone;
  if (people.length === 0) return [];
  const [marks, completions, accounts, devices, policies] = await Promise.all([
    repos.people.listMarks(scope),
    repos.people.listCompletions(scope, only?.personId),
    repos.people.listAccounts(scope),
    repos.agent.listDevices(scope),
    policiesInForce(deps, scope),
  ]);
  const courses = trainingCourses();
  const builtIn = new Set(courses.map((c) => c.id));
  const required = courses.filter((c) => c.required).map((c) => ({ id: c.id, title: c.title }));
  const deviceById = new Map(devices.map((d) => [d.id, d]));
  const systemsChecked = [...new Set(accounts.map((a) => a.system))].sort();
  const byPerson = <T extends { personId: string }>(items: readonly T[]) => {
    const out = new Map<string, T[]>();
    for (const item of items) out.set(item.personId, [...(out.get(item.personId) ?? []), item]);
    return out;
  };
  const marksOf = byPerson(marks);
  const completionsOf = byPerson(completions);
  const accountsOf = byPerson(accounts);

  return people.map((person) => {
    const mine = marksOf.get(person.id) ?? [];
    const deviceMark = mine.find((m) => m.item === 'device_enrolled') ?? null;
    const device = deviceMark?.deviceId ? deviceById.get(deviceMark.deviceId) : undefined;
    const personCompletions = completionsOf.get(person.id) ?? [];
    const personAccounts = accountsOf.get(person.id) ?? [];
    const checklist = buildChecklist({
      person,
      training: {
        required,
        completions: personCompletions.map((c) => ({
          courseId: c.courseId,
          completedOn: toIsoDate(c.completedAt),
          builtIn: builtIn.has(c.courseId),
        })),
      },
      policies: {
        published: policies.published,
        accepted: policies.acceptedBy.get(person.email) ?? new Map(),
      },
      device: {
        mark: deviceMark,
        deviceRevoked: device?.revokedAt != null,
        deviceName: device?.hostname ?? null,
      },
      access: {
        mark: mine.find((m) => m.item === 'access_removed') ?? null,
        systemsChecked,
        activeAccounts: personAccounts
          .filter((a) => a.active)
          .map((a) => ({ system: a.system, accountName: a.accountName, status: a.status })),
      },
    });
    return { person, checklist, accounts: personAccounts, completions: personCompletions, marks: mine };
  });
}
