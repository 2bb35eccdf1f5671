import { describe, expect, it } from 'vitest';
import { createGithubCollector, githubCollector } from '../../src/adapters/integrations/github/collector.ts';
import { mergeProtection, type TSource } from '../../src/adapters/integrations/github/protection.ts';
import { populationItemsOf } from '../../src/app/audits/record-run-populations.ts';
import type { Collector } from '../../src/app/monitoring/collector.ts';
import { scan } from '../../src/app/monitoring/scan.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { githubLibrary } from '../../src/catalog/monitoring/github.ts';
import { buildLibrary } from '../../src/catalog/monitoring/library.ts';
import type { TOutcome, TOutcomeStatus, TResource } from '../../src/domain/monitoring/model.ts';
import { rejectionOf } from '../support/errors.ts';
import { createReplayFetch, loadRecording } from '../support/replay-fetch.ts';

// The GitHub collector and tests against recorded, sanitized GitHub responses (test/fixtures/github):
// organization acme-corp, five repositories over two pages, seven open Dependabot alerts, and the pull
// requests merged into the four active repositories in the 14 days before NOW.

const NOW = new Date('2025-06-30T12:00:00Z');
const library = buildLibrary([githubLibrary], new Set(loadCatalog().controls.map((c) => c.id)));
const BASE = ['organization', 'repositories', 'branch-protection', 'security', 'pull-requests'];
const TOKEN = 'fake-token-for-replay';
const quiet = { progress: () => {} };

/** Recordings: overrides first, so they answer before the base recordings of the same request. */
function recorded(...overrides: string[]) {
  return [...overrides, ...BASE].flatMap((name) => loadRecording('github', name));
}

async function scanWith(collector: Collector) {
  return scan(
    { collectors: new Map([['github', collector]]), library, now: () => NOW, env: { GITHUB_TOKEN: TOKEN } },
    { integrations: [{ type: 'github', name: 'acme', org: 'acme-corp', token: { env: 'GITHUB_TOKEN' } }] },
    quiet,
  );
}

const P = 'pass';
const F = 'fail';
const NA = 'not_applicable';
const E = 'error';
const REPOSITORIES = ['api', 'web', 'infra', 'legacy-billing', 'docs-site'];

// api: organization ruleset only · web: classic only · infra: nothing · legacy-billing: archived ·
// docs-site: classic + repository ruleset (admins may bypass), security settings hidden from the token.
const REPOSITORY_EXPECTATIONS: Array<[string, TOutcomeStatus[]]> = [
  //                                              api web infra legacy docs
  ['github.default_branch_protected', /*        */ [P, P, F, NA, P]],
  ['github.default_branch_requires_approval', /**/ [P, P, F, NA, P]],
  ['github.default_branch_dismisses_stale_reviews', [P, F, F, NA, P]],
  ['github.default_branch_blocks_force_push', /**/ [P, P, F, NA, P]],
  ['github.default_branch_blocks_deletion', /*  */ [P, P, F, NA, P]],
  ['github.default_branch_requires_status_checks', [P, P, F, NA, F]],
  ['github.default_branch_admins_not_exempt', /**/ [P, F, F, NA, F]],
  ['github.dependabot_alerts_enabled', /*       */ [P, P, F, NA, P]],
  ['github.secret_scanning_enabled', /*         */ [P, P, F, NA, E]],
  ['github.push_protection_enabled', /*         */ [P, F, F, NA, E]],
];

