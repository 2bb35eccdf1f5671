import { AttestlyError } from '../errors.ts';

// A request on the firm's list and its life: open until evidence is attached (submitted); the auditor
// accepts it or flags it with a reason; evidence attached to a flagged request resubmits it.

export const REQUEST_STATUSES = ['open', 'submitted', 'accepted', 'flagged', 'resubmitted'] as const;
export type TRequestStatus = (typeof REQUEST_STATUSES)[number];

export interface TAuditRequest {
  id: string;
  /** The firm's reference, e.g. "R-001"; unique within the audit. */
  ref: string;
  title: string;
  description: string;
  controlCode: string | null;
  criterionId: string | null;
  dueDate: string | null;
  status: TRequestStatus;
  flagReason: string | null;
  evidenceIds: string[];
}

export interface TAuditRequestComment {
  id: string;
  requestId: string;
  /** Who wrote it, as the audit log names them (an email or a token). */
  author: string;
  body: string;
  createdAt: Date;
}

/** A walkthrough meeting scheduled against a request: the auditor watches the control operate. */
export interface TAuditWalkthrough {
  id: string;
  requestId: string;
  scheduledAt: Date;
  attendees: string[];
  notes: string;
  createdBy: string;
  createdAt: Date;
}

/** The columns of the firm's request list as CSV (domain/audit/request-list.ts reads it). */
export const REQUEST_LIST_COLUMNS = [
  'ref',
  'title',
  'description',
  'control',
  'criterion',
  'due_date',
] as const;

export type TRequestAction = 'attach' | 'accept' | 'flag';

/** The status after an action, or INVALID_INPUT naming why the action does not apply now. */
export function requestStatusAfter(status: TRequestStatus, action: TRequestAction): TRequestStatus {
  const refuse = (message: string) => new AttestlyError('INVALID_INPUT', message, { field: 'status' });
  switch (action) {
    case 'attach':
      if (status === 'open') return 'submitted';
      if (status === 'flagged') return 'resubmitted';
      if (status === 'accepted') throw refuse('the request is accepted; nothing more is attached to it');
      return status;
    case 'accept':
    case 'flag':
      if (status === 'submitted' || status === 'resubmitted')
        return action === 'accept' ? 'accepted' : 'flagged';
      throw refuse(
        status === 'accepted'
          ? 'the request is accepted already'
          : `only submitted evidence can be ${action === 'accept' ? 'accepted' : 'flagged'} (the request is ${status})`,
      );
  }
}

/** The next free reference of the form R-001 after the ones an audit has. */
export function nextRequestRef(existing: readonly string[]): string {
  let max = 0;
  for (const ref of existing) {
    const match = /^R-(\d+)$/.exec(ref);
    if (match) max = Math.max(max, Number(match[1]));
  }
  return `R-${String(max + 1).padStart(3, '0')}`;
}
