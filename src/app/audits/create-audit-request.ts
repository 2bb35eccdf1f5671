import { nextRequestRef, type TAuditRequest } from '../../domain/audit/audit-request.ts';
import type { TAuditScope } from '../../domain/audit/audit-scope.ts';
import { parseIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TNewAuditRequest } from '../ports.ts';
import { getAudit } from './audit-input.ts';
import { resolveControl, resolveCriterion } from './request-input.ts';

export interface TAuditRequestInput {
  ref?: string | undefined;
  title: string;
  description?: string | undefined;
  controlCode?: string | null | undefined;
  criterionId?: string | null | undefined;
  dueDate?: string | null | undefined;
}

/** Adds one request to an audit's list; without a reference it gets the next R-NNN. */
export async function createAuditRequest(
  deps: AppDeps,
  scope: OrgScope,
  auditId: string,
  input: TAuditRequestInput,
  auditScope: TAuditScope | null = null,
): Promise<TAuditRequest> {
  const title = input.title.trim();
  if (!title || title.length > 300)
    throw new AttestlyError('INVALID_INPUT', 'a request title (1 to 300 characters) is required', {
      field: 'title',
    });
  const dueDate = input.dueDate ? parseIsoDate(input.dueDate, 'due date') : null;
  const criterionId = resolveCriterion(deps, input.criterionId ?? null);
  return deps.store.transaction(async (repos) => {
    await getAudit(repos, scope, auditId, auditScope);
    const existing = await repos.auditRequests.list(scope, auditId);
    const ref = input.ref?.trim() || nextRequestRef(existing.map((r) => r.ref));
    if (existing.some((r) => r.ref.toLowerCase() === ref.toLowerCase()))
      throw new AttestlyError('CONFLICT', `the audit has a request ${ref} already`, { field: 'ref' });
    const row: TNewAuditRequest = {
      id: deps.newId(),
      auditId,
      ref,
      title,
      description: (input.description ?? '').trim(),
      controlId: await resolveControl(repos, scope, input.controlCode ?? null),
      criterionId,
      dueDate,
      createdBy: deps.actor.id,
      createdAt: deps.clock.now(),
    };
    await repos.auditRequests.insertMany(scope, [row]);
    const request = await repos.auditRequests.find(scope, auditId, row.id);
    if (!request) throw new AttestlyError('INTERNAL', 'the new request vanished');
    await recordChange(
      repos,
      scope,
      deps,
      'audit_request.created',
      { type: 'audit_request', id: request.id },
      { auditId, ...request },
    );
    return request;
  });
}
