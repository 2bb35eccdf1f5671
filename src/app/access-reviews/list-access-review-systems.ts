import { ACCOUNT_RESOURCE_TYPES } from '../../catalog/monitoring/accounts.ts';
import { DEFAULT_CADENCE_MONTHS, reviewDue } from '../../domain/access-review/campaign.ts';
import { toIsoDate } from '../../domain/dates.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import type { TAccessReviewSummary } from './access-review-ports.ts';

/** A system whose accounts can be reviewed, with its schedule and its reviews. */
export interface TAccessReviewSystem {
  integrationId: string;
  name: string;
  type: string;
  /** The account types its latest results hold, and how many accounts. */
  accountTypes: string[];
  accounts: number;
  cadenceMonths: number;
  /** null: never reviewed, so a review is due now. */
  nextDue: string | null;
  due: 'overdue' | 'due' | 'scheduled';
  lastCampaign: TAccessReviewSummary | null;
  openCampaignId: string | null;
}

/**
 * The systems with accounts (integrations whose monitoring results include an account type), each with when
 * its next review is due and its latest review.
 */
export async function listAccessReviewSystems(
  deps: AppDeps,
  scope: OrgScope,
): Promise<TAccessReviewSystem[]> {
  const { repos } = deps.store;
  const [found, integrations, schedules, campaigns] = await Promise.all([
    repos.accessReviews.accountSystems(scope, ACCOUNT_RESOURCE_TYPES),
    repos.monitoring.listIntegrations(scope),
    repos.accessReviews.listSchedules(scope),
    repos.accessReviews.listCampaigns(scope),
  ]);
  const today = toIsoDate(deps.clock.now());
  const ids = new Set([
    ...found.map((f) => f.integrationId),
    ...campaigns.flatMap((c) => (c.integrationId ? [c.integrationId] : [])),
  ]);
  return integrations
    .filter((i) => ids.has(i.id))
    .map((integration) => {
      const types = found.filter((f) => f.integrationId === integration.id);
      const schedule = schedules.find((s) => s.integrationId === integration.id);
      const own = campaigns.filter((c) => c.integrationId === integration.id);
      const nextDue = schedule?.nextDue ?? null;
      return {
        integrationId: integration.id,
        name: integration.name,
        type: integration.type,
        accountTypes: types.map((t) => t.resourceType),
        accounts: types.reduce((n, t) => n + t.accounts, 0),
        cadenceMonths: schedule?.cadenceMonths ?? DEFAULT_CADENCE_MONTHS,
        nextDue,
        due: reviewDue(nextDue, today),
        lastCampaign: own[0] ?? null,
        openCampaignId: own.find((c) => c.status === 'in_progress')?.id ?? null,
      };
    })
    .sort((a, b) => (a.nextDue ?? '').localeCompare(b.nextDue ?? '') || a.name.localeCompare(b.name));
}
