import { z } from 'zod';
import type { TResource } from '../../../domain/monitoring/model.ts';
import type { TGithubApi, TUnavailable } from './api.ts';
import {
  classicSource,
  mergeProtection,
  rulesetSource,
  type TProtection,
  type TSource,
} from './protection.ts';
import {
  parseResponse,
  type TBranchRule,
  type TRepositoryItem,
  type TRuleset,
  ZBranchRule,
  ZClassicProtection,
  ZRuleset,
  ZSecretScanningAlerts,
} from './schemas.ts';

// One repository: the default branch's protection (classic and rulesets), whether Dependabot alerts are
// on, and its secret scanning settings. What the token may not read is left null, with GitHub's reason.

const HIDDEN_SECURITY: TUnavailable = {
  message:
    'GitHub shows security_and_analysis only to repository admins and organization owners or security managers',
  permission: 'admin on the repository',
};
const HIDDEN_BYPASS: TUnavailable = {
  message: 'GitHub shows a ruleset’s bypass list only to those who may edit the ruleset',
  permission: 'admin on the repository, or organization owner for organization rulesets',
};

export type TRulesetCache = Map<number, { ruleset: TRuleset | null; failure?: TUnavailable }>;

async function readRuleset(
  api: TGithubApi,
  target: { owner: string; repo: string },
  id: number,
  cache: TRulesetCache,
): Promise<{ ruleset: TRuleset | null; failure?: TUnavailable }> {
  const cached = cache.get(id);
  if (cached) return cached;
  const read = await api.probe(
    'GET /repos/{owner}/{repo}/rulesets/{ruleset_id}',
    { ...target, ruleset_id: id, includes_parents: true },
    'repo (metadata: read)',
  );
  const entry = read.ok
    ? { ruleset: parseResponse(ZRuleset, read.data, `ruleset ${id}`) }
    : { ruleset: null, failure: read.failure };
  cache.set(id, entry);
  return entry;
}

/** The default branch's protection, or null (with the reason in `unavailable`) when it cannot be read. */
async function readProtection(
  api: TGithubApi,
  item: TRepositoryItem,
  unavailable: Record<string, TUnavailable>,
  cache: TRulesetCache,
): Promise<TProtection | null> {
  const [owner = '', repo = ''] = item.full_name.split('/');
  const target = { owner, repo, branch: item.default_branch };
  const permission = 'repo (administration: read)';
  const classic = await api.probe(
    'GET /repos/{owner}/{repo}/branches/{branch}/protection',
    target,
    permission,
  );
  // 404 is GitHub's answer for "Branch not protected"; 403 means the token may not look.
  if (!classic.ok && classic.status !== 404) {
    unavailable.protection = classic.failure;
    return null;
  }
  const rules = await api.probe('GET /repos/{owner}/{repo}/rules/branches/{branch}', target, permission, {
    paginate: true,
  });
  if (!rules.ok) {
    unavailable.protection = rules.failure;
    return null;
  }
  const sources: TSource[] = [];
  if (classic.ok)
    sources.push(classicSource(parseResponse(ZClassicProtection, classic.data, 'branch protection')));
  const byRuleset = new Map<number, TBranchRule[]>();
  for (const rule of parseResponse(z.array(ZBranchRule), rules.data, 'branch rules')) {
    byRuleset.set(rule.ruleset_id, [...(byRuleset.get(rule.ruleset_id) ?? []), rule]);
  }
  for (const [id, rulesOfSet] of byRuleset) {
    const { ruleset, failure } = await readRuleset(api, { owner, repo }, id, cache);
    if (ruleset && ruleset.enforcement !== 'active') continue;
    if (failure) unavailable.enforceAdmins = failure;
    else if (ruleset && !ruleset.bypass_actors) unavailable.enforceAdmins = HIDDEN_BYPASS;
    sources.push(rulesetSource(id, rulesOfSet, ruleset));
  }
  return mergeProtection(sources);
}

export async function collectRepository(
  api: TGithubApi,
  item: TRepositoryItem,
  cache: TRulesetCache,
): Promise<TResource> {
  const [owner = '', repo = ''] = item.full_name.split('/');
  const unavailable: Record<string, TUnavailable> = {};
  const protection = await readProtection(api, item, unavailable, cache);

  // 204: alerts on; 404: off. Reading it needs admin rights on the repository.
  const alerts = await api.probe(
    'GET /repos/{owner}/{repo}/vulnerability-alerts',
    { owner, repo },
    'repo (administration: read)',
  );
  let dependabotAlertsEnabled: boolean | null = alerts.ok;
  if (!alerts.ok && alerts.status !== 404) {
    dependabotAlertsEnabled = null;
    unavailable.dependabotAlertsEnabled = alerts.failure;
  }

  const security = item.security_and_analysis;
  let secretScanning = security?.secret_scanning?.status ?? null;
  const pushProtection = security?.secret_scanning_push_protection?.status ?? null;
  if (secretScanning === null) {
    // Without the security block, the alert list still tells: it answers only when scanning is on.
    const probe = await api.probe(
      'GET /repos/{owner}/{repo}/secret-scanning/alerts',
      { owner, repo, state: 'open', per_page: 1 },
      'security_events',
    );
    if (probe.ok) parseResponse(ZSecretScanningAlerts, probe.data, 'secret scanning alerts');
    if (probe.ok) secretScanning = 'enabled';
    else if (probe.status === 404) secretScanning = 'disabled';
    else unavailable.secretScanning = probe.failure;
  }
  if (pushProtection === null) unavailable.pushProtection = HIDDEN_SECURITY;

  return {
    type: 'github.repository',
    id: `repo:${item.id}`,
    name: item.full_name,
    attributes: {
      fullName: item.full_name,
      visibility: item.visibility ?? (item.private ? 'private' : 'public'),
      archived: item.archived,
      fork: item.fork,
      defaultBranch: item.default_branch,
      protection,
      dependabotAlertsEnabled,
      secretScanning,
      pushProtection,
      unavailable,
    },
  };
}
