import { z } from 'zod';
import { fail, notApplicable, pass, type TVerdict } from '../../domain/monitoring/model.ts';
import { defineTest, resourceType, type TProviderLibrary } from './define.ts';

// A GitHub organization as its REST API shows it: the organization's settings, its members, its
// repositories (with the default branch's protection, classic or rulesets, merged into one view) and its
// open Dependabot alerts. A value GitHub did not show to the token is null, and `unavailable` says why, so
// a test can answer "could not tell" instead of a false pass or fail.

/** GitHub's own message for a read that failed, and the permission the token lacked when known. */
const ZUnavailable = z.record(
  z.string(),
  z.object({ message: z.string(), permission: z.string().nullable() }),
);

export const githubOrganization = resourceType(
  'github.organization',
  'GitHub organization',
  z.object({
    login: z.string(),
    name: z.string().nullable(),
    /** Owner-only settings: null when the token does not belong to an organization owner. */
    twoFactorRequirementEnabled: z.boolean().nullable(),
    defaultRepositoryPermission: z.enum(['read', 'write', 'admin', 'none']).nullable(),
    membersCanCreateRepositories: z.boolean().nullable(),
    membersCanCreatePublicRepositories: z.boolean().nullable(),
    membersCanCreatePrivateRepositories: z.boolean().nullable(),
    membersCanForkPrivateRepositories: z.boolean().nullable(),
    webCommitSignoffRequired: z.boolean().nullable(),
  }),
);

export const githubMember = resourceType(
  'github.member',
  'GitHub organization member',
  z.object({
    login: z.string(),
    role: z.enum(['admin', 'member']),
    type: z.string(),
    /** From the owners-only `filter=2fa_disabled` listing; null when that listing was refused. */
    twoFactorEnabled: z.boolean().nullable(),
    unavailable: ZUnavailable,
  }),
);

/** The default branch's protection: classic branch protection and every active ruleset, merged. */
const ZProtection = z.object({
  /** Whether any classic protection or active ruleset rule applies to the branch at all. */
  protected: z.boolean(),
  sources: z.array(
    z.object({
      kind: z.enum(['classic', 'ruleset']),
      name: z.string(),
      /** Whether administrators are held to this source's rules; null when its bypass list is hidden. */
      bindsAdmins: z.boolean().nullable(),
    }),
  ),
  requiresPullRequest: z.boolean(),
  requiredApprovingReviewCount: z.number().int().min(0),
  dismissStaleReviews: z.boolean(),
  requireCodeOwnerReview: z.boolean(),
  allowForcePushes: z.boolean(),
  allowDeletions: z.boolean(),
  requiredStatusChecks: z.array(z.string()),
  /** Administrators cannot bypass the review requirement (or, without one, the other rules). */
  enforceAdmins: z.boolean().nullable(),
});

export const githubRepository = resourceType(
  'github.repository',
  'GitHub repository',
  z.object({
    fullName: z.string(),
    visibility: z.enum(['public', 'private', 'internal']),
    archived: z.boolean(),
    fork: z.boolean(),
    defaultBranch: z.string(),
    protection: ZProtection.nullable(),
    dependabotAlertsEnabled: z.boolean().nullable(),
    secretScanning: z.enum(['enabled', 'disabled']).nullable(),
    pushProtection: z.enum(['enabled', 'disabled']).nullable(),
    /** Why a value is null, keyed protection, enforceAdmins, dependabotAlertsEnabled, secretScanning or pushProtection. */
    unavailable: ZUnavailable,
  }),
);

export const githubDependabotAlert = resourceType(
  'github.dependabot_alert',
  'GitHub Dependabot alert',
  z.object({
    number: z.number().int(),
    repository: z.string(),
    repositoryArchived: z.boolean(),
    state: z.enum(['open', 'dismissed', 'fixed', 'auto_dismissed']),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    /** ISO 8601: when GitHub raised the alert, the start of the remediation clock. */
    createdAt: z.string(),
    packageName: z.string().nullable(),
    advisory: z.string(),
    summary: z.string(),
  }),
);

