import { requestStatusAfter, type TAuditRequest } from '../../domain/audit/audit-request.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { getAuditRequest } from './request-input.ts';

/**
 * Answers a request with evidence items of the organization: an open request becomes submitted, a flagged
 * one resubmitted (the flag's reason is kept in the audit log, not on the request).
 */
export async function attachRequestEvidence(
  deps: AppDeps,
  scope: OrgScope,
  auditId: string,
  requestId: string,
  evidenceIds: string[],
): Promise<TAuditRequest> {
  const ids = [...new Set(evidenceIds)];
  if (ids.length === 0)
    throw new AttestlyError('INVALID_INPUT', 'choose at least one evidence item', { field: 'evidenceIds' });
  return deps.store.transaction(async (repos) => {
    const before = await getAuditRequest(repos, scope, auditId, requestId);
    const status = requestStatusAfter(before.status, 'attach');
    for (const id of ids) {
      if (!(await repos.evidence.find(scope, id)))
        throw new AttestlyError('NOT_FOUND', `no evidence ${id}`, { field: 'evidenceIds' });
    }
    const at = deps.clock.now();
    await repos.auditRequests.attachEvidence(scope, requestId, ids, deps.actor.id, at);
    if (status !== before.status) {
      const moved = await repos.auditRequests.setStatus(scope, requestId, {
        from: before.status,
        to: status,
        flagReason: null,
        at,
      });
      if (!moved) throw new AttestlyError('CONFLICT', 'the request changed meanwhile; reload and try again');
    }
    await recordChange(
      repos,
      scope,
      deps,
      'audit_request.evidence_attached',
      { type: 'audit_request', id: requestId },
      { auditId, ref: before.ref, evidenceIds: ids, from: before.status, to: status },
    );
    const after = await repos.auditRequests.find(scope, auditId, requestId);
    if (!after) throw new AttestlyError('INTERNAL', 'the request vanished');
    return after;
  });
}
