import { z } from 'zod';
import { parseProviderResponse } from '../shared/provider-http.ts';

// The parts of GitHub's REST responses (API version 2022-11-28) that the collector reads. Only the fields
// used are declared; the rest of each object passes through untouched, so a field GitHub adds never breaks
// a scan, while a field we rely on changing shape does, loudly.

/** Body of every GitHub error response. */
export const ZGithubError = z.looseObject({
  message: z.string(),
  documentation_url: z.string().optional(),
});

/** GET /orgs/{org}. Settings marked owner-only are absent (or null) for tokens of non-owners. */
export const ZOrganization = z.looseObject({
  login: z.string(),
  id: z.number().int(),
  name: z.string().nullish(),
  two_factor_requirement_enabled: z.boolean().nullish(),
  default_repository_permission: z.enum(['read', 'write', 'admin', 'none']).nullish(),
  members_can_create_repositories: z.boolean().nullish(),
  members_can_create_public_repositories: z.boolean().nullish(),
  members_can_create_private_repositories: z.boolean().nullish(),
  members_can_fork_private_repositories: z.boolean().nullish(),
  web_commit_signoff_required: z.boolean().nullish(),
});

/** An item of GET /orgs/{org}/members (a "simple user"). */
export const ZMember = z.looseObject({
  login: z.string(),
  id: z.number().int(),
  type: z.string(),
});

const ZFeatureStatus = z.looseObject({ status: z.enum(['enabled', 'disabled']) }).nullish();

/** An item of GET /orgs/{org}/repos ("minimal repository"). */
export const ZRepository = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  full_name: z.string(),
  private: z.boolean(),
  visibility: z.enum(['public', 'private', 'internal']).optional(),
  archived: z.boolean(),
  disabled: z.boolean().optional(),
  fork: z.boolean(),
  default_branch: z.string(),
  /** Shown only to repository administrators and the organization's owners and security managers. */
  security_and_analysis: z
    .looseObject({
      secret_scanning: ZFeatureStatus,
      secret_scanning_push_protection: ZFeatureStatus,
    })
    .nullish(),
});

const ZEnabled = z.looseObject({ enabled: z.boolean() });

/** GET /repos/{owner}/{repo}/branches/{branch}/protection (classic branch protection). */
export const ZClassicProtection = z.looseObject({
  required_status_checks: z
    .looseObject({
      contexts: z.array(z.string()),
      checks: z.array(z.looseObject({ context: z.string() })).optional(),
    })
    .nullish(),
  enforce_admins: ZEnabled.nullish(),
  required_pull_request_reviews: z
    .looseObject({
      dismiss_stale_reviews: z.boolean().optional(),
      require_code_owner_reviews: z.boolean().optional(),
      required_approving_review_count: z.number().int().min(0).optional(),
    })
    .nullish(),
  allow_force_pushes: ZEnabled.nullish(),
  allow_deletions: ZEnabled.nullish(),
});

/** An item of GET /repos/{owner}/{repo}/rules/branches/{branch}: an active rule and the ruleset it is from. */
export const ZBranchRule = z.looseObject({
  type: z.string(),
  parameters: z.unknown().optional(),
  ruleset_source_type: z.string().optional(),
  ruleset_source: z.string().optional(),
  ruleset_id: z.number().int(),
});

export const ZPullRequestParameters = z.looseObject({
  required_approving_review_count: z.number().int().min(0),
  dismiss_stale_reviews_on_push: z.boolean(),
  require_code_owner_review: z.boolean(),
});

export const ZStatusCheckParameters = z.looseObject({
  required_status_checks: z.array(z.looseObject({ context: z.string() })),
});

/** GET /repos/{owner}/{repo}/rulesets/{id}. `bypass_actors` is shown only to those who may edit it. */
export const ZRuleset = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  source_type: z.string().optional(),
  source: z.string(),
  enforcement: z.enum(['disabled', 'active', 'evaluate']),
  bypass_actors: z
    .array(
      z.looseObject({
        actor_id: z.number().int().nullable(),
        actor_type: z.string(),
        bypass_mode: z.string().optional(),
      }),
    )
    .optional(),
});

const ZSeverity = z.enum(['low', 'medium', 'high', 'critical']);

/** An item of GET /orgs/{org}/dependabot/alerts. */
export const ZDependabotAlert = z.looseObject({
  number: z.number().int(),
  state: z.enum(['open', 'dismissed', 'fixed', 'auto_dismissed']),
  created_at: z.string(),
  dependency: z.looseObject({ package: z.looseObject({ name: z.string() }).nullish() }).nullish(),
  security_advisory: z.looseObject({
    ghsa_id: z.string(),
    cve_id: z.string().nullable(),
    summary: z.string(),
    severity: ZSeverity,
  }),
  security_vulnerability: z.looseObject({ severity: ZSeverity }).nullish(),
  repository: z.looseObject({ id: z.number().int(), full_name: z.string() }),
});

/** GET /repos/{owner}/{repo}/secret-scanning/alerts: only whether it answers is used. */
export const ZSecretScanningAlerts = z.array(z.unknown());

/** A GraphQL actor (a user, a bot, or null for a deleted account shown as "ghost"). */
const ZActor = z.looseObject({ login: z.string() }).nullable();

/** The GraphQL page of a repository's merged pull requests (MERGED_PULL_REQUESTS in pull-requests.ts). */
export const ZMergedPullRequestPage = z.looseObject({
  repository: z
    .looseObject({
      pullRequests: z.looseObject({
        pageInfo: z.looseObject({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
        nodes: z.array(
          z.looseObject({
            number: z.number().int(),
            title: z.string(),
            url: z.string(),
            mergedAt: z.string(),
            updatedAt: z.string(),
            baseRefName: z.string(),
            author: ZActor,
            mergedBy: ZActor,
            reviews: z.looseObject({
              nodes: z.array(z.looseObject({ author: ZActor, submittedAt: z.string().nullable() })),
            }),
          }),
        ),
      }),
    })
    .nullable(),
});

export type TOrganization = z.infer<typeof ZOrganization>;
export type TRepositoryItem = z.infer<typeof ZRepository>;
export type TClassicProtection = z.infer<typeof ZClassicProtection>;
export type TBranchRule = z.infer<typeof ZBranchRule>;
export type TRuleset = z.infer<typeof ZRuleset>;
export type TDependabotAlert = z.infer<typeof ZDependabotAlert>;
export type TMergedPullRequestPage = z.infer<typeof ZMergedPullRequestPage>;

/** Parses a response body, or fails the collection naming the request and the field that did not match. */
export function parseResponse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  return parseProviderResponse('GitHub', schema, data, what);
}
