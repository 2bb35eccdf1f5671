import { AttestlyError } from '../../domain/errors.ts';
import { completeAccessReview } from '../access-reviews/complete-access-review.ts';
import { decideAccessReviewItem } from '../access-reviews/decide-access-review-item.ts';
import { startAccessReview } from '../access-reviews/start-access-review.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

// The demo's user access reviews: the quarterly review of the sample directory, completed (its generic
// test login revoked, the removal awaiting the next collection), and the code host's review in progress.

const OKTA = 'Okta (sample)';
const GITHUB = 'GitHub (sample)';

type TStep =
  | { kind: 'start'; system: string; by: string; reviewer?: string }
  | {
      kind: 'decide';
      system: string;
      by: string;
      account: string;
      decision: 'keep' | 'revoke';
      comment: string;
    }
  | { kind: 'complete'; system: string; by: string };

/** What happens on which day of the demo (after that day's runs), by whom (a DEMO_PEOPLE key). */
const STEPS: Record<number, TStep[]> = {
  59: [{ kind: 'start', system: OKTA, by: 'security' }],
  61: [
    ...[
      ['maria.chen@democloud.example', 'Security lead; super admin is part of the role'],
      ['alex.kim@democloud.example', 'IT lead; second super admin for break-glass'],
      ['sam.patel@democloud.example', 'Engineering'],
      ['jordan.lee@democloud.example', 'People team'],
      ['taylor.brooks@democloud.example', 'Sales'],
      ['chris.morgan@democloud.example', 'Sales'],
      ['riley.stone@democloud.example', 'Starts next month; account pre-provisioned by IT'],
    ].map(([account, comment]) => ({
      kind: 'decide' as const,
      system: OKTA,
      by: 'security',
      account: account as string,
      decision: 'keep' as const,
      comment: comment as string,
    })),
  ],
  63: [
    {
      kind: 'decide',
      system: OKTA,
      by: 'security',
      account: 'pat.rivera@democloud.example',
      decision: 'keep',
      comment: 'Finance; signs in for the quarterly close only',
    },
    {
      kind: 'decide',
      system: OKTA,
      by: 'security',
      account: 'test.user@democloud.example',
      decision: 'revoke',
      comment: 'Generic test login nobody owns (AC-05): remove it',
    },
  ],
  64: [{ kind: 'complete', system: OKTA, by: 'security' }],
  66: [{ kind: 'start', system: GITHUB, by: 'security', reviewer: 'engineering' }],
  69: [
    {
      kind: 'decide',
      system: GITHUB,
      by: 'engineering',
      account: 'mchen-dc',
      decision: 'keep',
      comment: 'Organization owner',
    },
    {
      kind: 'decide',
      system: GITHUB,
      by: 'engineering',
      account: 'spatel-dc',
      decision: 'keep',
      comment: '',
    },
  ],
};

/** One day of the demo's access reviews; called every simulated day, it acts on the days of STEPS. */
export async function seedDemoAccessReviews(
  as: (email: string) => AppDeps,
  scope: OrgScope,
  day: number,
  people: { emailOf: (key: string) => string; userIdOf: (key: string) => string | null },
): Promise<void> {
  for (const step of STEPS[day] ?? []) {
    const deps = as(people.emailOf(step.by));
    const { repos } = deps.store;
    const integration = await repos.monitoring.findIntegration(scope, step.system);
    if (!integration) throw new AttestlyError('INTERNAL', `the demo has no integration "${step.system}"`);
    if (step.kind === 'start') {
      await startAccessReview(
        deps,
        scope,
        {
          system: integration.id,
          ...(step.reviewer ? { reviewerEmails: [people.emailOf(step.reviewer)] } : {}),
        },
        { userId: people.userIdOf(step.by) },
      );
      continue;
    }
    const campaign = (await repos.accessReviews.listCampaigns(scope)).find(
      (c) => c.integrationId === integration.id,
    );
    if (!campaign) throw new AttestlyError('INTERNAL', `the demo has no review of "${step.system}"`);
    const userId = people.userIdOf(step.by);
    const by = { userId, role: (userId ? await repos.memberships.find(scope, userId) : null) ?? 'member' };
    if (step.kind === 'complete') {
      await completeAccessReview(deps, scope, by, campaign.id);
      continue;
    }
    const item = (await repos.accessReviews.listItems(scope, campaign.id)).find(
      (i) => i.name === step.account,
    );
    if (!item) throw new AttestlyError('INTERNAL', `the demo's review has no account "${step.account}"`);
    await decideAccessReviewItem(deps, scope, by, campaign.id, item.id, {
      decision: step.decision,
      comment: step.comment,
    });
  }
}
