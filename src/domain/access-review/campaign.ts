import { parseIsoDate } from '../dates.ts';
import { AttestlyError } from '../errors.ts';

// User access reviews (CC6.2, CC6.3): a campaign reviews every account of one system as it was when the
// campaign started (the frozen snapshot), never as it is now. Each account is kept or revoked by a reviewer;
// a revocation becomes a task and is verified by the system's next collection: the account gone or disabled
// verifies it, still active after the task's due date flags it. A campaign completes once every account is
// decided, and the completed review is the evidence.

export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export type TAccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const CAMPAIGN_STATUSES = ['in_progress', 'completed'] as const;
export type TCampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const REVIEW_DECISIONS = ['keep', 'revoke'] as const;
export type TReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REVOCATION_STATES = ['pending', 'verified', 'flagged'] as const;
export type TRevocationState = (typeof REVOCATION_STATES)[number];

/** Quarterly unless the organization says otherwise (AC-08). */
export const DEFAULT_CADENCE_MONTHS = 3;
/** Days a revocation task is given before a still-active account is flagged. */
export const REVOCATION_DAYS = 7;
export const MAX_COMMENT_LENGTH = 2000;

/** What a reviewer sees of one account: who it is, what it may do, and whether it can sign in. */
export interface TAccessAccount {
  /** The resource type it was collected as (idp.user, github.member…). */
  resourceType: string;
  /** The resource's id in its system: stable across collections. */
  accountId: string;
  name: string;
  email: string | null;
  status: TAccountStatus;
  /** ISO 8601, when the system tells it. */
  lastLogin: string | null;
  privileges: TAccessPrivileges;
}

export interface TAccessPrivileges {
  /** Roles and permission levels held (admin roles, an organization role, superuser, console access). */
  roles: string[];
  groups: string[];
  /** Holds administrative power in the system. */
  privileged: boolean;
}

/** The review state of one frozen account. */
export interface TReviewItemState {
  decision: TReviewDecision | null;
  comment: string;
}

/** Checks a reviewer's decision on one account of a campaign; returns the comment to store. */
export function checkDecision(
  campaign: { status: TCampaignStatus },
  item: TReviewItemState,
  decision: TReviewDecision,
  comment: string,
): string {
  if (campaign.status !== 'in_progress')
    throw new AttestlyError('CONFLICT', 'the review is completed: its decisions are final');
  if (item.decision === 'revoke')
    throw new AttestlyError(
      'CONFLICT',
      'the account was revoked and its removal task exists: a revocation cannot be undone here',
      { field: 'decision' },
    );
  const text = comment.trim();
  if (text.length > MAX_COMMENT_LENGTH)
    throw new AttestlyError('INVALID_INPUT', `a comment has at most ${MAX_COMMENT_LENGTH} characters`, {
      field: 'comment',
    });
  if (decision === 'revoke' && !text)
    throw new AttestlyError('INVALID_INPUT', 'say why the access is revoked', { field: 'comment' });
  return text;
}

/** What stands between a campaign and its completion: every account must be decided. */
export function completionBlockers(
  campaign: { status: TCampaignStatus },
  items: readonly TReviewItemState[],
): string | null {
  if (campaign.status !== 'in_progress') return 'the review is already completed';
  if (items.length === 0) return 'the review has no accounts';
  const open = items.filter((i) => i.decision === null).length;
  if (open > 0) return `${open} of ${items.length} accounts are not decided yet`;
  return null;
}

export function checkCompletion(campaign: { status: TCampaignStatus }, items: readonly TReviewItemState[]) {
  const blocker = completionBlockers(campaign, items);
  if (blocker) throw new AttestlyError('CONFLICT', blocker);
}

/**
 * What a collection says of a revoked account: gone or disabled verifies the revocation; still active after
 * the task's due date flags it; still active before then leaves it pending.
 */
export function judgeRevocation(
  account: Pick<TAccessAccount, 'status'> | null,
  dueDate: string,
  today: string,
): { state: TRevocationState; note: string } {
  if (account === null) return { state: 'verified', note: 'the account is gone from the system' };
  if (account.status === 'disabled') return { state: 'verified', note: 'the account is disabled' };
  if (today > dueDate)
    return { state: 'flagged', note: `the account is still active after the due date ${dueDate}` };
  return { state: 'pending', note: `the account is still active; the removal is due ${dueDate}` };
}

const DAY_MS = 86_400_000;

/** The day `days` days after a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${parseIsoDate(day)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same day `months` months later, or that month's last day when it is shorter (Nov 30 + 3 → Feb 28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = parseIsoDate(day).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** A campaign's name: the system and the calendar quarter it started in. */
export function campaignTitle(systemName: string, frozenOn: string): string {
  const [year, month] = frozenOn.split('-').map(Number) as [number, number];
  return `${systemName} · Q${Math.floor((month - 1) / 3) + 1} ${year}`;
}

/** Whether a system's review is due on a day: never reviewed, or its next due date reached. */
export function reviewDue(nextDue: string | null, today: string): 'overdue' | 'due' | 'scheduled' {
  if (nextDue === null || nextDue === today) return 'due';
  return nextDue < today ? 'overdue' : 'scheduled';
}
