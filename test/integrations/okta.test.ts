import { describe, expect, it } from 'vitest';
import { createOktaCollector, oktaCollector } from '../../src/adapters/integrations/okta/collector.ts';
import type { Collector } from '../../src/app/monitoring/collector.ts';
import { scan } from '../../src/app/monitoring/scan.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { oktaLibrary } from '../../src/catalog/monitoring/idp.ts';
import { buildLibrary } from '../../src/catalog/monitoring/library.ts';
import { evaluateInventory } from '../../src/domain/monitoring/evaluate.ts';
import type { TOutcome, TOutcomeStatus, TResource } from '../../src/domain/monitoring/model.ts';
import { rejectionOf } from '../support/errors.ts';
import { createReplayFetch, loadRecording, type TInteraction } from '../support/replay-fetch.ts';

// The Okta collector and tests against recorded, sanitized Okta Management API responses
// (test/fixtures/okta): org acme.okta.com, ten users over two pages plus one deactivated user, and the
// org's policies in a good and a weak variant.

const NOW = new Date('2025-06-30T12:00:00Z');
const ORG_URL = 'https://acme.okta.com';
const TOKEN = 'fake-ssws-token-for-replay';
const library = buildLibrary([oktaLibrary], new Set(loadCatalog().controls.map((c) => c.id)));
const quiet = { progress: () => {} };

/** Recordings: overrides first, so they answer before the base recordings of the same request. */
function recorded(policies: 'policies-good' | 'policies-weak', ...overrides: string[]): TInteraction[] {
  return [...overrides, 'users', policies].flatMap((name) => loadRecording('okta', name));
}

function replayOf(interactions: TInteraction[]) {
  return createReplayFetch(interactions, ORG_URL);
}

async function scanWith(collector: Collector) {
  return scan(
    { collectors: new Map([['okta', collector]]), library, now: () => NOW, env: { OKTA_TOKEN: TOKEN } },
    { integrations: [{ type: 'okta', name: 'acme', orgUrl: ORG_URL, token: { env: 'OKTA_TOKEN' } }] },
    quiet,
  );
}

const P = 'pass';
const F = 'fail';
const NA = 'not_applicable';
const E = 'error';
const USERS = [
  'alice.nguyen',
  'bob.okafor',
  'carol.diaz',
  'dave.kim',
  'erin.walsh',
  'frank.moreau',
  'admin',
  'grace.liu',
  'henry.baker',
  'jill.patel',
  'ivan.petrov',
];

// alice: super admin, WebAuthn + FastPass · bob: super admin, SMS only · carol: push pending, email only ·
// dave: last sign-in 136 days ago, leaves next month · erin: left 2025-06-13, still ACTIVE · frank: PROVISIONED
// 69 days · admin@: shared org admin with TOTP · grace: org admin through a group, FastPass + push ·
// henry: left and SUSPENDED (app admin) · jill: STAGED 5 days · ivan: left and DEPROVISIONED.
const USER_EXPECTATIONS: Array<[string, TOutcomeStatus[]]> = [
  //                                       alice bob carol dave erin frank admin grace henry jill ivan
  ['okta.user_mfa_enrolled', /*         */ [P, P, F, P, P, NA, P, P, NA, NA, NA]],
  ['okta.admin_phishing_resistant_mfa', /**/ [P, F, NA, NA, NA, NA, F, P, NA, NA, NA]],
  ['okta.user_not_stale', /*            */ [P, P, P, F, P, NA, P, P, NA, NA, NA]],
  ['okta.leaver_deactivated', /*        */ [NA, NA, NA, NA, F, NA, NA, NA, P, NA, P]],
  ['okta.pending_activation_expired', /**/ [NA, NA, NA, NA, NA, F, NA, NA, NA, P, NA]],
  ['okta.no_generic_accounts', /*       */ [P, P, P, P, P, P, F, P, NA, P, NA]],
];
const DIRECTORY_TESTS = [
  'okta.super_admin_count',
  'okta.password_min_length',
  'okta.password_history',
  'okta.password_lockout',
  'okta.mfa_enrollment_required',
  'okta.session_lifetime_limited',
];

