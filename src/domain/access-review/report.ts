import { toCsv } from '../csv.ts';
import type { TAccessAccount, TReviewDecision, TRevocationState } from './campaign.ts';

// The completed review as an auditor reads it: one row per frozen account with the decision, who made it
// and when, and on every row the campaign, the moment the accounts were frozen and the snapshot's SHA-256,
// so any row can be traced to the hashed snapshot.

export interface TReviewReportCampaign {
  id: string;
  title: string;
  systemName: string;
  frozenAt: Date;
  snapshotSha256: string;
  reviewers: string[];
  completedAt: Date;
  completedBy: string;
}

export interface TReviewReportItem extends TAccessAccount {
  decision: TReviewDecision | null;
  comment: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  taskId: string | null;
  verification: TRevocationState | null;
}

export const REVIEW_REPORT_HEADER = [
  'campaign',
  'system',
  'frozen_at',
  'snapshot_sha256',
  'resource_type',
  'account_id',
  'name',
  'email',
  'status',
  'last_login',
  'roles',
  'groups',
  'privileged',
  'decision',
  'comment',
  'decided_by',
  'decided_at',
  'removal_task',
  'removal_verification',
  'reviewers',
  'completed_at',
  'completed_by',
];

export function accessReviewCsv(
  campaign: TReviewReportCampaign,
  items: readonly TReviewReportItem[],
): string {
  return toCsv(
    REVIEW_REPORT_HEADER,
    items.map((i) => [
      campaign.title,
      campaign.systemName,
      campaign.frozenAt.toISOString(),
      campaign.snapshotSha256,
      i.resourceType,
      i.accountId,
      i.name,
      i.email,
      i.status,
      i.lastLogin,
      i.privileges.roles.join('; '),
      i.privileges.groups.join('; '),
      i.privileges.privileged,
      i.decision,
      i.comment,
      i.decidedBy,
      i.decidedAt ? i.decidedAt.toISOString() : null,
      i.taskId,
      i.verification,
      campaign.reviewers.join('; '),
      campaign.completedAt.toISOString(),
      campaign.completedBy,
    ]),
  );
}
