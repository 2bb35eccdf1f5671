import {
  addDays,
  addMonths,
  campaignTitle,
  DEFAULT_CADENCE_MONTHS,
} from '../../domain/access-review/campaign.ts';
import {
  accessSnapshotSha256,
  accessSnapshotText,
  sortAccounts,
} from '../../domain/access-review/snapshot.ts';
import { parseIsoDate, toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import type { TAccessReviewCampaign, TAccessReviewItem } from './access-review-ports.ts';
import { readLatestAccounts } from './read-latest-accounts.ts';
import { resolveReviewers } from './review-roles.ts';

/** Days reviewers are given to decide, unless the campaign says otherwise. */
export const REVIEW_DAYS = 14;

export interface TStartReviewInput {
  /** The system: an integration's id or name. */
  system: string;
  dueDate?: string | undefined;
  reviewerEmails?: string[] | undefined;
}

/**
 * Starts a user access review of one system: its accounts, as the latest collection saw them, are frozen.
 * They are copied into the campaign's items, and the canonical JSON of the whole snapshot is hashed and
 * stored, so the review always shows access as it was at the start. The system's next review is scheduled
 * one cadence (a quarter by default) later.
 */
export async function startAccessReview(
  deps: AppDeps,
  scope: OrgScope,
  input: TStartReviewInput,
  startedBy: { userId: string | null },
): Promise<TAccessReviewCampaign> {
  const { repos } = deps.store;
  const integration = await repos.monitoring.findIntegration(scope, input.system.trim());
  if (!integration)
    throw new AttestlyError('NOT_FOUND', `no system "${input.system}" among the integrations`, {
      field: 'system',
    });
  const { sources, accounts } = await readLatestAccounts(deps, scope, integration);
  if (accounts.length === 0)
    throw new AttestlyError(
      'INVALID_INPUT',
      `no accounts have been collected from "${integration.name}" yet: run it (or push its accounts) first`,
      { field: 'system' },
    );
  const frozenAt = deps.clock.now();
  const today = toIsoDate(frozenAt);
  const dueDate =
    input.dueDate !== undefined ? parseIsoDate(input.dueDate, 'due date') : addDays(today, REVIEW_DAYS);
  if (dueDate < today)
    throw new AttestlyError('INVALID_INPUT', 'the review cannot be due before it starts', {
      field: 'dueDate',
    });

  const id = deps.newId();
  const system = { integrationId: integration.id, name: integration.name, type: integration.type };
  const snapshot = { campaignId: id, system, frozenAt: frozenAt.toISOString(), sources, accounts };
  const sha256 = accessSnapshotSha256(snapshot);
  const blob = await deps.blobs.put(new TextEncoder().encode(accessSnapshotText(snapshot)));
  if (blob.sha256 !== sha256)
    throw new AttestlyError('INTERNAL', 'the stored snapshot does not match its hash');

  return deps.store.transaction(async (tx) => {
    const open = await tx.accessReviews.findOpenCampaign(scope, integration.id);
    if (open)
      throw new AttestlyError('CONFLICT', `"${open.title}" is still in progress: complete it first`, {
        field: 'system',
        campaignId: open.id,
      });
    const reviewerUserIds = await resolveReviewers(tx, scope, input.reviewerEmails, startedBy.userId);
    const campaign: TAccessReviewCampaign = {
      id,
      version: 1,
      integrationId: integration.id,
      systemId: integration.id,
      systemName: integration.name,
      systemType: integration.type,
      title: campaignTitle(integration.name, today),
      status: 'in_progress',
      dueDate,
      reviewerUserIds,
      frozenAt,
      sources,
      snapshotSha256: sha256,
      snapshotBlobKey: blob.key,
      accounts: accounts.length,
      startedBy: deps.actor.id,
      completedAt: null,
      completedBy: null,
      evidenceId: null,
    };
    const items: TAccessReviewItem[] = sortAccounts(accounts).map((account, position) => ({
      ...account,
      id: deps.newId(),
      campaignId: id,
      position,
      decision: null,
      comment: '',
      decidedBy: null,
      decidedAt: null,
      taskId: null,
      verification: null,
      verificationNote: null,
      verifiedAt: null,
    }));
    await tx.accessReviews.insertCampaign(scope, campaign, items);
    const schedule = (await tx.accessReviews.listSchedules(scope)).find(
      (s) => s.integrationId === integration.id,
    );
    const cadenceMonths = schedule?.cadenceMonths ?? DEFAULT_CADENCE_MONTHS;
    const nextDue = addMonths(today, cadenceMonths);
    await tx.accessReviews.saveSchedule(
      scope,
      { integrationId: integration.id, cadenceMonths, nextDue },
      frozenAt,
    );
    const members = await tx.memberships.list(scope);
    await recordChange(
      tx,
      scope,
      deps,
      'access_review.started',
      { type: 'access_review', id },
      {
        system: integration.name,
        integrationId: integration.id,
        accounts: accounts.length,
        snapshotSha256: sha256,
        sources,
        dueDate,
        reviewers: reviewerUserIds.map((u) => members.find((m) => m.userId === u)?.email ?? u),
        nextDue,
      },
    );
    return campaign;
  });
}