const REASONS: Array<[string, string, RegExp]> = [
  ['okta.user_mfa_enrolled', 'carol.diaz@acme.com', /carol\.diaz@acme\.com has no active second factor/],
  [
    'okta.admin_phishing_resistant_mfa',
    'bob.okafor@acme.com',
    /\(SUPER_ADMIN\) has no phishing-resistant factor/,
  ],
  ['okta.admin_phishing_resistant_mfa', 'admin@acme.com', /\(ORG_ADMIN\) has no phishing-resistant factor/],
  ['okta.admin_phishing_resistant_mfa', 'grace.liu@acme.com', /uses signed_nonce only/],
  ['okta.user_not_stale', 'dave.kim@acme.com', /last signed in 136 days ago, past the 90-day limit/],
  ['okta.leaver_deactivated', 'erin.walsh@acme.com', /left on 2025-06-13 but is still ACTIVE/],
  ['okta.leaver_deactivated', 'dave.kim@acme.com', /the last day, 2025-07-31, is not over/],
  ['okta.pending_activation_expired', 'frank.moreau@acme.com', /PROVISIONED for 69 days/],
  [
    'okta.no_generic_accounts',
    'admin@acme.com',
    /admin@acme\.com is a generic login and the account is ACTIVE/,
  ],
  ['okta.super_admin_count', 'acme.okta.com', /^2 super administrators$/],
];

function outcome(outcomes: TOutcome[], testId: string, resourceName: string): TOutcome {
  const found = outcomes.filter((o) => o.testId === testId && o.resourceName === resourceName);
  expect(found, `${testId} × ${resourceName}`).toHaveLength(1);
  return found[0] as TOutcome;
}

function table(outcomes: TOutcome[]): string[] {
  return outcomes.map((o) => `${o.testId} ${o.resourceName} ${o.status}`).sort();
}

describe('Okta test library', () => {
  it('has at least 10 tests, each with rationale, remediation, a severity and 1–3 controls', () => {
    expect(library.tests.length).toBeGreaterThanOrEqual(10);
    expect(library.providers).toEqual(['okta']);
    for (const test of library.tests) {
      expect(test.id).toMatch(/^okta\.[a-z0-9_]+$/);
      expect(test.resourceType).toMatch(/^idp\./);
      expect(test.rationale.length, test.id).toBeGreaterThan(40);
      expect(test.remediation.length, test.id).toBeGreaterThan(30);
      expect(test.controls.length, test.id).toBeGreaterThanOrEqual(1);
      expect(test.controls.length, test.id).toBeLessThanOrEqual(3);
    }
  });
});

