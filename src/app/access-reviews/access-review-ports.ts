import type {
  TAccessAccount,
  TCampaignStatus,
  TReviewDecision,
  TRevocationState,
} from '../../domain/access-review/campaign.ts';
import type { TSnapshotSource } from '../../domain/access-review/snapshot.ts';
import type { OrgScope } from '../org-scope.ts';

/** A user access review of one system, with the frozen snapshot it reviews. */
export interface TAccessReviewCampaign {
  id: string;
  version: number;
  /** The system (integration) reviewed; null once the integration is deleted. */
  integrationId: string | null;
  /** The integration's id when the review started, kept in the snapshot. */
  systemId: string;
  systemName: string;
  systemType: string;
  title: string;
  status: TCampaignStatus;
  dueDate: string;
  reviewerUserIds: string[];
  frozenAt: Date;
  sources: TSnapshotSource[];
  snapshotSha256: string;
  snapshotBlobKey: string;
  accounts: number;
  /** Who started it, as the audit log names them. */
  startedBy: string;
  completedAt: Date | null;
  completedBy: string | null;
  evidenceId: string | null;
}

/** A campaign with how far its review has come. */
export interface TAccessReviewSummary extends TAccessReviewCampaign {
  progress: { decided: number; kept: number; revoked: number; verified: number; flagged: number };
}

/** One frozen account of a campaign, with the reviewer's decision. */
export interface TAccessReviewItem extends TAccessAccount {
  id: string;
  campaignId: string;
  position: number;
  decision: TReviewDecision | null;
  comment: string;
  /** Who decided, as the audit log names them. */
  decidedBy: string | null;
  decidedAt: Date | null;
  /** The removal task of a revoked account. */
  taskId: string | null;
  /** Whether a collection has shown the revoked account gone (null: not revoked). */
  verification: TRevocationState | null;
  verificationNote: string | null;
  verifiedAt: Date | null;
}

/** A system's review schedule. */
export interface TAccessReviewSchedule {
  integrationId: string;
  cadenceMonths: number;
  nextDue: string;
}

export interface AccessReviewsRepo {
  insertCampaign(scope: OrgScope, campaign: TAccessReviewCampaign, items: TAccessReviewItem[]): Promise<void>;
  /** Newest first, with progress counts. */
  listCampaigns(scope: OrgScope): Promise<TAccessReviewSummary[]>;
  /** With forUpdate, locks the campaign's row until the transaction ends: decisions on it queue up. */
  findCampaign(
    scope: OrgScope,
    id: string,
    options?: { forUpdate?: boolean },
  ): Promise<TAccessReviewCampaign | null>;
  /** The campaign of the system still in progress, if any. */
  findOpenCampaign(scope: OrgScope, integrationId: string): Promise<TAccessReviewCampaign | null>;
  /** In snapshot order. */
  listItems(scope: OrgScope, campaignId: string): Promise<TAccessReviewItem[]>;
  findItem(scope: OrgScope, campaignId: string, itemId: string): Promise<TAccessReviewItem | null>;
  /** Records a decision (never the frozen account); false when the organization has no such item. */
  decideItem(
    scope: OrgScope,
    itemId: string,
    decision: Pick<
      TAccessReviewItem,
      'decision' | 'comment' | 'decidedBy' | 'decidedAt' | 'taskId' | 'verification' | 'verificationNote'
    >,
  ): Promise<boolean>;
  /** Completes an in-progress campaign; false when it was not in progress. */
  completeCampaign(
    scope: OrgScope,
    id: string,
    completion: { completedAt: Date; completedBy: string; evidenceId: string | null },
  ): Promise<boolean>;
  /** Revoked items of the system's campaigns not yet verified, oldest decision first. */
  listOpenRevocations(scope: OrgScope, integrationId: string): Promise<TAccessReviewItem[]>;
  setVerification(
    scope: OrgScope,
    itemId: string,
    verification: { state: TRevocationState; note: string; at: Date | null; runId: string },
  ): Promise<void>;
  /**
   * Integrations whose latest monitoring results include resources of the given types, with how many
   * distinct accounts of each type (read from the stored test states).
   */
  accountSystems(
    scope: OrgScope,
    resourceTypes: readonly string[],
  ): Promise<Array<{ integrationId: string; resourceType: string; accounts: number }>>;
  listSchedules(scope: OrgScope): Promise<TAccessReviewSchedule[]>;
  saveSchedule(scope: OrgScope, schedule: TAccessReviewSchedule, at: Date): Promise<void>;
}
