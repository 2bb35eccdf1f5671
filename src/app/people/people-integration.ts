import type { TPersonResource } from '../../catalog/monitoring/people.ts';
import type { TResource } from '../../domain/monitoring/model.ts';
import { ensureInternalIntegration } from '../monitoring/internal-integration.ts';
import { runIntegration } from '../monitoring/run-integration.ts';
import type { AppDeps, OrgScope, Repositories, TIntegration, TMonitorRun } from '../ports.ts';
import { loadChecklists } from './load-checklists.ts';

// People are a monitored system. Each organization has one `people` integration, pushed rather than
// collected (like the host agent's): its resources are the register's people with their checklists and
// matched accounts, and every change to them (an edit, an import, a sync, a training completed) is a run
// of it through the same judge-and-diff path as any integration. The scheduler also runs it hourly, since
// an item becomes overdue by the calendar alone.

export const PEOPLE_TYPE = 'people';
export const PEOPLE_INTEGRATION_NAME = 'People';
export const PERSON_TYPE = 'people.person';
const SCHEDULE_MINUTES = 60;

export async function findPeopleIntegration(
  repos: Repositories,
  scope: OrgScope,
): Promise<TIntegration | null> {
  return (await repos.monitoring.listIntegrations(scope)).find((i) => i.type === PEOPLE_TYPE) ?? null;
}

/** The organization's people integration, created (and audited) the first time it is needed. */
export async function ensurePeopleIntegration(
  deps: AppDeps,
  repos: Repositories,
  scope: OrgScope,
): Promise<TIntegration> {
  return ensureInternalIntegration(deps, repos, scope, {
    type: PEOPLE_TYPE,
    name: PEOPLE_INTEGRATION_NAME,
    scheduleMinutes: SCHEDULE_MINUTES,
  });
}

/**
 * Judges every person's checklist as one run of the people integration. Without people and without the
 * integration there is nothing to judge (null), unless `always` asks for the integration regardless.
 */
export async function judgePeople(
  deps: AppDeps,
  scope: OrgScope,
  options: { always?: boolean } = {},
): Promise<{ integration: TIntegration; run: TMonitorRun } | null> {
  const checklists = await loadChecklists(deps, scope);
  if (checklists.length === 0 && !options.always && !(await findPeopleIntegration(deps.store.repos, scope)))
    return null;
  const integration = await deps.store.transaction((repos) => ensurePeopleIntegration(deps, repos, scope));
  const resources: TResource[] = checklists.map(({ person, checklist, accounts }) => {
    const attributes: TPersonResource = {
      email: person.email,
      name: person.name,
      type: person.type,
      department: person.department,
      title: person.title,
      managerEmail: person.managerEmail,
      startDate: person.startDate,
      endDate: person.endDate,
      inScope: person.inScope,
      checklist,
      accounts: accounts.map((a) => ({
        system: a.system,
        resourceType: a.resourceType,
        accountName: a.accountName,
        status: a.status,
        active: a.active,
      })),
    };
    return { type: PERSON_TYPE, id: person.id, name: `${person.name} <${person.email}>`, attributes };
  });
  const run = await runIntegration(deps, scope, integration, undefined, {
    pushed: { resources, resourceTypes: [PERSON_TYPE] },
  });
  return { integration, run };
}
