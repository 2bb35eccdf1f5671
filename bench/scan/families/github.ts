import {
  githubDependabotAlert,
  githubMember,
  githubOrganization,
  githubRepository,
} from '../../../src/catalog/monitoring/github.ts';
import { generator, hex, iso, nullable } from './kit.ts';

// GitHub: organizations, members, repositories with their default-branch protection, Dependabot alerts.

/** What the collector records when GitHub hides a value from a token that is not an owner's. */
const NO_OWNER = { message: 'Must have admin rights to Repository.', permission: 'administration:read' };
const UNAVAILABLE_NONE: Record<string, typeof NO_OWNER> = {};

export const githubGenerators = [
  generator(
    githubOrganization,
    0.05,
    (rng, i) => ({
      id: String(9_000_000 + i),
      name: `org-${i}`,
      attributes: {
        login: `org-${i}`,
        name: nullable(rng, 0.3, `Organization ${i}`),
        twoFactorRequirementEnabled: nullable(rng, 0.1, rng.chance(0.7)),
        defaultRepositoryPermission: nullable(
          rng,
          0.1,
          rng.pick(['read', 'write', 'admin', 'none'] as const),
        ),
        membersCanCreateRepositories: nullable(rng, 0.1, rng.chance(0.5)),
        membersCanCreatePublicRepositories: nullable(rng, 0.1, rng.chance(0.3)),
        membersCanCreatePrivateRepositories: nullable(rng, 0.1, rng.chance(0.6)),
        membersCanForkPrivateRepositories: nullable(rng, 0.1, rng.chance(0.2)),
        webCommitSignoffRequired: nullable(rng, 0.1, rng.chance(0.2)),
      },
    }),
    (a) => ({ ...a, twoFactorRequirementEnabled: a.twoFactorRequirementEnabled !== true }),
  ),
  generator(
    githubMember,
    20,
    (rng, i) => {
      const twoFactorEnabled = rng.chance(0.03) ? null : rng.chance(0.9);
      return {
        id: String(1_000_000 + i),
        name: `user-${i}`,
        attributes: {
          login: `user-${i}`,
          role: rng.chance(0.05) ? ('admin' as const) : ('member' as const),
          type: 'User',
          twoFactorEnabled,
          unavailable: twoFactorEnabled === null ? { twoFactorEnabled: NO_OWNER } : UNAVAILABLE_NONE,
        },
      };
    },
    (a) => ({ ...a, twoFactorEnabled: a.twoFactorEnabled !== true, unavailable: {} }),
  ),
  generator(
    githubRepository,
    12,
    (rng, i) => {
      const hidden = rng.chance(0.02);
      const isProtected = rng.chance(0.8);
      const sources = isProtected
        ? [
            { kind: 'classic' as const, name: 'main', bindsAdmins: nullable(rng, 0.1, rng.chance(0.5)) },
            ...(rng.chance(0.3)
              ? [{ kind: 'ruleset' as const, name: 'org-default', bindsAdmins: true }]
              : []),
          ]
        : [];
      const feature = () => nullable(rng, 0.05, rng.pick(['enabled', 'enabled', 'disabled'] as const));
      return {
        id: String(50_000_000 + i),
        name: `org-${i % 50}/repo-${i}`,
        attributes: {
          fullName: `org-${i % 50}/repo-${i}`,
          visibility: rng.pick(['private', 'private', 'internal', 'public'] as const),
          archived: rng.chance(0.05),
          fork: rng.chance(0.1),
          defaultBranch: rng.pick(['main', 'main', 'master']),
          protection: hidden
            ? null
            : {
                protected: isProtected,
                sources,
                requiresPullRequest: isProtected && rng.chance(0.85),
                requiredApprovingReviewCount: isProtected ? rng.int(3) : 0,
                dismissStaleReviews: isProtected && rng.chance(0.6),
                requireCodeOwnerReview: isProtected && rng.chance(0.3),
                allowForcePushes: !isProtected || rng.chance(0.1),
                allowDeletions: !isProtected || rng.chance(0.1),
                requiredStatusChecks: isProtected && rng.chance(0.7) ? ['ci / test', 'ci / lint'] : [],
                enforceAdmins: isProtected ? nullable(rng, 0.05, rng.chance(0.6)) : false,
              },
          dependabotAlertsEnabled: nullable(rng, 0.05, rng.chance(0.7)),
          secretScanning: feature(),
          pushProtection: feature(),
          unavailable: hidden ? { protection: NO_OWNER } : UNAVAILABLE_NONE,
        },
      };
    },
    (a) =>
      a.archived ? { ...a, archived: false } : { ...a, dependabotAlertsEnabled: !a.dependabotAlertsEnabled },
  ),
  generator(
    githubDependabotAlert,
    20,
    (rng, i) => {
      const repository = `org-${i % 50}/repo-${i % 5000}`;
      return {
        id: `${repository}#${i + 1}`,
        name: `${repository} alert ${i + 1}`,
        attributes: {
          number: i + 1,
          repository,
          repositoryArchived: rng.chance(0.02),
          state: rng.pick(['open', 'open', 'fixed', 'dismissed', 'auto_dismissed'] as const),
          severity: rng.pick(['low', 'medium', 'high', 'critical'] as const),
          createdAt: iso(rng.int(120)),
          packageName: nullable(rng, 0.05, rng.pick(['lodash', 'minimist', 'axios', 'jsonwebtoken'])),
          advisory: `GHSA-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}`,
          summary: 'Prototype pollution in a transitive dependency',
        },
      };
    },
    // An alert the critical-SLA test judges is closed; any other one becomes an open critical alert.
    (a) =>
      a.state === 'open' && !a.repositoryArchived && (a.severity === 'critical' || a.severity === 'high')
        ? { ...a, state: 'fixed' as const }
        : { ...a, state: 'open' as const, repositoryArchived: false, severity: 'critical' as const },
  ),
];
