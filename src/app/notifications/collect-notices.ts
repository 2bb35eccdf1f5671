import { toIsoDate } from '../../domain/dates.ts';
import { EVIDENCE_WARNING_DAYS, type TNotice } from '../../domain/notifications.ts';
import type { AppDeps, OrgScope, TOrganization } from '../ports.ts';
import { listVendorWarnings } from '../vendors/list-vendor-warnings.ts';

/** A notice and whom it concerns: named members, or every member who may and wants to hear of it. */
export interface TAddressedNotice {
  notice: TNotice;
  audience: string[] | 'everyone';
}

/** How far back a sweep looks for tests that started failing (the key keeps each one queued once). */
const FAILURE_LOOKBACK_MS = 48 * 3_600_000;

/**
 * What is worth telling someone now: overdue tasks, evidence about to expire, tests that started failing,
 * policies waiting for approval or acceptance, and pending trust-center requests. Each notice's key names
 * one occurrence, so a sweep can run as often as it likes.
 */
export async function collectNotices(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  members: Array<{ userId: string; role: string }>,
): Promise<TAddressedNotice[]> {
  const repo = deps.store.repos.notifications;
  const now = deps.clock.now();
  const today = toIsoDate(now);
  const base = `/o/${org.slug}`;
  const out: TAddressedNotice[] = [];

  for (const task of await repo.overdueTasks(scope, today)) {
    out.push({
      notice: {
        key: `task_overdue:${task.id}:${task.dueDate}`,
        kind: 'task_overdue',
        title: `Task "${task.title}" was due ${task.dueDate}`,
        link: `${base}/tasks`,
      },
      audience: task.assigneeUserId ? [task.assigneeUserId] : 'everyone',
    });
  }

  const until = toIsoDate(new Date(now.getTime() + EVIDENCE_WARNING_DAYS * 86_400_000));
  for (const item of await repo.expiringEvidence(scope, today, until)) {
    out.push({
      notice: {
        key: `evidence_expiring:${item.id}:${item.validUntil}`,
        kind: 'evidence_expiring',
        title: `Evidence "${item.title}" expires ${item.validUntil}`,
        link: `${base}/evidence`,
      },
      audience: item.ownerUserIds.length > 0 ? item.ownerUserIds : 'everyone',
    });
  }

  for (const failure of await repo.newFailures(scope, new Date(now.getTime() - FAILURE_LOOKBACK_MS))) {
    const day = failure.firstAt.toISOString().slice(0, 10);
    const resources = failure.resources === 1 ? '1 resource' : `${failure.resources} resources`;
    out.push({
      notice: {
        key: `test_failing:${failure.testId}:${day}`,
        kind: 'test_failing',
        title: `Test ${failure.testId} started failing on ${resources}`,
        link: `${base}/monitoring`,
      },
      audience: 'everyone',
    });
  }

  for (const draft of await repo.draftsAwaitingApproval(scope)) {
    out.push({
      notice: {
        key: `policy_approve:${draft.policyId}:v${draft.version}`,
        kind: 'policy_action',
        title: `Policy "${draft.title}" version ${draft.version} waits for approval`,
        link: `${base}/policies/${draft.policyId}`,
      },
      audience: draft.ownerUserId ? [draft.ownerUserId] : 'everyone',
    });
  }

  const acceptors = members.filter((m) => m.role !== 'auditor' && m.role !== 'viewer').map((m) => m.userId);
  for (const policy of await repo.publishedPolicies(scope)) {
    const pending = acceptors.filter((id) => !policy.acceptedBy.includes(id));
    if (pending.length === 0) continue;
    out.push({
      notice: {
        key: `policy_accept:${policy.policyId}:v${policy.version}`,
        kind: 'policy_action',
        title: `Please read and accept "${policy.title}" (version ${policy.version})`,
        link: `${base}/me`,
      },
      audience: pending,
    });
  }

  const campaigns = await deps.store.repos.accessReviews.listCampaigns(scope);
  const reviewing = new Set(campaigns.filter((c) => c.status !== 'completed').map((c) => c.integrationId));
  for (const schedule of await deps.store.repos.accessReviews.listSchedules(scope)) {
    if (schedule.nextDue > until || reviewing.has(schedule.integrationId)) continue;
    const system =
      campaigns.find((c) => c.integrationId === schedule.integrationId)?.systemName ?? 'a system';
    out.push({
      notice: {
        key: `access_review_due:${schedule.integrationId}:${schedule.nextDue}`,
        kind: 'access_review',
        title: `The access review of ${system} is due ${schedule.nextDue}; start it`,
        link: `${base}/access-reviews`,
      },
      audience: 'everyone',
    });
  }
  for (const campaign of campaigns) {
    if (campaign.status === 'completed') continue;
    const left = campaign.accounts - campaign.progress.decided;
    if (left === 0) continue;
    out.push({
      notice: {
        key: `access_review:${campaign.id}`,
        kind: 'access_review',
        title: `${campaign.title}: ${left} of ${campaign.accounts} accounts to decide, due ${campaign.dueDate}`,
        link: `${base}/access-reviews/${campaign.id}`,
      },
      audience: campaign.reviewerUserIds.length > 0 ? campaign.reviewerUserIds : 'everyone',
    });
  }

  for (const warning of await listVendorWarnings(deps, scope, today)) {
    out.push({
      notice: {
        key: `vendor_warning:${warning.vendorId}:${warning.kind}:${warning.date ?? 'none'}`,
        kind: 'vendor_warning',
        title: `${warning.vendorName}: ${warning.message}`,
        link: `${base}/vendors/${warning.vendorId}`,
      },
      audience: 'everyone',
    });
  }

  for (const request of await repo.pendingAccessRequests(scope)) {
    out.push({
      notice: {
        key: `access_request:${request.id}`,
        kind: 'access_request',
        title: `${request.name} (${request.company}) asks for trust-center documents`,
        link: `${base}/trust-center`,
      },
      audience: 'everyone',
    });
  }
  return out;
}
