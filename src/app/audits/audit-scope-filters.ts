import { evidenceInPeriod, instantInPeriod, type TAuditScope } from '../../domain/audit/audit-scope.ts';
import type { AppDeps, OrgScope, TEvidenceRecord } from '../ports.ts';

// What an auditor limited to one audit sees of the organization's dated records. Evidence: valid during
// the audit's period, collected during it, or attached to one of the audit's requests (attaching it is
// sharing it). Without an audit scope everything is visible, as before.

export async function evidenceVisibility(
  deps: Pick<AppDeps, 'store'>,
  scope: OrgScope,
  auditScope: TAuditScope | null,
): Promise<(e: Pick<TEvidenceRecord, 'id' | 'validFrom' | 'validUntil' | 'collectedAt'>) => boolean> {
  if (!auditScope) return () => true;
  const attached = new Set(
    await deps.store.repos.auditRequests.evidenceIdsOfAudit(scope, auditScope.auditId),
  );
  return (e) => attached.has(e.id) || evidenceInPeriod(e, auditScope);
}

/** For records dated by one instant (a monitoring run, an audit-log entry). */
export function instantVisibility(auditScope: TAuditScope | null): (at: Date) => boolean {
  return auditScope ? (at) => instantInPeriod(at, auditScope) : () => true;
}