const OTHER_EXPECTATIONS: Array<[string, string, TOutcomeStatus]> = [
  ['github.org_requires_two_factor', 'acme-corp', F],
  ['github.org_default_permission_restricted', 'acme-corp', P],
  ['github.org_public_repo_creation_restricted', 'acme-corp', F],
  ['github.member_two_factor_enabled', 'alice-admin', P],
  ['github.member_two_factor_enabled', 'bob-builder', P],
  ['github.member_two_factor_enabled', 'carol-dev', F],
  ['github.member_two_factor_enabled', 'acme-release-bot', P],
  // critical: 20 days open fails, 5 days passes; an archived repository's alert is not judged.
  ['github.dependabot_critical_within_sla', 'acme-corp/api#12', F],
  ['github.dependabot_critical_within_sla', 'acme-corp/api#14', P],
  ['github.dependabot_critical_within_sla', 'acme-corp/web#3', NA],
  ['github.dependabot_critical_within_sla', 'acme-corp/web#5', NA],
  ['github.dependabot_critical_within_sla', 'acme-corp/infra#1', NA],
  ['github.dependabot_critical_within_sla', 'acme-corp/legacy-billing#7', NA],
  ['github.dependabot_critical_within_sla', 'acme-corp/docs-site#2', NA],
  // high: 46 days open fails, 10 days passes.
  ['github.dependabot_high_within_sla', 'acme-corp/api#12', NA],
  ['github.dependabot_high_within_sla', 'acme-corp/api#14', NA],
  ['github.dependabot_high_within_sla', 'acme-corp/web#3', F],
  ['github.dependabot_high_within_sla', 'acme-corp/web#5', P],
  ['github.dependabot_high_within_sla', 'acme-corp/infra#1', NA],
  ['github.dependabot_high_within_sla', 'acme-corp/legacy-billing#7', NA],
  ['github.dependabot_high_within_sla', 'acme-corp/docs-site#2', NA],
  // Merged changes: none approved; approved by alice-admin (the author's own approval does not count);
  // merged into a release branch; approved only after the merge; a bot's change approved by a person; a
  // deleted author's change. api#117 was merged before the lookback and is not collected.
  ['github.change_approved_by_other', 'acme-corp/api#131', F],
  ['github.change_approved_by_other', 'acme-corp/api#128', P],
  ['github.change_approved_by_other', 'acme-corp/web#64', NA],
  ['github.change_approved_by_other', 'acme-corp/web#61', F],
  ['github.change_approved_by_other', 'acme-corp/docs-site#12', P],
  ['github.change_approved_by_other', 'acme-corp/docs-site#9', P],
];

/** The reason given where it matters most: failures and unknowns must say what is wrong. */
const REASONS: Array<[string, string, RegExp]> = [
  ['github.default_branch_protected', 'acme-corp/infra', /main has no branch protection and no ruleset/],
  ['github.default_branch_dismisses_stale_reviews', 'acme-corp/web', /approvals survive new commits/],
  ['github.default_branch_requires_status_checks', 'acme-corp/docs-site', /no status check is required/],
  ['github.default_branch_admins_not_exempt', 'acme-corp/web', /administrators can bypass/],
  ['github.default_branch_admins_not_exempt', 'acme-corp/docs-site', /administrators can bypass/],
  ['github.default_branch_protected', 'acme-corp/legacy-billing', /archived/],
  [
    'github.secret_scanning_enabled',
    'acme-corp/docs-site',
    /Resource not accessible by personal access token \(needs secret_scanning_alerts=read\)/,
  ],
  [
    'github.push_protection_enabled',
    'acme-corp/docs-site',
    /security_and_analysis only to repository admins/,
  ],
  ['github.dependabot_alerts_enabled', 'acme-corp/infra', /disabled/],
  ['github.member_two_factor_enabled', 'carol-dev', /carol-dev has not enabled two-factor/],
  [
    'github.dependabot_critical_within_sla',
    'acme-corp/api#12',
    /CVE-2025-90001 in fast-xml-builder has been open 20 days, past the 7-day limit/,
  ],
  ['github.dependabot_high_within_sla', 'acme-corp/web#3', /open 46 days, past the 30-day limit/],
  [
    'github.change_approved_by_other',
    'acme-corp/api#131',
    /merged by carol-dev without an approval by anyone other than the author \(carol-dev\)/,
  ],
  ['github.change_approved_by_other', 'acme-corp/api#128', /approved before the merge by alice-admin$/],
  ['github.change_approved_by_other', 'acme-corp/web#64', /merged into release-2025\.06, not the default/],
];

