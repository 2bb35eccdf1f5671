import { trainingCourses } from '../../catalog/training.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { TChecklistMark, TPersonAccount, TTrainingCompletion } from '../../domain/people/person.ts';
import type { AppDeps, OrgScope, TTestState } from '../ports.ts';
import { judgeChecklist, type TPersonRow } from './list-people.ts';
import { loadChecklists } from './load-checklists.ts';
import { findPeopleIntegration } from './people-integration.ts';

export interface TPersonDetail extends TPersonRow {
  accounts: TPersonAccount[];
  completions: Array<TTrainingCompletion & { courseTitle: string }>;
  marks: TChecklistMark[];
  /** The people tests' latest results for this person, as monitoring shows them. */
  results: TTestState[];
  /** The people integration's name, for links to monitoring. */
  integration: string | null;
}

/** One person with their judged checklist, accounts, training and test results. */
export async function getPerson(deps: AppDeps, scope: OrgScope, id: string): Promise<TPersonDetail> {
  const [entry] = await loadChecklists(deps, scope, { personId: id });
  if (!entry) throw new AttestlyError('NOT_FOUND', 'no such person');
  const integration = await findPeopleIntegration(deps.store.repos, scope);
  const results = integration
    ? (await deps.store.repos.monitoring.states(scope, integration.id)).filter((s) => s.resourceId === id)
    : [];
  const titles = new Map(trainingCourses().map((c) => [c.id, c.title]));
  return {
    ...judgeChecklist(entry, toIsoDate(deps.clock.now())),
    accounts: entry.accounts,
    completions: entry.completions.map((c) => ({ ...c, courseTitle: titles.get(c.courseId) ?? c.courseId })),
    marks: entry.marks,
    results: results.sort((a, b) => a.testId.localeCompare(b.testId)),
    integration: integration?.name ?? null,
  };
}
