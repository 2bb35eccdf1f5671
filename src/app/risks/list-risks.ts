import type { AppDeps, OrgScope, TRisk } from '../ports.ts';

/** The organization's risk register, oldest first. */
export function listRisks(deps: AppDeps, scope: OrgScope): Promise<TRisk[]> {
  return deps.store.repos.risks.list(scope);
}
