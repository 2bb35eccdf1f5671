import type { TAudit } from '../../domain/audit/audit.ts';
import { parsePopulationKind } from '../../domain/audit/populations.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import type { TStoredPopulationItem } from './audit-testing-ports.ts';
import { auditRange } from './control-timelines.ts';

/** The items of one population that occurred in the audit's period, oldest first. */
export async function listPopulationItems(
  deps: AppDeps,
  scope: OrgScope,
  audit: TAudit,
  kind: string,
): Promise<TStoredPopulationItem[]> {
  return deps.store.repos.populations.list(scope, parsePopulationKind(kind), auditRange(audit));
}
