import type { AppDeps, OrgScope, TMonitorRun } from '../ports.ts';
import { judgePeople } from './people-integration.ts';
import { syncPeople, type TSyncResult } from './sync-people.ts';

/**
 * After a change to the register (or on the scheduler): compares it with the connected systems, then
 * judges every checklist, so the people tests, control status and readiness follow at once.
 */
export async function refreshPeople(
  deps: AppDeps,
  scope: OrgScope,
  options: { always?: boolean } = {},
): Promise<{ sync: TSyncResult; run: TMonitorRun | null }> {
  const sync = await syncPeople(deps, scope);
  const judged = await judgePeople(deps, scope, options);
  return { sync, run: judged?.run ?? null };
}
