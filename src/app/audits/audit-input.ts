import type { TAudit, TAuditContact, TFirmChecklistItem } from '../../domain/audit/audit.ts';
import type { TAuditScope } from '../../domain/audit/audit-scope.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { OrgScope, Repositories } from '../ports.ts';

// What a caller may set on an audit, and the lookup every audit use-case starts with.

export interface TAuditInput {
  firmName?: string | undefined;
  contacts?: TAuditContact[] | undefined;
  reportType?: TAudit['reportType'] | undefined;
  asOfDate?: string | null | undefined;
  windowStart?: string | null | undefined;
  windowEnd?: string | null | undefined;
  firmChecklist?: Record<string, Partial<TFirmChecklistItem>> | undefined;
}

/**
 * The audit, or NOT_FOUND. An auditor limited to another audit gets the same answer as for an audit that
 * does not exist: they learn nothing about it.
 */
export async function getAudit(
  repos: Repositories,
  scope: OrgScope,
  id: string,
  auditScope: TAuditScope | null = null,
): Promise<TAudit> {
  const audit = auditScope && auditScope.auditId !== id ? null : await repos.audits.find(scope, id);
  if (!audit) throw new AttestlyError('NOT_FOUND', 'no such audit');
  return audit;
}
