import { verifyAccessSnapshot } from '../../domain/access-review/snapshot.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { AppDeps, OrgScope, TTask } from '../ports.ts';
import type { TAccessReviewCampaign, TAccessReviewItem } from './access-review-ports.ts';

export interface TAccessReviewDetail {
  campaign: TAccessReviewCampaign;
  items: TAccessReviewItem[];
  reviewers: Array<{ userId: string; email: string | null }>;
  /** The removal tasks of revoked accounts, by id. */
  tasks: Map<string, TTask>;
  /** The stored snapshot file still has its hash, and the stored accounts rebuild it exactly. */
  integrity: { fileMatches: boolean; rowsMatch: boolean };
}

/** One campaign with its frozen accounts, checked against the hash taken when it started. */
export async function getAccessReview(
  deps: AppDeps,
  scope: OrgScope,
  campaignId: string,
): Promise<TAccessReviewDetail> {
  const { repos } = deps.store;
  const campaign = await repos.accessReviews.findCampaign(scope, campaignId);
  if (!campaign) throw new AttestlyError('NOT_FOUND', 'no such access review');
  const [items, members] = await Promise.all([
    repos.accessReviews.listItems(scope, campaignId),
    repos.memberships.list(scope),
  ]);
  const file = (await deps.blobs.has(campaign.snapshotBlobKey))
    ? await deps.blobs.get(campaign.snapshotBlobKey)
    : new Uint8Array();
  const integrity = verifyAccessSnapshot(campaign.snapshotSha256, file, {
    campaignId: campaign.id,
    system: { integrationId: campaign.systemId, name: campaign.systemName, type: campaign.systemType },
    frozenAt: campaign.frozenAt.toISOString(),
    sources: campaign.sources,
    accounts: items,
  });
  const tasks = new Map<string, TTask>();
  for (const item of items) {
    if (!item.taskId) continue;
    const task = await repos.tasks.find(scope, item.taskId);
    if (task) tasks.set(task.id, task);
  }
  return {
    campaign,
    items,
    reviewers: campaign.reviewerUserIds.map((userId) => ({
      userId,
      email: members.find((m) => m.userId === userId)?.email ?? null,
    })),
    tasks,
    integrity,
  };
}
