import { requestStatusAfter, type TAuditRequest } from '../../domain/audit/audit-request.ts';
import type { TAuditScope } from '../../domain/audit/audit-scope.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { getAuditRequest } from './request-input.ts';

/** The auditor's verdict on submitted evidence: accept it, or flag it with the reason it falls short. */
export async function reviewAuditRequest(
  deps: AppDeps,
  scope: OrgScope,
  auditId: string,
  requestId: string,
  verdict: { action: 'accept' } | { action: 'flag'; reason: string },
  auditScope: TAuditScope | null = null,
): Promise<TAuditRequest> {
  const reason = verdict.action === 'flag' ? verdict.reason.trim() : null;
  if (verdict.action === 'flag' && (!reason || reason.length > 2000))
    throw new AttestlyError('INVALID_INPUT', 'say why the request is flagged (up to 2,000 characters)', {
      field: 'reason',
    });
  return deps.store.transaction(async (repos) => {
    const before = await getAuditRequest(repos, scope, auditId, requestId, auditScope);
    const status = requestStatusAfter(before.status, verdict.action);
    const moved = await repos.auditRequests.setStatus(scope, requestId, {
      from: before.status,
      to: status,
      flagReason: reason,
      at: deps.clock.now(),
    });
    if (!moved) throw new AttestlyError('CONFLICT', 'the request changed meanwhile; reload and try again');
    await recordChange(
      repos,
      scope,
      deps,
      verdict.action === 'accept' ? 'audit_request.accepted' : 'audit_request.flagged',
      { type: 'audit_request', id: requestId },
      { auditId, ref: before.ref, from: before.status, to: status, ...(reason ? { reason } : {}) },
    );
    return { ...before, status, flagReason: reason };
  });
}