describe('Okta collector over recorded responses', () => {
  it('judges every test and resource as the table expects (good policies)', async () => {
    const replay = replayOf(recorded('policies-good'));
    const result = await scanWith(createOktaCollector({ fetch: replay.fetch }));
    expect(result.integrations).toEqual([{ type: 'okta', name: 'acme', status: 'collected', resources: 12 }]);
    const expected = [
      ...USER_EXPECTATIONS.flatMap(([testId, statuses]) =>
        statuses.map((status, i) => `${testId} ${USERS[i]}@acme.com ${status}`),
      ),
      ...DIRECTORY_TESTS.map((testId) => `${testId} acme.okta.com ${P}`),
    ];
    expect(table(result.outcomes)).toEqual(expected.sort());
    for (const [testId, resource, reason] of REASONS)
      expect(outcome(result.outcomes, testId, resource).reason).toMatch(reason);
    // Every recording was needed, and nothing else was asked for.
    expect(replay.unused()).toEqual([]);
  });

  it('fails every policy test on the weak policies, naming the policy or rule at fault', async () => {
    const replay = replayOf(recorded('policies-weak'));
    const result = await scanWith(createOktaCollector({ fetch: replay.fetch }));
    const directory = result.outcomes.filter((o) => o.resourceType === 'idp.directory');
    expect(table(directory)).toEqual(
      DIRECTORY_TESTS.map((t) => `${t} acme.okta.com ${t === 'okta.super_admin_count' ? P : F}`).sort(),
    );
    const reason = (testId: string) => outcome(result.outcomes, testId, 'acme.okta.com').reason;
    // The Workforce policy is strong: only the default one is named.
    expect(reason('okta.password_min_length')).toBe('Default Policy: minimum length 8, below 12');
    expect(reason('okta.password_history')).toBe(
      'Default Policy: remembers 4 previous passwords, fewer than 5',
    );
    expect(reason('okta.password_lockout')).toBe('Default Policy: no lockout');
    expect(reason('okta.mfa_enrollment_required')).toBe(
      'Contractors: its rules never ask users to enrol; Default Policy: no second factor is required',
    );
    expect(reason('okta.session_lifetime_limited')).toBe(
      'Default Policy / Engineers on managed devices: sessions last 24 hours; ' +
        'Default Policy / Default Rule: sessions have no maximum lifetime',
    );
    expect(replay.unused()).toEqual([]);
  });

  it('flips the super admin count when one of the two super admins loses the role', async () => {
    const replay = replayOf(recorded('policies-good', 'roles-one-super-admin'));
    const result = await scanWith(createOktaCollector({ fetch: replay.fetch }));
    const count = outcome(result.outcomes, 'okta.super_admin_count', 'acme.okta.com');
    expect(count.status).toBe(F);
    expect(count.reason).toMatch(/^1 super administrator\(s\): nobody else could recover the org/);
    expect(outcome(result.outcomes, 'okta.admin_phishing_resistant_mfa', 'bob.okafor@acme.com').status).toBe(
      NA,
    );
  });

  it('pages through users, sends the SSWS token, and reads users, factors, roles and policies', async () => {
    const replay = replayOf(recorded('policies-good'));
    const resources = await createOktaCollector({ fetch: replay.fetch }).collect(
      { orgUrl: ORG_URL, token: TOKEN, terminationDateAttribute: 'terminationDate' },
      quiet,
    );
    expect(replay.requests.slice(0, 3)).toEqual([
      'GET /api/v1/users?limit=200',
      'GET /api/v1/users?after=00u1erinwalsh0000x7&limit=200',
      'GET /api/v1/users?filter=status eq "DEPROVISIONED"&limit=200',
    ]);
    // Nothing is read about a deactivated user beyond the listing.
    expect(replay.requests.filter((r) => r.includes('00u1ivanpetrov000x7'))).toEqual([]);
    for (const headers of replay.headers) expect(headers.authorization).toBe(`SSWS ${TOKEN}`);

    const byName = (name: string): TResource => resources.find((r) => r.name === name) as TResource;
    expect(resources.map((r) => r.type)).toEqual(['idp.directory', ...USERS.map(() => 'idp.user')]);
    expect(byName('alice.nguyen@acme.com')).toMatchObject({
      id: '00u1alicenguyen0x7',
      attributes: {
        status: 'ACTIVE',
        displayName: 'Alice Nguyen',
        lastLogin: '2025-06-30T08:14:02.000Z',
        factors: [
          { kind: 'webauthn', active: true, providerType: 'webauthn', provider: 'FIDO' },
          { kind: 'fastpass', active: true, providerType: 'signed_nonce', provider: 'OKTA' },
        ],
        adminRoles: ['SUPER_ADMIN'],
        superAdmin: true,
        groups: ['Engineering', 'Everyone'],
        terminationDate: null,
      },
    });
    // A role held through a group counts; a pending factor is not active.
    expect(byName('grace.liu@acme.com').attributes).toMatchObject({
      adminRoles: ['ORG_ADMIN'],
      superAdmin: false,
    });
    expect(byName('carol.diaz@acme.com').attributes.factors).toEqual([
      { kind: 'push', active: false, providerType: 'push', provider: 'OKTA' },
      { kind: 'email', active: true, providerType: 'email', provider: 'OKTA' },
    ]);
    expect(byName('ivan.petrov@acme.com').attributes).toMatchObject({
      status: 'DEPROVISIONED',
      terminationDate: '2025-03-31',
      factors: [],
    });
    expect(byName('acme.okta.com').attributes).toMatchObject({
      domain: 'acme.okta.com',
      superAdmins: ['alice.nguyen@acme.com', 'bob.okafor@acme.com'],
      passwordPolicies: [
        {
          name: 'Workforce passwords',
          minLength: 14,
          historyCount: 10,
          lockoutAttempts: 5,
          providerMastered: true,
        },
        { name: 'Default Policy', minLength: 12, historyCount: 5, maxAgeDays: 90, requiresSymbol: true },
        { name: 'Active Directory users', providerMastered: false },
      ],
      mfaEnrollmentPolicies: [
        {
          name: 'Default Policy',
          requiredFactors: ['okta_verify', 'okta_email', 'okta_password'],
          requiredMfaFactors: ['okta_verify'],
          neverPrompted: false,
        },
      ],
      sessionRules: [
        { rule: 'Deny outside allowed countries', allowsAccess: false, maxLifetimeMinutes: null },
        { rule: 'Default Rule', allowsAccess: true, maxLifetimeMinutes: 720, maxIdleMinutes: 60 },
      ],
    });
  });

  it('reads the termination date from the configured profile attribute', async () => {
    const replay = replayOf(recorded('policies-good'));
    const resources = await createOktaCollector({ fetch: replay.fetch }).collect(
      { orgUrl: ORG_URL, token: TOKEN, terminationDateAttribute: 'department' },
      quiet,
    );
    const erin = resources.find((r) => r.name === 'erin.walsh@acme.com');
    expect(erin?.attributes.terminationDate).toBe('Sales');
  });
});