/** A pull request merged within the collector's lookback, with who approved it before the merge. */
export const githubPullRequest = resourceType(
  'github.pull_request',
  'GitHub merged pull request',
  z.object({
    repository: z.string(),
    number: z.number().int(),
    title: z.string(),
    url: z.string(),
    /** null for a deleted account (GitHub's "ghost"). */
    author: z.string().nullable(),
    mergedBy: z.string().nullable(),
    /** ISO 8601. */
    mergedAt: z.string(),
    baseBranch: z.string(),
    defaultBranch: z.string(),
    /** Distinct reviewers other than the author whose approval was submitted before the merge. */
    approvals: z.number().int().min(0),
    approvers: z.array(z.string()),
  }),
);

type TRepository = z.infer<typeof githubRepository.schema>;
type TProtection = z.infer<typeof ZProtection>;
type TAlert = z.infer<typeof githubDependabotAlert.schema>;

/** Days an open alert of each severity may stay open (CHG-07, OPS-08). */
export const DEPENDABOT_SLA_DAYS = { critical: 7, high: 30 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The test could not judge: a broken read must not pass and is not the organization's failure either. */
function unknown(reason: string, fields: Record<string, unknown> = {}): TVerdict {
  return { status: 'error', reason, fields };
}

function unavailableReason(what: string, entry: { message: string; permission: string | null } | undefined) {
  if (!entry) return `GitHub did not show ${what} to this token`;
  return `GitHub did not show ${what}: ${entry.message}${entry.permission ? ` (needs ${entry.permission})` : ''}`;
}

/**
 * The frame of every default-branch test: archived repositories are read-only, so nothing can be pushed
 * to them; an unreadable or absent protection is unknown or a failure before the rule is looked at.
 */
function branchTest(
  repo: TRepository,
  judge: (protection: TProtection, fields: Record<string, unknown>) => TVerdict,
): TVerdict {
  const fields = { defaultBranch: repo.defaultBranch, archived: repo.archived };
  if (repo.archived) return notApplicable('the repository is archived: it is read-only', fields);
  const { protection } = repo;
  if (!protection)
    return unknown(unavailableReason('the branch protection', repo.unavailable.protection), fields);
  const sources = protection.sources.map((s) => `${s.kind} ${s.name}`);
  if (!protection.protected)
    return fail(`${repo.defaultBranch} has no branch protection and no ruleset`, { ...fields, sources });
  return judge(protection, { ...fields, sources });
}

/** A repository security feature that is on, off, or hidden from the token; archived repositories are exempt. */
function featureTest(key: 'dependabotAlertsEnabled' | 'secretScanning' | 'pushProtection', label: string) {
  return ({ attributes: repo }: { attributes: TRepository }): TVerdict => {
    if (repo.archived)
      return notApplicable('the repository is archived: it is read-only', { archived: true });
    const value = repo[key];
    if (value === null) return unknown(unavailableReason(`the ${label} status`, repo.unavailable[key]));
    return value === true || value === 'enabled'
      ? pass(`${label}: enabled`, { [key]: value })
      : fail(`${label}: disabled`, { [key]: value });
  };
}

function slaTest(severity: keyof typeof DEPENDABOT_SLA_DAYS) {
  return ({ attributes: alert }: { attributes: TAlert }, context: { now: Date }): TVerdict => {
    const fields = { severity: alert.severity, state: alert.state, createdAt: alert.createdAt };
    if (alert.state !== 'open') return notApplicable(`the alert is ${alert.state}`, fields);
    if (alert.severity !== severity)
      return notApplicable(`the alert is ${alert.severity}, not ${severity}`, fields);
    if (alert.repositoryArchived) return notApplicable(`${alert.repository} is archived`, fields);
    const days = Math.floor((context.now.getTime() - Date.parse(alert.createdAt)) / DAY_MS);
    const limit = DEPENDABOT_SLA_DAYS[severity];
    const what = `${alert.advisory} in ${alert.packageName ?? 'a dependency'}`;
    return days > limit
      ? fail(`${what} has been open ${days} days, past the ${limit}-day limit`, { ...fields, days, limit })
      : pass(`${what} has been open ${days} of ${limit} days`, { ...fields, days, limit });
  };
}

const SETTINGS_PAGE = 'the repository Settings → Rules → Rulesets (or Branches → Branch protection rules)';

export const githubLibrary: TProviderLibrary = {
  provider: 'github',
  resourceTypes: [
    githubOrganization,
    githubMember,
    githubRepository,
    githubDependabotAlert,
    githubPullRequest,
  ],
  tests: [
    defineTest(githubOrganization, {
      id: 'github.org_requires_two_factor',
      title: 'The GitHub organization requires two-factor authentication',
      severity: 'high',
      rationale:
        'Source code and the CI secrets around it are reachable with one GitHub password unless the organization requires a second factor of every member and outside collaborator.',
      remediation:
        'Organization Settings → Authentication security → check "Require two-factor authentication"; members without 2FA are removed, so ask them to enrol first.',
      controls: ['AC-04'],
      evaluate({ attributes: org }) {
        const value = org.twoFactorRequirementEnabled;
        if (value === null) return unknown('GitHub shows this setting only to organization owners', {});
        return value
          ? pass('the organization requires two-factor authentication', {
              twoFactorRequirementEnabled: value,
            })
          : fail('the organization does not require two-factor authentication', {
              twoFactorRequirementEnabled: value,
            });
      },
    }),
    defineTest(githubMember, {
      id: 'github.member_two_factor_enabled',
      title: 'Every GitHub organization member has two-factor authentication',
      severity: 'high',
      rationale:
        'Until the organization enforces 2FA, each member without it is one stolen password away from the code; the member list shows who to chase.',
      remediation:
        'Ask the member to enable 2FA (github.com/settings/security), or remove them; then require 2FA for the organization.',
      controls: ['AC-04'],
      evaluate({ attributes: member }) {
        const fields = { login: member.login, role: member.role, twoFactorEnabled: member.twoFactorEnabled };
        if (member.twoFactorEnabled === null)
          return unknown(
            unavailableReason('members without 2FA', member.unavailable.twoFactorEnabled),
            fields,
          );
        return member.twoFactorEnabled
          ? pass(`${member.login} has two-factor authentication`, fields)
          : fail(`${member.login} has not enabled two-factor authentication`, fields);
      },
    }),
    defineTest(githubOrganization, {
      id: 'github.org_default_permission_restricted',
      title: 'Members get at most read access to repositories by default',
      severity: 'medium',
      rationale:
        'The base permission applies to every member and every repository; write or admin by default grants change rights nobody approved.',
      remediation:
        'Organization Settings → Member privileges → Base permissions → "Read" or "No permission"; grant write through teams.',
      controls: ['AC-23', 'AC-09'],
      evaluate({ attributes: org }) {
        const value = org.defaultRepositoryPermission;
        const fields = { defaultRepositoryPermission: value };
        if (value === null) return unknown('GitHub shows this setting only to organization owners', fields);
        return value === 'read' || value === 'none'
          ? pass(`the base permission is ${value}`, fields)
          : fail(`the base permission is ${value}: every member can change every repository`, fields);
      },
    }),
    defineTest(githubOrganization, {
      id: 'github.org_public_repo_creation_restricted',
      title: 'Members cannot create public repositories',
      severity: 'medium',
      rationale:
        'A public repository publishes its code to the world; letting every member create one invites accidental disclosure of code and secrets.',
      remediation:
        'Organization Settings → Member privileges → Repository creation → uncheck "Public"; owners can still create public repositories when approved.',
      controls: ['AC-23'],
      evaluate({ attributes: org }) {
        const value = org.membersCanCreatePublicRepositories;
        const fields = { membersCanCreatePublicRepositories: value };
        if (value === null) return unknown('GitHub shows this setting only to organization owners', fields);
        return value
          ? fail('members can create public repositories', fields)
          : pass('only owners can create public repositories', fields);
      },
    }),
    defineTest(githubRepository, {
      id: 'github.default_branch_protected',
      title: 'The default branch is protected (classic protection or a ruleset)',
      severity: 'high',
      rationale:
        'Without protection anyone with write access can push unreviewed code straight to the branch that is deployed.',
      remediation: `Protect the default branch in ${SETTINGS_PAGE}; an organization ruleset covering all repositories is easiest to keep.`,
      controls: ['CHG-02'],
      evaluate: ({ attributes: repo }) =>
        branchTest(repo, (_, fields) => pass(`${repo.defaultBranch} is protected`, fields)),
    }),
    defineTest(githubRepository, {
      id: 'github.default_branch_requires_approval',
      title: 'Changes to the default branch need at least one approving review',
      severity: 'high',
      rationale:
        'Peer review is the change-management control auditors sample; the branch must enforce it, not just allow it.',
      remediation: `Require a pull request with at least one approving review in ${SETTINGS_PAGE}.`,
      controls: ['CHG-01', 'CHG-02'],
      evaluate: ({ attributes: repo }) =>
        branchTest(repo, (p, fields) => {
          const f = {
            ...fields,
            requiresPullRequest: p.requiresPullRequest,
            approvals: p.requiredApprovingReviewCount,
          };
          if (!p.requiresPullRequest) return fail('pull requests are not required', f);
          return p.requiredApprovingReviewCount >= 1
            ? pass(`${p.requiredApprovingReviewCount} approving review(s) required`, f)
            : fail('pull requests are required but need no approving review', f);
        }),
    }),
    defineTest(githubRepository, {
      id: 'github.default_branch_dismisses_stale_reviews',
      title: 'New commits dismiss earlier approvals on the default branch',
      severity: 'medium',
      rationale:
        'Otherwise an approved pull request can be changed after approval and merged with code nobody reviewed.',
      remediation: `Enable "Dismiss stale pull request approvals when new commits are pushed" in ${SETTINGS_PAGE}.`,
      controls: ['CHG-01', 'CHG-02'],
      evaluate: ({ attributes: repo }) =>
        branchTest(repo, (p, fields) =>
          p.dismissStaleReviews
            ? pass('new commits dismiss earlier approvals', { ...fields, dismissStaleReviews: true })
            : fail('approvals survive new commits', { ...fields, dismissStaleReviews: false }),
        ),
    }),
    defineTest(githubRepository, {
      id: 'github.default_branch_blocks_force_push',
      title: 'Force pushes to the default branch are blocked',
      severity: 'high',
      rationale:
        'A force push rewrites the history auditors rely on and can replace reviewed commits with unreviewed ones.',
      remediation: `Block force pushes ("Allow force pushes" off, or the ruleset rule "Block force pushes") in ${SETTINGS_PAGE}.`,
      controls: ['CHG-02'],
      evaluate: ({ attributes: repo }) =>
        branchTest(repo, (p, fields) =>
          p.allowForcePushes
            ? fail('force pushes are allowed', { ...fields, allowForcePushes: true })
            : pass('force pushes are blocked', { ...fields, allowForcePushes: false }),
        ),
    }),
    defineTest(githubRepository, {
      id: 'github.default_branch_blocks_deletion',
      title: 'The default branch cannot be deleted',
      severity: 'medium',
      rationale:
        'Deleting the default branch destroys the reviewed history and the protection that goes with it.',
      remediation: `Turn off "Allow deletions" (or add the ruleset rule "Restrict deletions") in ${SETTINGS_PAGE}.`,
      controls: ['CHG-02'],
      evaluate: ({ attributes: repo }) =>
        branchTest(repo, (p, fields) =>
          p.allowDeletions
            ? fail('the branch can be deleted', { ...fields, allowDeletions: true })
            : pass('deletion is blocked', { ...fields, allowDeletions: false }),
        ),
    }),
    defineTest(githubRepository, {
      id: 'github.default_branch_requires_status_checks',
      title: 'Status checks must pass before merging to the default branch',
      severity: 'medium',
      rationale:
        'Required checks make the automated tests a gate rather than advice: a failing build cannot be merged.',
      remediation: `Require status checks to pass, naming the CI jobs, in ${SETTINGS_PAGE}.`,
      controls: ['CHG-03', 'CHG-02'],
      evaluate: ({ attributes: repo }) =>
        branchTest(repo, (p, fields) => {
          const f = { ...fields, requiredStatusChecks: p.requiredStatusChecks };
          return p.requiredStatusChecks.length > 0
            ? pass(`required checks: ${p.requiredStatusChecks.join(', ')}`, f)
            : fail('no status check is required', f);
        }),
    }),
    defineTest(githubRepository, {
      id: 'github.default_branch_admins_not_exempt',
      title: 'Administrators are held to the default branch rules',
      severity: 'medium',
      rationale:
        'Rules that administrators can bypass leave the most powerful accounts able to merge unreviewed changes.',
      remediation: `Check "Do not allow bypassing the above settings" (classic) or remove administrator roles from the ruleset's bypass list in ${SETTINGS_PAGE}.`,
      controls: ['CHG-02'],
      evaluate: ({ attributes: repo }) =>
        branchTest(repo, (p, fields) => {
          const f = { ...fields, bindsAdmins: p.sources.map((s) => `${s.kind} ${s.name}: ${s.bindsAdmins}`) };
          if (p.enforceAdmins === null)
            return unknown(
              unavailableReason('who may bypass the rulesets', repo.unavailable.enforceAdmins),
              f,
            );
          return p.enforceAdmins
            ? pass('administrators cannot bypass the rules', f)
            : fail('administrators can bypass the rules', f);
        }),
    }),
    defineTest(githubRepository, {
      id: 'github.dependabot_alerts_enabled',
      title: 'Dependabot alerts are enabled',
      severity: 'medium',
      rationale: 'Without dependency alerts, known vulnerabilities in third-party packages go unnoticed.',
      remediation:
        'Repository Settings → Code security → enable "Dependabot alerts" (or enable it for all repositories from the organization settings).',
      controls: ['CHG-07'],
      evaluate: featureTest('dependabotAlertsEnabled', 'Dependabot alerts'),
    }),
    defineTest(githubDependabotAlert, {
      id: 'github.dependabot_critical_within_sla',
      title: `No critical Dependabot alert open longer than ${DEPENDABOT_SLA_DAYS.critical} days`,
      severity: 'high',
      rationale:
        'Critical vulnerabilities in dependencies are exploited quickly; fixing them within a set time is what the remediation policy promises.',
      remediation:
        'Merge the Dependabot pull request or upgrade the package; if it cannot be fixed, record a risk acceptance and dismiss the alert with that reason.',
      controls: ['OPS-08', 'CHG-07'],
      evaluate: slaTest('critical'),
    }),
    defineTest(githubDependabotAlert, {
      id: 'github.dependabot_high_within_sla',
      title: `No high Dependabot alert open longer than ${DEPENDABOT_SLA_DAYS.high} days`,
      severity: 'medium',
      rationale:
        'High-severity vulnerabilities left open past the policy timeframe are an exception an auditor will find.',
      remediation:
        'Merge the Dependabot pull request or upgrade the package; if it cannot be fixed, record a risk acceptance and dismiss the alert with that reason.',
      controls: ['OPS-08', 'CHG-07'],
      evaluate: slaTest('high'),
    }),
    defineTest(githubRepository, {
      id: 'github.secret_scanning_enabled',
      title: 'Secret scanning is enabled',
      severity: 'high',
      rationale:
        'Keys and tokens committed to a repository are the most common leak; scanning finds them so they can be revoked.',
      remediation:
        'Repository Settings → Code security → enable "Secret scanning" (private repositories need GitHub Secret Protection).',
      controls: ['CHG-08'],
      evaluate: featureTest('secretScanning', 'secret scanning'),
    }),
    defineTest(githubRepository, {
      id: 'github.push_protection_enabled',
      title: 'Secret scanning push protection is enabled',
      severity: 'medium',
      rationale:
        'Push protection stops a recognised secret before it reaches the repository, where it would have to be rotated.',
      remediation: 'Repository Settings → Code security → Secret scanning → enable "Push protection".',
      controls: ['CHG-08'],
      evaluate: featureTest('pushProtection', 'push protection'),
    }),
    defineTest(githubPullRequest, {
      id: 'github.change_approved_by_other',
      title: 'Merged changes were approved by someone other than the author',
      severity: 'high',
      rationale:
        'A change merged without an independent approval is the exception an auditor looks for when sampling the population of changes; branch rules can be bypassed by administrators, so each merge is checked.',
      remediation:
        'Have someone other than the author review the merged change after the fact and record it; require approving reviews on the default branch and hold administrators to the rule.',
      controls: ['CHG-01'],
      evaluate({ attributes: pr }) {
        const fields = {
          author: pr.author,
          mergedBy: pr.mergedBy,
          mergedAt: pr.mergedAt,
          baseBranch: pr.baseBranch,
          approvers: pr.approvers,
        };
        if (pr.baseBranch !== pr.defaultBranch)
          return notApplicable(
            `merged into ${pr.baseBranch}, not the default branch ${pr.defaultBranch}`,
            fields,
          );
        return pr.approvals > 0
          ? pass(`approved before the merge by ${pr.approvers.join(', ')}`, fields)
          : fail(
              `merged by ${pr.mergedBy ?? 'an unknown account'} without an approval by anyone other than the author (${pr.author ?? 'unknown'})`,
              fields,
            );
      },
    }),
  ],
};
