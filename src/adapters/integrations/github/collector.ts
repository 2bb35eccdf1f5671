import { z } from 'zod';
import type { Collector, TCollectorContext } from '../../../app/monitoring/collector.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import { githubApi, type TGithubApi } from './api.ts';
import { createOctokit, GITHUB_API, type TClientOptions } from './client.ts';
import { collectMergedPullRequests, DEFAULT_CHANGES_LOOKBACK_DAYS } from './pull-requests.ts';
import { collectRepository, type TRulesetCache } from './repository.ts';
import { parseResponse, ZDependabotAlert, ZMember, ZOrganization, ZRepository } from './schemas.ts';

// Collects one GitHub organization: its settings, members, repositories (with the default branch's
// protection, Dependabot and secret scanning status), open Dependabot alerts, and the pull requests merged
// within the lookback (the population of changes). Calls are made one at a time, as GitHub asks of
// integrations to stay clear of its secondary rate limits.

export const ZGithubConfig = z.strictObject({
  org: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/, 'expected a GitHub organization login'),
  /** A token of an organization owner (or a security manager) with admin:org, repo and security_events. */
  token: z.string().min(1),
  /** GitHub Enterprise Server: https://HOST/api/v3. */
  apiUrl: z.url().optional(),
  name: z.string().optional(),
  /** Days back a run reads merged pull requests (14 by default); each run adds them to the population. */
  changesLookbackDays: z.number().int().min(1).max(90).optional(),
});
export type TGithubConfig = z.infer<typeof ZGithubConfig>;

/** Test seams: a replaying fetch, a fake sleep and clock, tighter rate-limit bounds. */
export type TGithubCollectorOptions = Pick<
  TClientOptions,
  'fetch' | 'sleep' | 'now' | 'maxWaitMs' | 'maxRetries'
>;

async function collectMembers(api: TGithubApi, org: string): Promise<TResource[]> {
  const members = parseResponse(
    z.array(ZMember),
    await api.list('GET /orgs/{org}/members', { org }, 'read:org'),
    `GET /orgs/${org}/members`,
  );
  const admins = parseResponse(
    z.array(ZMember),
    await api.list('GET /orgs/{org}/members', { org, role: 'admin' }, 'read:org'),
    `GET /orgs/${org}/members?role=admin`,
  );
  const adminLogins = new Set(admins.map((m) => m.login));
  // Only owners may use this filter; for others the 2FA status stays unknown rather than assumed.
  const without = await api.probe(
    'GET /orgs/{org}/members',
    { org, filter: '2fa_disabled' },
    'organization owner (admin:org)',
    { paginate: true },
  );
  const without2fa = without.ok
    ? new Set(parseResponse(z.array(ZMember), without.data, 'members without 2FA').map((m) => m.login))
    : undefined;
  return members.map((member) => ({
    type: 'github.member',
    id: `user:${member.id}`,
    name: member.login,
    attributes: {
      login: member.login,
      role: adminLogins.has(member.login) ? 'admin' : 'member',
      type: member.type,
      twoFactorEnabled: without2fa ? !without2fa.has(member.login) : null,
      unavailable: without.ok ? {} : { twoFactorEnabled: without.failure },
    },
  }));
}

async function collectOrganization(
  api: TGithubApi,
  org: string,
  context: TCollectorContext,
  changesSince: Date,
): Promise<TResource[]> {
  context.progress(`reading the GitHub organization ${org}`);
  const settings = parseResponse(
    ZOrganization,
    await api.get('GET /orgs/{org}', { org }, 'read:org'),
    `GET /orgs/${org}`,
  );
  const resources: TResource[] = [
    {
      type: 'github.organization',
      id: `org:${settings.id}`,
      name: settings.login,
      attributes: {
        login: settings.login,
        name: settings.name ?? null,
        twoFactorRequirementEnabled: settings.two_factor_requirement_enabled ?? null,
        defaultRepositoryPermission: settings.default_repository_permission ?? null,
        membersCanCreateRepositories: settings.members_can_create_repositories ?? null,
        membersCanCreatePublicRepositories: settings.members_can_create_public_repositories ?? null,
        membersCanCreatePrivateRepositories: settings.members_can_create_private_repositories ?? null,
        membersCanForkPrivateRepositories: settings.members_can_fork_private_repositories ?? null,
        webCommitSignoffRequired: settings.web_commit_signoff_required ?? null,
      },
    },
  ];
  context.progress(`listing the members of ${org}`);
  resources.push(...(await collectMembers(api, org)));

  context.progress(`listing the repositories of ${org}`);
  const repositories = parseResponse(
    z.array(ZRepository),
    await api.list('GET /orgs/{org}/repos', { org, type: 'all' }, 'repo'),
    `GET /orgs/${org}/repos`,
  );
  const cache: TRulesetCache = new Map();
  for (const [index, item] of repositories.entries()) {
    context.progress(`repository ${index + 1} of ${repositories.length}: ${item.full_name}`);
    resources.push(await collectRepository(api, item, cache));
  }

  // Open alerts only: the tests judge what is still open, and the closed history can run to thousands.
  context.progress(`listing the open Dependabot alerts of ${org}`);
  const alerts = parseResponse(
    z.array(ZDependabotAlert),
    await api.list('GET /orgs/{org}/dependabot/alerts', { org, state: 'open' }, 'security_events'),
    `GET /orgs/${org}/dependabot/alerts`,
  );
  const archived = new Map(repositories.map((r) => [r.full_name, r.archived]));
  for (const alert of alerts) {
    const repository = alert.repository.full_name;
    resources.push({
      type: 'github.dependabot_alert',
      id: `repo:${alert.repository.id}/dependabot/${alert.number}`,
      name: `${repository}#${alert.number}`,
      attributes: {
        number: alert.number,
        repository,
        repositoryArchived: archived.get(repository) ?? false,
        state: alert.state,
        severity: alert.security_advisory.severity,
        createdAt: alert.created_at,
        packageName: alert.dependency?.package?.name ?? null,
        advisory: alert.security_advisory.cve_id ?? alert.security_advisory.ghsa_id,
        summary: alert.security_advisory.summary,
      },
    });
  }

  // Archived repositories are read-only: nothing is merged into them.
  const active = repositories.filter((r) => !r.archived);
  for (const [index, item] of active.entries()) {
    context.progress(`merged pull requests ${index + 1} of ${active.length}: ${item.full_name}`);
    resources.push(...(await collectMergedPullRequests(api, item, changesSince)));
  }
  return resources;
}

export function createGithubCollector(
  options: TGithubCollectorOptions = {},
): Collector<typeof ZGithubConfig> {
  return {
    type: 'github',
    title: 'GitHub organization',
    configSchema: ZGithubConfig,
    collect(config, context) {
      const octokit = createOctokit({
        ...options,
        token: config.token,
        apiUrl: (config.apiUrl ?? GITHUB_API).replace(/\/+$/, ''),
        ...(context.signal ? { signal: context.signal } : {}),
        log: context.progress,
      });
      const days = config.changesLookbackDays ?? DEFAULT_CHANGES_LOOKBACK_DAYS;
      const since = new Date((options.now ?? Date.now)() - days * 86_400_000);
      return collectOrganization(githubApi(octokit), config.org, context, since);
    },
  };
}

export const githubCollector: Collector = createGithubCollector();