describe('Okta refusals, rate limits and broken responses', () => {
  it('fails the collection on an invalid token with Okta’s errorSummary, and runs none of its tests', async () => {
    const replay = replayOf(recorded('policies-good', 'bad-token'));
    const error = await rejectionOf(
      createOktaCollector({ fetch: replay.fetch }).collect(
        { orgUrl: ORG_URL, token: 'revoked', terminationDateAttribute: 'terminationDate' },
        quiet,
      ),
    );
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toBe(
      'Okta refused GET /api/v1/users?limit=200: 401 E0000011 Invalid token provided ' +
        '(the API token is invalid, expired or revoked)',
    );
    expect(error.details).toMatchObject({ status: 401, errorCode: 'E0000011' });

    const result = await scanWith(
      createOktaCollector({ fetch: replayOf(recorded('policies-good', 'bad-token')).fetch }),
    );
    expect(result.integrations[0]).toMatchObject({ status: 'failed', resources: 0 });
    expect(result.outcomes).toEqual([]);
  });

  it('fails the collection, naming the scope and role, when role assignments are refused', async () => {
    const replay = replayOf(recorded('policies-good', 'roles-forbidden'));
    const error = await rejectionOf(
      createOktaCollector({ fetch: replay.fetch }).collect(
        { orgUrl: ORG_URL, token: TOKEN, terminationDateAttribute: 'terminationDate' },
        quiet,
      ),
    );
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toMatch(
      /GET \/api\/v1\/users\/00u1alicenguyen0x7\/roles: 403 E0000006 You do not have permission to perform the requested action \(needs okta\.roles\.read/,
    );
    expect(error.details).toMatchObject({
      status: 403,
      errorCode: 'E0000006',
      permission: 'okta.roles.read',
      role: 'Read-Only Administrator',
    });
  });

  it('waits out a 429 until x-rate-limit-reset, then waits for a spent window before the next request', async () => {
    const replay = replayOf(recorded('policies-good', 'rate-limit'));
    const waits: number[] = [];
    const lines: string[] = [];
    const resources = await createOktaCollector({
      fetch: replay.fetch,
      now: () => NOW.getTime(),
      sleep: async (ms) => {
        waits.push(ms);
      },
    }).collect(
      { orgUrl: ORG_URL, token: TOKEN, terminationDateAttribute: 'terminationDate' },
      { progress: (line) => lines.push(line) },
    );
    // reset 2 s after Date, plus a second; then the retry spent the window (reset 5 s away, plus a second).
    expect(waits).toEqual([3000, 6000]);
    expect(replay.requests.slice(0, 3)).toEqual([
      'GET /api/v1/users?limit=200',
      'GET /api/v1/users?limit=200',
      'GET /api/v1/users?after=00u1erinwalsh0000x7&limit=200',
    ]);
    expect(lines).toContain('Okta rate limit on GET /api/v1/users?limit=200: waiting 3 s');
    expect(resources).toHaveLength(12);
    // The base recording of the first page is the only one not needed: the rate-limit file answered it.
    expect(replay.unused()).toEqual(['GET /api/v1/users?limit=200']);
  });

  it('fails instead of waiting past its bounds', async () => {
    const collect = (options: { maxWaitMs?: number; maxRetries?: number }) => {
      const waits: number[] = [];
      const promise = createOktaCollector({
        fetch: replayOf(recorded('policies-good', 'rate-limit')).fetch,
        now: () => NOW.getTime(),
        sleep: async (ms) => {
          waits.push(ms);
        },
        ...options,
      }).collect({ orgUrl: ORG_URL, token: TOKEN, terminationDateAttribute: 'terminationDate' }, quiet);
      return { waits, promise };
    };
    const tooLong = collect({ maxWaitMs: 2000 });
    const error = await rejectionOf(tooLong.promise);
    expect(error.code).toBe('COLLECTION_FAILED');
    expect(error.message).toMatch(
      /^Okta rate limit on GET \/api\/v1\/users\?limit=200: API call exceeded rate limit due to too many requests\.; it lifts in 3 s/,
    );
    expect(tooLong.waits).toEqual([]);
    const noRetries = collect({ maxRetries: 0 });
    expect((await rejectionOf(noRetries.promise)).details).toMatchObject({ status: 429, retries: 0 });
    expect(noRetries.waits).toEqual([]);
  });

  it('fails on a response of the wrong shape, and never follows a next link to another host', async () => {
    const page = (body: unknown, link?: string): TInteraction => ({
      request: { method: 'GET', path: '/api/v1/users', query: { limit: '200' } },
      response: { status: 200, headers: link ? { link } : {}, body },
    });
    const collect = (interaction: TInteraction) =>
      rejectionOf(
        createOktaCollector({ fetch: replayOf([interaction]).fetch }).collect(
          { orgUrl: ORG_URL, token: TOKEN, terminationDateAttribute: 'terminationDate' },
          quiet,
        ),
      );
    const shape = await collect(page([{ id: '00u1', status: 'ACTIVE' }]));
    expect(shape.message).toMatch(/unexpected response to GET \/api\/v1\/users\?limit=200 at 0\.created/);
    const foreign = await collect(page([], '<https://evil.example/api/v1/users?after=x>; rel="next"'));
    expect(foreign.message).toBe(
      'Okta sent an unusable next-page link: https://evil.example/api/v1/users?after=x',
    );
  });

  it('accepts only an org URL and a token', () => {
    const parse = (config: Record<string, unknown>) => oktaCollector.configSchema.safeParse(config).success;
    expect(parse({ orgUrl: 'https://acme.okta.com', token: 'x' })).toBe(true);
    expect(parse({ orgUrl: 'https://login.acme.com/', token: 'x', name: 'acme' })).toBe(true);
    expect(parse({ orgUrl: 'http://acme.okta.com', token: 'x' })).toBe(false);
    expect(parse({ orgUrl: 'https://acme-admin.okta.com', token: 'x' })).toBe(false);
    expect(parse({ orgUrl: 'https://acme.okta.com/api/v1', token: 'x' })).toBe(false);
    expect(parse({ orgUrl: 'https://acme.okta.com' })).toBe(false);
  });
});

describe('each Okta test flips between a good and a bad input', () => {
  function judge(testId: string, attributes: Record<string, unknown>, now = NOW): TOutcomeStatus {
    const test = library.tests.find((t) => t.id === testId);
    if (!test) throw new Error(`no test ${testId}`);
    const resource = { type: test.resourceType, id: 'x', name: 'x', attributes };
    return evaluateInventory([resource], [test], { now })[0]?.status as TOutcomeStatus;
  }
  const factor = (kind: string, active = true) => ({ kind, active, providerType: kind, provider: 'OKTA' });
  const user = (changes: Record<string, unknown> = {}) => ({
    login: 'pat.lee@acme.com',
    email: 'pat.lee@acme.com',
    displayName: 'Pat Lee',
    status: 'ACTIVE',
    created: '2024-01-01T00:00:00.000Z',
    activated: '2024-01-01T00:00:00.000Z',
    lastLogin: '2025-06-29T00:00:00.000Z',
    passwordChanged: null,
    factors: [factor('push')],
    adminRoles: [],
    superAdmin: false,
    groups: ['Everyone'],
    terminationDate: null,
    ...changes,
  });

  it('MFA: an active non-email factor, for accounts that can sign in', () => {
    const t = 'okta.user_mfa_enrolled';
    expect(judge(t, user())).toBe(P);
    expect(judge(t, user({ factors: [] }))).toBe(F);
    expect(judge(t, user({ factors: [factor('push', false)] }))).toBe(F);
    expect(judge(t, user({ factors: [factor('email'), factor('security_question')] }))).toBe(F);
    expect(judge(t, user({ factors: [factor('sms')] }))).toBe(P);
    expect(judge(t, user({ factors: [], status: 'SUSPENDED' }))).toBe(NA);
    expect(judge(t, user({ factors: [], status: 'LOCKED_OUT' }))).toBe(F);
  });

  it('admins: a phishing-resistant factor and no SMS, voice or email', () => {
    const t = 'okta.admin_phishing_resistant_mfa';
    const admin = (factors: unknown[]) => user({ adminRoles: ['SUPER_ADMIN'], superAdmin: true, factors });
    expect(judge(t, admin([factor('webauthn')]))).toBe(P);
    expect(judge(t, admin([factor('fastpass'), factor('push')]))).toBe(P);
    expect(judge(t, admin([factor('sms')]))).toBe(F);
    expect(judge(t, admin([factor('webauthn'), factor('voice')]))).toBe(F);
    expect(judge(t, admin([factor('webauthn'), factor('email')]))).toBe(F);
    expect(judge(t, admin([factor('webauthn', false), factor('totp')]))).toBe(F);
    expect(judge(t, user({ factors: [factor('sms')] }))).toBe(NA);
  });

  it('stale accounts: more than 90 days since the last sign-in, or since activation when never signed in', () => {
    const t = 'okta.user_not_stale';
    expect(judge(t, user({ lastLogin: '2025-04-01T12:00:00.000Z' }))).toBe(P); // 90 days
    expect(judge(t, user({ lastLogin: '2025-03-31T12:00:00.000Z' }))).toBe(F); // 91 days
    expect(judge(t, user({ lastLogin: null, activated: '2025-06-01T00:00:00.000Z' }))).toBe(P);
    expect(judge(t, user({ lastLogin: null, activated: '2025-01-01T00:00:00.000Z' }))).toBe(F);
    expect(judge(t, user({ lastLogin: '2024-01-01T00:00:00.000Z' }), new Date('2024-02-01T00:00:00Z'))).toBe(
      P,
    );
    expect(judge(t, user({ lastLogin: '2024-01-01T00:00:00.000Z', status: 'DEPROVISIONED' }))).toBe(NA);
  });

  it('leavers: suspended or deactivated once their last day is over', () => {
    const t = 'okta.leaver_deactivated';
    expect(judge(t, user({ terminationDate: '2025-06-29' }))).toBe(F);
    expect(judge(t, user({ terminationDate: '2025-06-29', status: 'SUSPENDED' }))).toBe(P);
    expect(judge(t, user({ terminationDate: '2025-06-29', status: 'DEPROVISIONED' }))).toBe(P);
    expect(judge(t, user({ terminationDate: '2025-06-30' }))).toBe(NA); // the last day is today
    expect(judge(t, user({ terminationDate: '2025-06-30T09:00:00Z' }))).toBe(F);
    expect(judge(t, user())).toBe(NA);
    expect(judge(t, user({ terminationDate: 'soon' }))).toBe(E);
  });

  it('pending activation: staged or provisioned for more than 30 days', () => {
    const t = 'okta.pending_activation_expired';
    expect(judge(t, user({ status: 'STAGED', created: '2025-05-31T12:00:00.000Z' }))).toBe(P); // 30 days
    expect(judge(t, user({ status: 'STAGED', created: '2025-05-30T12:00:00.000Z' }))).toBe(F);
    expect(judge(t, user({ status: 'PROVISIONED', created: '2025-01-01T00:00:00.000Z' }))).toBe(F);
    expect(judge(t, user({ created: '2020-01-01T00:00:00.000Z' }))).toBe(NA);
  });

  it('generic accounts: logins that name a role or a placeholder', () => {
    const t = 'okta.no_generic_accounts';
    for (const login of [
      'admin@acme.com',
      'test@acme.com',
      'test-user@acme.com',
      'support2@acme.com',
      'it@acme.com',
    ])
      expect(judge(t, user({ login })), login).toBe(F);
    for (const login of ['pat.lee@acme.com', 'admin.pat@acme.com', 'itzel.ruiz@acme.com', 'testa@acme.com'])
      expect(judge(t, user({ login })), login).toBe(P);
    expect(judge(t, user({ login: 'admin@acme.com', status: 'DEPROVISIONED' }))).toBe(NA);
  });

  const passwordPolicy = (changes: Record<string, unknown> = {}) => ({
    name: 'Default Policy',
    priority: 1,
    active: true,
    providerMastered: true,
    minLength: 12,
    requiresLowercase: true,
    requiresUppercase: true,
    requiresNumber: true,
    requiresSymbol: false,
    historyCount: 5,
    maxAgeDays: 0,
    lockoutAttempts: 10,
    ...changes,
  });
  const directory = (changes: Record<string, unknown> = {}) => ({
    domain: 'acme.okta.com',
    passwordPolicies: [passwordPolicy()],
    mfaEnrollmentPolicies: [
      {
        name: 'Default Policy',
        priority: 1,
        active: true,
        requiredFactors: ['okta_verify'],
        requiredMfaFactors: ['okta_verify'],
        neverPrompted: false,
      },
    ],
    sessionRules: [
      {
        policy: 'Default Policy',
        rule: 'Default Rule',
        active: true,
        allowsAccess: true,
        maxLifetimeMinutes: 720,
        maxIdleMinutes: 60,
        persistentCookie: false,
      },
    ],
    superAdmins: ['a@acme.com', 'b@acme.com'],
    ...changes,
  });

  it('super admins: two to four', () => {
    const t = 'okta.super_admin_count';
    const count = (n: number) =>
      judge(t, directory({ superAdmins: Array.from({ length: n }, (_, i) => `${i}@acme.com`) }));
    expect([0, 1, 2, 4, 5].map(count)).toEqual([F, F, P, P, F]);
  });

  it('password policies: length, history and lockout, for provider-mastered passwords only', () => {
    const policies = (changes: Record<string, unknown>, extra: unknown[] = []) =>
      directory({ passwordPolicies: [passwordPolicy(changes), ...extra] });
    expect(judge('okta.password_min_length', policies({}))).toBe(P);
    expect(judge('okta.password_min_length', policies({ minLength: 11 }))).toBe(F);
    expect(judge('okta.password_min_length', policies({ minLength: null }))).toBe(F);
    expect(judge('okta.password_min_length', policies({ minLength: 8, active: false }))).toBe(F); // none active
    expect(judge('okta.password_min_length', policies({ minLength: 8, providerMastered: false }))).toBe(NA);
    expect(
      judge('okta.password_min_length', policies({}, [passwordPolicy({ name: 'B', minLength: 6 })])),
    ).toBe(F);
    expect(judge('okta.password_history', policies({ historyCount: 4 }))).toBe(F);
    expect(judge('okta.password_history', policies({ historyCount: 24 }))).toBe(P);
    expect(
      [0, 1, 10, 11].map((n) => judge('okta.password_lockout', policies({ lockoutAttempts: n }))),
    ).toEqual([F, P, P, F]);
  });

  it('MFA enrollment: a required second factor, and rules that prompt', () => {
    const t = 'okta.mfa_enrollment_required';
    const policy = (changes: Record<string, unknown>) =>
      directory({
        mfaEnrollmentPolicies: [
          {
            name: 'P',
            priority: 1,
            active: true,
            requiredFactors: [],
            requiredMfaFactors: ['webauthn'],
            neverPrompted: false,
            ...changes,
          },
        ],
      });
    expect(judge(t, policy({}))).toBe(P);
    expect(judge(t, policy({ requiredMfaFactors: [] }))).toBe(F);
    expect(judge(t, policy({ neverPrompted: true }))).toBe(F);
    expect(judge(t, directory({ mfaEnrollmentPolicies: [] }))).toBe(F);
  });

  it('sessions: at most 12 hours in every allowing rule', () => {
    const t = 'okta.session_lifetime_limited';
    const rule = (changes: Record<string, unknown>) =>
      directory({ sessionRules: [{ ...directory().sessionRules[0], ...changes }] });
    expect(judge(t, rule({ maxLifetimeMinutes: 720 }))).toBe(P);
    expect(judge(t, rule({ maxLifetimeMinutes: 721 }))).toBe(F);
    expect(judge(t, rule({ maxLifetimeMinutes: null }))).toBe(F);
    expect(judge(t, rule({ maxLifetimeMinutes: null, allowsAccess: false }))).toBe(F); // no allowing rule left
    expect(judge(t, rule({ maxLifetimeMinutes: null, active: false }))).toBe(F);
  });
});
