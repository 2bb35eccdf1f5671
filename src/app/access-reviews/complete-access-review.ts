import { addMonths, checkCompletion, DEFAULT_CADENCE_MONTHS } from '../../domain/access-review/campaign.ts';
import { accessReviewCsv } from '../../domain/access-review/report.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { addEvidence } from '../evidence/add-evidence.ts';
import type { AppDeps, OrgScope, Store, TEvidenceRecord } from '../ports.ts';
import type { TAccessReviewCampaign } from './access-review-ports.ts';
import { accessReviewControlCodes, checkReviewer, type TReviewer } from './review-roles.ts';

/** A file name from a system's name: letters, digits and dashes. */
function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'system'
  );
}

/**
 * Completes a review whose every account is decided. The review becomes evidence for CC6.2 and CC6.3: a
 * CSV of the frozen accounts with the decisions, reviewers, times and the snapshot's SHA-256, filed under
 * the access review control and valid until the system's next review is due; and an item of the
 * 'access_review' population auditors sample from. All in one transaction with the audit-log entry.
 */
export async function completeAccessReview(
  deps: AppDeps,
  scope: OrgScope,
  by: TReviewer,
  campaignId: string,
): Promise<{ campaign: TAccessReviewCampaign; evidence: TEvidenceRecord }> {
  return deps.store.transaction(async (repos) => {
    const campaign = await repos.accessReviews.findCampaign(scope, campaignId, { forUpdate: true });
    if (!campaign) throw new AttestlyError('NOT_FOUND', 'no such access review');
    checkReviewer(campaign, by);
    const items = await repos.accessReviews.listItems(scope, campaignId);
    checkCompletion(campaign, items);
    const controlCodes = await accessReviewControlCodes(repos, scope);
    if (controlCodes.length === 0)
      throw new AttestlyError(
        'INVALID_INPUT',
        'the program has no user access review control to file the review under: set up the program first',
      );

    const completedAt = deps.clock.now();
    const today = toIsoDate(completedAt);
    const members = await repos.memberships.list(scope);
    const reviewers = campaign.reviewerUserIds.map((u) => members.find((m) => m.userId === u)?.email ?? u);
    const csv = accessReviewCsv({ ...campaign, reviewers, completedAt, completedBy: deps.actor.id }, items);
    const schedule = campaign.integrationId
      ? (await repos.accessReviews.listSchedules(scope)).find(
          (s) => s.integrationId === campaign.integrationId,
        )
      : undefined;
    const nextDue = schedule?.nextDue ?? addMonths(toIsoDate(campaign.frozenAt), DEFAULT_CADENCE_MONTHS);
    const store: Store = { repos, transaction: (fn) => fn(repos) };
    const evidence = await addEvidence({ ...deps, store }, scope, {
      bytes: new TextEncoder().encode(csv),
      fileName: `access-review-${slug(campaign.systemName)}-${toIsoDate(campaign.frozenAt)}.csv`,
      title: `Access review: ${campaign.title} (snapshot SHA-256 ${campaign.snapshotSha256.slice(0, 12)}…)`,
      controlCodes,
      validFrom: today,
      // The later of two YYYY-MM-DD days: a review completed after the next one was due is valid today only.
      validUntil: [today, nextDue].sort()[1] ?? today,
      source: 'integration',
    });
    if (
      !(await repos.accessReviews.completeCampaign(scope, campaignId, {
        completedAt,
        completedBy: deps.actor.id,
        evidenceId: evidence.id,
      }))
    )
      throw new AttestlyError('CONFLICT', 'the review is already completed');

    const kept = items.filter((i) => i.decision === 'keep').length;
    const revoked = items.filter((i) => i.decision === 'revoke').length;
    await repos.populations.upsert(scope, [
      {
        kind: 'access_review',
        externalId: campaign.id,
        occurredAt: completedAt,
        title: `Access review of ${campaign.systemName}: ${campaign.title}`,
        attributes: {
          system: campaign.systemName,
          accounts: items.length,
          kept,
          revoked,
          frozenAt: campaign.frozenAt.toISOString(),
          snapshotSha256: campaign.snapshotSha256,
          reviewers: reviewers.join(', '),
          completedBy: deps.actor.id,
          evidenceId: evidence.id,
        },
        source: { kind: 'register', ref: 'access reviews', collectedAt: completedAt },
      },
    ]);
    await recordChange(
      repos,
      scope,
      deps,
      'access_review.completed',
      { type: 'access_review', id: campaignId },
      {
        evidence: evidence.id,
        controls: controlCodes,
        accounts: items.length,
        kept,
        revoked,
        snapshotSha256: campaign.snapshotSha256,
      },
    );
    const completed: TAccessReviewCampaign = {
      ...campaign,
      version: campaign.version + 1,
      status: 'completed',
      completedAt,
      completedBy: deps.actor.id,
      evidenceId: evidence.id,
    };
    return { campaign: completed, evidence };
  });
}