function outcome(outcomes: TOutcome[], testId: string, resourceName: string): TOutcome {
  const found = outcomes.filter((o) => o.testId === testId && o.resourceName === resourceName);
  expect(found, `${testId} × ${resourceName}`).toHaveLength(1);
  return found[0] as TOutcome;
}

describe('GitHub test library', () => {
  it('has at least 14 tests, each with rationale, remediation, a severity and 1–3 controls', () => {
    expect(library.tests.length).toBeGreaterThanOrEqual(14);
    for (const test of library.tests) {
      expect(test.id).toMatch(/^github\.[a-z0-9_]+$/);
      expect(test.rationale.length, test.id).toBeGreaterThan(40);
      expect(test.remediation.length, test.id).toBeGreaterThan(30);
      expect(test.controls.length, test.id).toBeGreaterThanOrEqual(1);
      expect(test.controls.length, test.id).toBeLessThanOrEqual(3);
    }
  });
});

describe('GitHub collector over recorded responses', () => {
  it('judges every test and repository as the table expects', async () => {
    const replay = createReplayFetch(recorded());
    const result = await scanWith(createGithubCollector({ fetch: replay.fetch, now: () => NOW.getTime() }));
    expect(result.integrations).toEqual([
      { type: 'github', name: 'acme', status: 'collected', resources: 23 },
    ]);
    const expected = [
      ...REPOSITORY_EXPECTATIONS.flatMap(([testId, statuses]) =>
        statuses.map((status, i) => [testId, `acme-corp/${REPOSITORIES[i]}`, status] as const),
      ),
      ...OTHER_EXPECTATIONS,
    ];
    const actual = result.outcomes.map((o) => `${o.testId} ${o.resourceName} ${o.status}`).sort();
    expect(actual).toEqual(expected.map(([t, r, s]) => `${t} ${r} ${s}`).sort());
    for (const [testId, resource, reason] of REASONS) {
      expect(outcome(result.outcomes, testId, resource).reason).toMatch(reason);
    }
    // Every recording was needed, and nothing else was asked for.
    expect(replay.unused()).toEqual([]);
  });

  it('pages through every list, sends the token and the API version, and reads all of it', async () => {
    const replay = createReplayFetch(recorded());
    const resources = await createGithubCollector({ fetch: replay.fetch }).collect(
      { org: 'acme-corp', token: TOKEN },
      quiet,
    );
    expect(replay.requests).toContain('GET /organizations/90000001/repos?page=2&per_page=100&type=all');
    expect(replay.requests.filter((r) => r.includes('/repos?') || r.includes('/members'))).toSatisfy(
      (listed: string[]) => listed.every((r) => r.includes('per_page=100')),
    );
    for (const headers of replay.headers) {
      expect(headers.authorization).toBe(`token ${TOKEN}`);
      expect(headers['x-github-api-version']).toBe('2022-11-28');
    }
    const byName = (name: string): TResource => resources.find((r) => r.name === name) as TResource;
    expect(resources.filter((r) => r.type === 'github.repository').map((r) => r.name)).toEqual(
      REPOSITORIES.map((r) => `acme-corp/${r}`),
    );
    // A ruleset-only repository and a classic one are read into the same view.
    expect(byName('acme-corp/api').attributes.protection).toEqual({
      protected: true,
      sources: [{ kind: 'ruleset', name: 'default-branch-baseline (acme-corp)', bindsAdmins: true }],
      requiresPullRequest: true,
      requiredApprovingReviewCount: 2,
      dismissStaleReviews: true,
      requireCodeOwnerReview: true,
      allowForcePushes: false,
      allowDeletions: false,
      requiredStatusChecks: ['ci/lint', 'ci/test'],
      enforceAdmins: true,
    });
    expect(byName('acme-corp/web').attributes.protection).toMatchObject({
      sources: [{ kind: 'classic', name: 'branch protection', bindsAdmins: false }],
      requiredApprovingReviewCount: 1,
      dismissStaleReviews: false,
      requiredStatusChecks: ['build'],
      enforceAdmins: false,
    });
    // Classic allows force pushes but the ruleset blocks them: the stricter layer wins.
    expect(byName('acme-corp/docs-site').attributes.protection).toMatchObject({
      sources: [
        { kind: 'classic', bindsAdmins: false },
        { kind: 'ruleset', name: 'docs main (acme-corp/docs-site)', bindsAdmins: false },
      ],
      allowForcePushes: false,
      dismissStaleReviews: true,
      requiredApprovingReviewCount: 1,
    });
    expect(byName('carol-dev').attributes).toMatchObject({ role: 'member', twoFactorEnabled: false });
    expect(byName('alice-admin').attributes).toMatchObject({ role: 'admin', twoFactorEnabled: true });
  });

  it('leaves members’ 2FA unknown, not green, when the owners-only filter is refused', async () => {
    const replay = createReplayFetch(recorded('members-2fa-refused'));
    const result = await scanWith(createGithubCollector({ fetch: replay.fetch }));
    const members = result.outcomes.filter((o) => o.testId === 'github.member_two_factor_enabled');
    expect(members.map((o) => o.status)).toEqual([E, E, E, E]);
    expect(members[0]?.reason).toMatch(/Only owners can use this filter\. \(needs organization owner/);
  });
});

describe('merged pull requests: the population of changes', () => {
  it('reads one GraphQL page per active repository, keeps the lookback, counts approvals before the merge', async () => {
    const replay = createReplayFetch(recorded());
    const resources = await createGithubCollector({ fetch: replay.fetch, now: () => NOW.getTime() }).collect(
      { org: 'acme-corp', token: TOKEN },
      quiet,
    );
    // api, web, infra, docs-site: the archived legacy-billing is not asked, api's second page never is.
    expect(replay.requests.filter((r) => r === 'POST /graphql')).toHaveLength(4);
    expect(replay.unused()).toEqual([]);
    const prs = resources.filter((r) => r.type === 'github.pull_request');
    expect(prs.map((r) => r.name)).toEqual([
      'acme-corp/api#131',
      'acme-corp/api#128',
      'acme-corp/web#64',
      'acme-corp/web#61',
      'acme-corp/docs-site#12',
      'acme-corp/docs-site#9',
    ]);
    expect(prs[1]).toEqual({
      type: 'github.pull_request',
      id: 'repo:700000101/pull/128',
      name: 'acme-corp/api#128',
      attributes: {
        repository: 'acme-corp/api',
        number: 128,
        title: 'Rate-limit the login endpoint',
        url: 'https://github.com/acme-corp/api/pull/128',
        author: 'bob-builder',
        mergedBy: 'bob-builder',
        mergedAt: '2025-06-25T10:00:00Z',
        baseBranch: 'main',
        defaultBranch: 'main',
        approvals: 1,
        approvers: ['alice-admin'],
      },
    });
    expect(prs.find((r) => r.name === 'acme-corp/web#61')?.attributes).toMatchObject({ approvals: 0 });
    expect(prs.find((r) => r.name === 'acme-corp/docs-site#9')?.attributes).toMatchObject({
      author: null,
      approvals: 1,
    });
  });

  it('follows the next page while it is within a longer lookback, and stops past it', async () => {
    // GraphQL requests all go to POST /graphql and are answered in order: api's page 2 comes second.
    const [apiFirst, ...others] = loadRecording('github', 'pull-requests');
    const interactions = [
      ...['organization', 'repositories', 'branch-protection', 'security'].flatMap((n) =>
        loadRecording('github', n),
      ),
      ...(apiFirst ? [apiFirst] : []),
      ...loadRecording('github', 'pull-requests-api-page-2'),
      ...others,
    ];
    const replay = createReplayFetch(interactions);
    const resources = await createGithubCollector({ fetch: replay.fetch, now: () => NOW.getTime() }).collect(
      { org: 'acme-corp', token: TOKEN, changesLookbackDays: 30 },
      quiet,
    );
    expect(replay.unused()).toEqual([]);
    const api = resources.filter(
      (r) => r.type === 'github.pull_request' && r.name.startsWith('acme-corp/api#'),
    );
    // #101 (merged 2025-05-20) is older than 30 days: read, not kept, and no third page is asked for.
    expect(api.map((r) => r.name)).toEqual([
      'acme-corp/api#131',
      'acme-corp/api#128',
      'acme-corp/api#117',
      'acme-corp/api#109',
    ]);
  });

  it('turns merged changes into the population of changes, leaving out merges into other branches', async () => {
    const replay = createReplayFetch(recorded());
    const resources = await createGithubCollector({ fetch: replay.fetch, now: () => NOW.getTime() }).collect(
      { org: 'acme-corp', token: TOKEN },
      quiet,
    );
    const source = { kind: 'integration' as const, ref: 'acme', collectedAt: NOW };
    const items = populationItemsOf(resources, source);
    expect(items.map((i) => i.externalId)).toEqual([
      'acme-corp/api#131',
      'acme-corp/api#128',
      'acme-corp/web#61',
      'acme-corp/docs-site#12',
      'acme-corp/docs-site#9',
    ]);
    expect(items[0]).toEqual({
      kind: 'change',
      externalId: 'acme-corp/api#131',
      occurredAt: new Date('2025-06-27T16:40:00Z'),
      title: 'Bump fast-xml-builder to 4.2.1',
      attributes: {
        repository: 'acme-corp/api',
        number: 131,
        url: 'https://github.com/acme-corp/api/pull/131',
        author: 'carol-dev',
        mergedBy: 'carol-dev',
        baseBranch: 'main',
        approvals: 0,
        approvers: '',
      },
      source,
    });
  });

  it('fails the collection, naming the permission, when GitHub refuses the pull requests', async () => {
    const replay = createReplayFetch(recorded('pull-requests-forbidden'));
    const error = await rejectionOf(
      createGithubCollector({ fetch: replay.fetch }).collect({ org: 'acme-corp', token: TOKEN }, quiet),
    );
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toBe(
      'GitHub refused the merged pull requests of acme-corp/api (GraphQL): Resource not accessible by personal access token',
    );
    expect(error.details).toMatchObject({ errorTypes: ['FORBIDDEN'], permission: 'pull_requests=read' });
  });
});

describe('GitHub refusals and rate limits', () => {
  it('fails the collection on a bad token with GitHub’s message, and runs none of its tests', async () => {
    const replay = createReplayFetch(recorded('bad-token'));
    const collector = createGithubCollector({ fetch: replay.fetch });
    const error = await rejectionOf(collector.collect({ org: 'acme-corp', token: 'revoked' }, quiet));
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toMatch(/GitHub refused GET \/orgs\/acme-corp: 401 Bad credentials/);
    expect(error.details).toMatchObject({ status: 401, permission: 'read:org' });

    const result = await scanWith(
      createGithubCollector({ fetch: createReplayFetch(recorded('bad-token')).fetch }),
    );
    expect(result.integrations[0]).toMatchObject({ status: 'failed', resources: 0 });
    expect(result.outcomes).toEqual([]);
  });

  it('fails the collection, naming the permission, when the Dependabot alert list is refused', async () => {
    const replay = createReplayFetch(recorded('dependabot-forbidden'));
    const error = await rejectionOf(
      createGithubCollector({ fetch: replay.fetch }).collect({ org: 'acme-corp', token: TOKEN }, quiet),
    );
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toMatch(/dependabot\/alerts: 403 Resource not accessible by personal access token/);
    expect(error.details).toMatchObject({ status: 403, permission: 'vulnerability_alerts=read' });
  });

  it('waits out a secondary rate limit (retry-after: 1) and then succeeds', async () => {
    const replay = createReplayFetch(recorded('secondary-rate-limit'));
    const lines: string[] = [];
    const resources = await createGithubCollector({ fetch: replay.fetch }).collect(
      { org: 'acme-corp', token: TOKEN },
      { progress: (line) => lines.push(line) },
    );
    expect(replay.requests.slice(0, 2)).toEqual(['GET /orgs/acme-corp', 'GET /orgs/acme-corp']);
    expect(lines).toContain('GitHub rate limit on GET /orgs/acme-corp: waiting 1 s');
    expect(resources.some((r) => r.type === 'github.organization')).toBe(true);
    expect(replay.unused()).toEqual([]);
  });

  it('waits for x-ratelimit-reset when the primary limit is spent, within the bound', async () => {
    const replay = createReplayFetch(recorded('primary-rate-limit'));
    const waits: number[] = [];
    const collector = createGithubCollector({
      fetch: replay.fetch,
      now: () => NOW.getTime(),
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await collector.collect({ org: 'acme-corp', token: TOKEN }, quiet);
    expect(waits).toEqual([31_000]); // reset is 30 s away, plus the second GitHub asks for
    expect(replay.unused()).toEqual([]);
  });

  it('fails instead of waiting when the limit resets later than the bound', async () => {
    const replay = createReplayFetch(recorded('primary-rate-limit'));
    const waits: number[] = [];
    const collector = createGithubCollector({
      fetch: replay.fetch,
      now: () => NOW.getTime(),
      maxWaitMs: 10_000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const error = await rejectionOf(collector.collect({ org: 'acme-corp', token: TOKEN }, quiet));
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toMatch(
      /rate limit on GET \/orgs\/acme-corp\/repos: API rate limit exceeded.*lifts in 31 s/,
    );
    expect(waits).toEqual([]);
  });

  it('refuses a config without an organization or token', () => {
    expect(githubCollector.configSchema.safeParse({ org: 'acme-corp', token: 'x' }).success).toBe(true);
    expect(githubCollector.configSchema.safeParse({ org: 'acme corp', token: 'x' }).success).toBe(false);
    expect(githubCollector.configSchema.safeParse({ org: 'acme-corp' }).success).toBe(false);
  });
});

describe('each GitHub test flips between a good and a bad input', () => {
  function judge(testId: string, attributes: Record<string, unknown>, now = NOW): TOutcomeStatus {
    const test = library.tests.find((t) => t.id === testId);
    if (!test) throw new Error(`no test ${testId}`);
    return test.evaluate({ type: test.resourceType, id: 'x', name: 'x', attributes }, { now }).status;
  }
  const org = {
    login: 'acme-corp',
    name: null,
    twoFactorRequirementEnabled: true,
    defaultRepositoryPermission: 'read',
    membersCanCreateRepositories: false,
    membersCanCreatePublicRepositories: false,
    membersCanCreatePrivateRepositories: true,
    membersCanForkPrivateRepositories: false,
    webCommitSignoffRequired: false,
  };

  it('organization settings, and unknown when GitHub hides them from non-owners', () => {
    expect(judge('github.org_requires_two_factor', org)).toBe(P);
    expect(judge('github.org_requires_two_factor', { ...org, twoFactorRequirementEnabled: false })).toBe(F);
    expect(judge('github.org_requires_two_factor', { ...org, twoFactorRequirementEnabled: null })).toBe(E);
    const permission = (value: string | null) =>
      judge('github.org_default_permission_restricted', { ...org, defaultRepositoryPermission: value });
    expect([permission('none'), permission('read'), permission('write'), permission('admin')]).toEqual([
      P,
      P,
      F,
      F,
    ]);
    expect(permission(null)).toBe(E);
    expect(judge('github.org_public_repo_creation_restricted', org)).toBe(P);
    expect(
      judge('github.org_public_repo_creation_restricted', {
        ...org,
        membersCanCreatePublicRepositories: true,
      }),
    ).toBe(F);
  });

  it('Dependabot limits count days from the alert’s creation to context.now', () => {
    const alert = (severity: string, createdAt: string, state = 'open') => ({
      number: 1,
      repository: 'acme-corp/api',
      repositoryArchived: false,
      state,
      severity,
      createdAt,
      packageName: 'left-pad',
      advisory: 'GHSA-xxxx-yyyy-zzzz',
      summary: 'a flaw',
    });
    const critical = 'github.dependabot_critical_within_sla';
    const high = 'github.dependabot_high_within_sla';
    expect(judge(critical, alert('critical', '2025-06-23T12:00:00Z'))).toBe(P); // 7 days: the limit (OPS-08)
    expect(judge(critical, alert('critical', '2025-06-22T12:00:00Z'))).toBe(F); // 8 days
    expect(judge(critical, alert('critical', '2025-06-14T12:00:00Z'), new Date('2025-06-20T00:00:00Z'))).toBe(
      P,
    );
    expect(judge(critical, alert('critical', '2025-01-01T00:00:00Z', 'fixed'))).toBe(NA);
    expect(judge(high, alert('high', '2025-05-31T12:00:00Z'))).toBe(P); // 30 days
    expect(judge(high, alert('high', '2025-05-30T12:00:00Z'))).toBe(F); // 31 days
    expect(judge(high, alert('critical', '2025-01-01T00:00:00Z'))).toBe(NA);
  });

  it('branch rules, and unknown when the protection or a bypass list cannot be read', () => {
    const protection = {
      protected: true,
      sources: [{ kind: 'ruleset', name: 'baseline (acme-corp)', bindsAdmins: true }],
      requiresPullRequest: true,
      requiredApprovingReviewCount: 1,
      dismissStaleReviews: true,
      requireCodeOwnerReview: false,
      allowForcePushes: false,
      allowDeletions: false,
      requiredStatusChecks: ['ci'],
      enforceAdmins: true,
    };
    const repo = (changes: Record<string, unknown>, unavailable = {}) => ({
      fullName: 'acme-corp/api',
      visibility: 'private',
      archived: false,
      fork: false,
      defaultBranch: 'main',
      protection: { ...protection, ...changes },
      dependabotAlertsEnabled: true,
      secretScanning: 'enabled',
      pushProtection: 'enabled',
      unavailable,
    });
    const approval = 'github.default_branch_requires_approval';
    expect(judge(approval, repo({}))).toBe(P);
    expect(judge(approval, repo({ requiredApprovingReviewCount: 0 }))).toBe(F);
    expect(judge(approval, repo({ requiresPullRequest: false, requiredApprovingReviewCount: 0 }))).toBe(F);
    const admins = 'github.default_branch_admins_not_exempt';
    const hidden = {
      enforceAdmins: { message: 'bypass list hidden', permission: 'admin on the repository' },
    };
    expect(judge(admins, repo({ enforceAdmins: null }, hidden))).toBe(E);
    const unreadable = {
      ...repo({}),
      protection: null,
      unavailable: { protection: { message: 'Not allowed', permission: 'x' } },
    };
    expect(judge('github.default_branch_protected', unreadable)).toBe(E);
    expect(judge('github.default_branch_protected', { ...unreadable, archived: true })).toBe(NA);
  });
});

describe('merging classic protection and rulesets', () => {
  const source = (changes: Partial<TSource>): TSource => ({
    kind: 'ruleset',
    name: 'r',
    bindsAdmins: false,
    requiresPullRequest: false,
    approvals: 0,
    dismissStaleReviews: false,
    requireCodeOwnerReview: false,
    blocksForcePush: false,
    blocksDeletion: false,
    statusChecks: [],
    ...changes,
  });

  it('holds administrators when a source that requires reviews binds them', () => {
    const classic = source({ kind: 'classic', requiresPullRequest: true, approvals: 1, bindsAdmins: true });
    const bypassable = source({
      requiresPullRequest: true,
      approvals: 2,
      bindsAdmins: false,
      blocksForcePush: true,
    });
    expect(mergeProtection([classic, bypassable])).toMatchObject({
      enforceAdmins: true,
      requiredApprovingReviewCount: 2,
      allowForcePushes: false,
    });
    // Binding admins only to "no deletion" does not stop them skipping the review requirement.
    const deletionOnly = source({ blocksDeletion: true, bindsAdmins: true });
    expect(mergeProtection([{ ...classic, bindsAdmins: false }, deletionOnly]).enforceAdmins).toBe(false);
    expect(mergeProtection([{ ...classic, bindsAdmins: null }]).enforceAdmins).toBe(null);
    expect(mergeProtection([])).toMatchObject({
      protected: false,
      allowForcePushes: true,
      enforceAdmins: false,
    });
  });
});
