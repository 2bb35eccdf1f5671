import type { TAuditRequest } from '../../domain/audit/audit-request.ts';
import type { TAuditScope } from '../../domain/audit/audit-scope.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { AppDeps, OrgScope, Repositories } from '../ports.ts';
import { getAudit } from './audit-input.ts';

/** The request of an audit, or NOT_FOUND (also for an audit the caller may not see). */
export async function getAuditRequest(
  repos: Repositories,
  scope: OrgScope,
  auditId: string,
  requestId: string,
  auditScope: TAuditScope | null = null,
): Promise<TAuditRequest> {
  await getAudit(repos, scope, auditId, auditScope);
  const request = await repos.auditRequests.find(scope, auditId, requestId);
  if (!request) throw new AttestlyError('NOT_FOUND', 'no such request in this audit');
  return request;
}

/** The control's id for a code the organization has, or an error naming the field. */
export async function resolveControl(
  repos: Repositories,
  scope: OrgScope,
  code: string | null,
): Promise<string | null> {
  if (!code) return null;
  const control = await repos.controls.findByCode(scope, code.trim().toUpperCase());
  if (!control) throw new AttestlyError('NOT_FOUND', `unknown control "${code}"`, { field: 'controlCode' });
  return control.id;
}

/** A criterion of the catalog, or an error naming the field. */
export function resolveCriterion(deps: Pick<AppDeps, 'catalog'>, id: string | null): string | null {
  if (!id) return null;
  const wanted = id.trim().toUpperCase();
  if (!deps.catalog.criteria.some((c) => c.id === wanted))
    throw new AttestlyError('NOT_FOUND', `unknown criterion "${id}"`, { field: 'criterionId' });
  return wanted;
}
