import type { AppDeps, OrgScope, TPolicySummary } from '../ports.ts';

/** Every policy with its latest version, its owner, and how many accepted the published version. */
export function listPolicies(deps: AppDeps, scope: OrgScope): Promise<TPolicySummary[]> {
  return deps.store.repos.policies.list(scope);
}
