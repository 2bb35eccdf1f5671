import type { z } from 'zod';
import type { githubRepository } from '../../../catalog/monitoring/github.ts';
import {
  parseResponse,
  type TBranchRule,
  type TClassicProtection,
  type TRuleset,
  ZPullRequestParameters,
  ZStatusCheckParameters,
} from './schemas.ts';

// Classic branch protection and rulesets are two ways to say the same thing, and GitHub applies both
// layers at once, the stricter rule winning. Each source is read into one shape, then merged, so a
// repository protected only by an organization ruleset is judged exactly like one with classic protection.

export type TProtection = NonNullable<z.infer<typeof githubRepository.schema>['protection']>;

export interface TSource {
  kind: 'classic' | 'ruleset';
  name: string;
  bindsAdmins: boolean | null;
  requiresPullRequest: boolean;
  approvals: number;
  dismissStaleReviews: boolean;
  requireCodeOwnerReview: boolean;
  blocksForcePush: boolean;
  blocksDeletion: boolean;
  statusChecks: string[];
}

export function classicSource(protection: TClassicProtection): TSource {
  const reviews = protection.required_pull_request_reviews;
  const checks = protection.required_status_checks;
  return {
    kind: 'classic',
    name: 'branch protection',
    bindsAdmins: protection.enforce_admins?.enabled ?? false,
    requiresPullRequest: Boolean(reviews),
    approvals: reviews?.required_approving_review_count ?? 0,
    dismissStaleReviews: reviews?.dismiss_stale_reviews ?? false,
    requireCodeOwnerReview: reviews?.require_code_owner_reviews ?? false,
    blocksForcePush: !(protection.allow_force_pushes?.enabled ?? false),
    blocksDeletion: !(protection.allow_deletions?.enabled ?? false),
    statusChecks: checks ? [...checks.contexts, ...(checks.checks ?? []).map((c) => c.context)] : [],
  };
}

/** Actors that stand for administrators: organization owners, enterprise owners, the repository admin role. */
const REPOSITORY_ADMIN_ROLE = 5;
function isAdminActor(actor: NonNullable<TRuleset['bypass_actors']>[number]): boolean {
  if (actor.actor_type === 'OrganizationAdmin' || actor.actor_type === 'EnterpriseOwner') return true;
  return actor.actor_type === 'RepositoryRole' && actor.actor_id === REPOSITORY_ADMIN_ROLE;
}

/**
 * One ruleset's rules that apply to the branch. `ruleset` is its detail (for the name and the bypass
 * list); null when it could not be read, so whether administrators may bypass it stays unknown.
 */
export function rulesetSource(id: number, rules: TBranchRule[], ruleset: TRuleset | null): TSource {
  const source: TSource = {
    kind: 'ruleset',
    name: ruleset
      ? `${ruleset.name} (${ruleset.source})`
      : `#${id} (${rules[0]?.ruleset_source ?? 'unknown'})`,
    bindsAdmins: ruleset?.bypass_actors ? !ruleset.bypass_actors.some(isAdminActor) : null,
    requiresPullRequest: false,
    approvals: 0,
    dismissStaleReviews: false,
    requireCodeOwnerReview: false,
    blocksForcePush: false,
    blocksDeletion: false,
    statusChecks: [],
  };
  for (const rule of rules) {
    if (rule.type === 'pull_request') {
      const p = parseResponse(ZPullRequestParameters, rule.parameters, 'a pull_request rule');
      source.requiresPullRequest = true;
      source.approvals = Math.max(source.approvals, p.required_approving_review_count);
      source.dismissStaleReviews ||= p.dismiss_stale_reviews_on_push;
      source.requireCodeOwnerReview ||= p.require_code_owner_review;
    } else if (rule.type === 'required_status_checks') {
      const p = parseResponse(ZStatusCheckParameters, rule.parameters, 'a required_status_checks rule');
      source.statusChecks.push(...p.required_status_checks.map((c) => c.context));
    } else if (rule.type === 'non_fast_forward') {
      source.blocksForcePush = true;
    } else if (rule.type === 'deletion') {
      source.blocksDeletion = true;
    }
  }
  return source;
}

/**
 * The merged view. Administrators count as held to the rules when a source that requires pull requests
 * (the rule they would most want to skip) binds them; with no such source, when any source binds them.
 */
export function mergeProtection(sources: TSource[]): TProtection {
  const withReview = sources.filter((s) => s.requiresPullRequest);
  const judged = withReview.length > 0 ? withReview : sources;
  let enforceAdmins: boolean | null = false;
  if (judged.some((s) => s.bindsAdmins === true)) enforceAdmins = true;
  else if (judged.some((s) => s.bindsAdmins === null)) enforceAdmins = null;
  return {
    protected: sources.length > 0,
    sources: sources.map(({ kind, name, bindsAdmins }) => ({ kind, name, bindsAdmins })),
    requiresPullRequest: sources.some((s) => s.requiresPullRequest),
    requiredApprovingReviewCount: Math.max(0, ...sources.map((s) => s.approvals)),
    dismissStaleReviews: sources.some((s) => s.dismissStaleReviews),
    requireCodeOwnerReview: sources.some((s) => s.requireCodeOwnerReview),
    allowForcePushes: !sources.some((s) => s.blocksForcePush),
    allowDeletions: !sources.some((s) => s.blocksDeletion),
    requiredStatusChecks: [...new Set(sources.flatMap((s) => s.statusChecks))].sort(),
    enforceAdmins,
  };
}
