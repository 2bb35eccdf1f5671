import { type AppDeps, scopeOf } from '../ports.ts';
import { IDENTITY_INTEGRATION_TYPES } from './identity-accounts.ts';
import { PEOPLE_TYPE } from './people-integration.ts';
import { refreshPeople } from './refresh-people.ts';

const HOUR_MS = 3_600_000;

/**
 * One tick of the scheduler for people: each organization whose people integration is due (hourly), or
 * that has an identity provider and no people integration yet, is synced and judged. An integration is
 * claimed first, so two schedulers never judge one organization twice in the same slot.
 */
export async function refreshDuePeople(deps: AppDeps, limit = 10): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.store.repos.people.dueForRefresh(now, limit, {
    people: PEOPLE_TYPE,
    accounts: IDENTITY_INTEGRATION_TYPES,
  });
  const actor = { type: 'system' as const, id: 'scheduler', requestId: null, sourceAddress: null };
  let refreshed = 0;
  for (const { orgId, integrationId, nextRunAt } of due) {
    if (integrationId && nextRunAt) {
      const next = new Date(now.getTime() + HOUR_MS);
      if (!(await deps.store.repos.monitoring.claimDue(integrationId, nextRunAt, next))) continue;
    }
    await refreshPeople({ ...deps, actor }, scopeOf({ id: orgId }), { always: true });
    refreshed++;
  }
  return refreshed;
}
