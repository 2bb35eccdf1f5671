import type { TAuditRequestComment } from '../../domain/audit/audit-request.ts';
import type { TAuditScope } from '../../domain/audit/audit-scope.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { getAuditRequest } from './request-input.ts';

/** Adds a comment to a request's thread, signed with who the audit log says is acting. */
export async function commentOnRequest(
  deps: AppDeps,
  scope: OrgScope,
  auditId: string,
  requestId: string,
  body: string,
  auditScope: TAuditScope | null = null,
): Promise<TAuditRequestComment> {
  const text = body.trim();
  if (!text || text.length > 5000)
    throw new AttestlyError('INVALID_INPUT', 'a comment is 1 to 5,000 characters', { field: 'body' });
  return deps.store.transaction(async (repos) => {
    const request = await getAuditRequest(repos, scope, auditId, requestId, auditScope);
    const comment: TAuditRequestComment = {
      id: deps.newId(),
      requestId,
      author: deps.actor.id,
      body: text,
      createdAt: deps.clock.now(),
    };
    await repos.auditRequests.addComment(scope, comment);
    await recordChange(
      repos,
      scope,
      deps,
      'audit_request.commented',
      { type: 'audit_request', id: requestId },
      { auditId, ref: request.ref, commentId: comment.id, body: text },
    );
    return comment;
  });
}
