import type { TAudit } from '../../domain/audit/audit.ts';
import type { TAuditScope } from '../../domain/audit/audit-scope.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

/** The organization's audits, oldest first; an auditor limited to one audit sees that one only. */
export async function listAudits(
  deps: AppDeps,
  scope: OrgScope,
  auditScope: TAuditScope | null,
): Promise<TAudit[]> {
  const audits = await deps.store.repos.audits.list(scope);
  return auditScope ? audits.filter((a) => a.id === auditScope.auditId) : audits;
}
