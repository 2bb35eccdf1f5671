import {
  addDays,
  checkDecision,
  REVOCATION_DAYS,
  type TReviewDecision,
} from '../../domain/access-review/campaign.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, Repositories, Store } from '../ports.ts';
import { createTask } from '../tasks/manage-tasks.ts';
import type { TAccessReviewCampaign, TAccessReviewItem } from './access-review-ports.ts';
import { ACCESS_REVIEW_CONTROL, checkReviewer, REMOVAL_CRITERION, type TReviewer } from './review-roles.ts';

export interface TDecisionInput {
  decision: TReviewDecision;
  comment?: string | undefined;
  /** Who removes a revoked account; by default the IT owner, else whoever decides. */
  assigneeEmail?: string | null | undefined;
}

/** Who removes the access: the one named, else the IT owner, else who revoked it, else the first reviewer. */
async function removalAssignee(
  repos: Repositories,
  scope: OrgScope,
  input: TDecisionInput,
  by: TReviewer,
  campaign: TAccessReviewCampaign,
): Promise<string | null> {
  if (input.assigneeEmail?.trim()) return input.assigneeEmail;
  const members = await repos.memberships.list(scope);
  const it = (await repos.ownerRoles.list(scope)).find((a) => a.ownerRole === 'it');
  const userId = it?.userId ?? by.userId ?? campaign.reviewerUserIds[0];
  return members.find((m) => m.userId === userId)?.email ?? null;
}

/**
 * A reviewer keeps or revokes one frozen account, with a comment. A revocation becomes a removal task
 * (due in a week, on the access review control) that the system's next collection verifies.
 */
export async function decideAccessReviewItem(
  deps: AppDeps,
  scope: OrgScope,
  by: TReviewer,
  campaignId: string,
  itemId: string,
  input: TDecisionInput,
): Promise<{ campaign: TAccessReviewCampaign; item: TAccessReviewItem }> {
  return deps.store.transaction(async (repos) => {
    const campaign = await repos.accessReviews.findCampaign(scope, campaignId, { forUpdate: true });
    if (!campaign) throw new AttestlyError('NOT_FOUND', 'no such access review');
    checkReviewer(campaign, by);
    const before = await repos.accessReviews.findItem(scope, campaignId, itemId);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such account in this review');
    const comment = checkDecision(campaign, before, input.decision, input.comment ?? '');
    const now = deps.clock.now();
    let taskId: string | null = null;
    if (input.decision === 'revoke') {
      // The task is created by the same use-case as any other, inside this transaction.
      const store: Store = { repos, transaction: (fn) => fn(repos) };
      const control = await repos.controls.findByCode(scope, ACCESS_REVIEW_CONTROL);
      const task = await createTask({ ...deps, store }, scope, {
        title: `Remove ${before.name} from ${campaign.systemName}`.slice(0, 200),
        description: [
          `The access review "${campaign.title}" (campaign ${campaign.id}) revoked this account: ${before.resourceType} ${before.accountId}.`,
          `Reason: ${comment}`,
          `Remove or disable it in ${campaign.systemName}; the next collection of ${campaign.systemName} verifies it and closes this task.`,
        ].join('\n'),
        controlCode: control ? control.code : null,
        criterionId: REMOVAL_CRITERION,
        assigneeEmail: await removalAssignee(repos, scope, input, by, campaign),
        dueDate: addDays(toIsoDate(now), REVOCATION_DAYS),
      });
      taskId = task.id;
    }
    const item: TAccessReviewItem = {
      ...before,
      decision: input.decision,
      comment,
      decidedBy: deps.actor.id,
      decidedAt: now,
      taskId,
      verification: input.decision === 'revoke' ? 'pending' : null,
      verificationNote: input.decision === 'revoke' ? 'waiting for the next collection' : null,
    };
    await repos.accessReviews.decideItem(scope, itemId, item);
    await recordChange(
      repos,
      scope,
      deps,
      'access_review.decided',
      { type: 'access_review', id: campaignId },
      {
        item: itemId,
        account: before.accountId,
        name: before.name,
        decision: input.decision,
        comment,
        ...(before.decision ? { previous: before.decision } : {}),
        ...(taskId ? { task: taskId } : {}),
      },
    );
    return { campaign, item };
  });
}
