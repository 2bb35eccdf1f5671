import type { TAuditWalkthrough } from '../../domain/audit/audit-request.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { getAuditRequest } from './request-input.ts';

/** Schedules a walkthrough meeting against a request: when, who attends, and what to cover. */
export async function scheduleWalkthrough(
  deps: AppDeps,
  scope: OrgScope,
  auditId: string,
  requestId: string,
  input: { scheduledAt: Date; attendees: string[]; notes?: string | undefined },
): Promise<TAuditWalkthrough> {
  if (Number.isNaN(input.scheduledAt.getTime()))
    throw new AttestlyError('INVALID_INPUT', 'when is the walkthrough?', { field: 'scheduledAt' });
  const attendees = input.attendees.map((a) => a.trim()).filter(Boolean);
  if (attendees.length === 0 || attendees.some((a) => a.length > 200))
    throw new AttestlyError('INVALID_INPUT', 'name at least one attendee (up to 200 characters each)', {
      field: 'attendees',
    });
  return deps.store.transaction(async (repos) => {
    const request = await getAuditRequest(repos, scope, auditId, requestId);
    const walkthrough: TAuditWalkthrough = {
      id: deps.newId(),
      requestId,
      scheduledAt: input.scheduledAt,
      attendees,
      notes: (input.notes ?? '').trim(),
      createdBy: deps.actor.id,
      createdAt: deps.clock.now(),
    };
    await repos.auditRequests.addWalkthrough(scope, walkthrough);
    await recordChange(
      repos,
      scope,
      deps,
      'audit_walkthrough.scheduled',
      { type: 'audit_request', id: requestId },
      { auditId, ref: request.ref, walkthroughId: walkthrough.id, ...walkthrough },
    );
    return walkthrough;
  });
}
