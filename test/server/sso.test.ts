import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  signInAtProvider,
  startOidcProvider,
} from '../support/oidc-test-provider.ts';
import { OWNER, serverHarness } from '../support/server.ts';

// Single sign-on against a real OpenID provider (oidc-provider) started here; Attestly is driven with
// inject(), and the provider's redirects back to it are replayed as requests.

const ACCOUNTS = {
  alice: { email: 'Alice@Acme.test', email_verified: true },
  mallory: { email: 'mallory@elsewhere.test', email_verified: true },
  unverified: { email: 'eve@acme.test', email_verified: false },
};

let idp: Awaited<ReturnType<typeof startOidcProvider>>;
let h: Awaited<ReturnType<typeof serverHarness>>;
beforeAll(async () => {
  idp = await startOidcProvider(ACCOUNTS, ['acme-cloud', 'beta']);
});
afterAll(() => idp.close());
afterEach(() => h.close());

type TBrowser = ReturnType<typeof h.browser>;

const settings = (overrides: Record<string, unknown> = {}) => ({
  issuer: idp.issuer,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  allowedDomains: ['acme.test'],
  jitRole: 'member',
  ...overrides,
});

async function configured(): Promise<TBrowser> {
  const owner = await h.setupOwner();
  const response = await owner.call('PUT', '/api/v1/orgs/acme-cloud/sso', settings());
  expect(response.statusCode).toBe(200);
  return owner;
}

/** Starts at Attestly, signs in at the provider, and returns the callback request to replay. */
async function startAndSignIn(
  account: string,
  { org = 'acme-cloud', redirect = undefined as string | undefined } = {},
) {
  const query = redirect === undefined ? '' : `?redirect=${encodeURIComponent(redirect)}`;
  const start = await h.server.inject({ method: 'GET', url: `/api/v1/sso/${org}/start${query}` });
  expect(start.statusCode).toBe(302);
  const location = String(start.headers.location);
  const authorization = new URL(location);
  expect(authorization.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('client_id')).toBe(CLIENT_ID);
  const state = start.cookies.find((c) => c.name === 'attestly_sso_state')?.value ?? '';
  const back = new URL(await signInAtProvider(location, account));
  const callback = { url: back.pathname + back.search, cookie: `attestly_sso_state=${state}` };
  const finish = () =>
    h.server.inject({ method: 'GET', url: callback.url, headers: { cookie: callback.cookie } });
  return { callback, finish };
}

const sessionCookie = (response: { cookies: Array<{ name: string; value: string }> }) =>
  response.cookies.find((c) => c.name === 'attestly_session')?.value;

async function auditActions(owner: TBrowser, org = 'acme-cloud') {
  const items = (await owner.call('GET', `/api/v1/orgs/${org}/audit-log`)).json().items as Array<{
    action: string;
    actor: string;
    details: Record<string, unknown>;
  }>;
  return items;
}

describe(`OpenID Connect single sign-on on ${ENGINE}`, () => {
  it('stores the client secret sealed, never returns it, and audits the change', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const put = await owner.call('PUT', '/api/v1/orgs/acme-cloud/sso', settings());
    expect(put.statusCode).toBe(200);
    expect(put.body).not.toContain(CLIENT_SECRET);
    const get = await owner.call('GET', '/api/v1/orgs/acme-cloud/sso');
    expect(get.json()).toMatchObject({
      issuer: idp.issuer,
      clientId: CLIENT_ID,
      clientSecretSet: true,
      allowedDomains: ['acme.test'],
      jitRole: 'member',
      enabled: true,
      redirectUri: 'http://127.0.0.1:3000/api/v1/sso/acme-cloud/callback',
    });
    expect(get.body).not.toContain(CLIENT_SECRET);
    expect(Object.keys(get.json())).not.toContain('clientSecret');

    const row = await h.app.database.db.selectFrom('sso_connections').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(CLIENT_SECRET);
    const org = await h.scopeFor('acme-cloud');
    const sealer = await h.app.deps.secrets();
    expect(sealer.open(row.client_secret_sealed, `org:${org.orgId}:sso.client_secret`)).toBe(CLIENT_SECRET);

    // Kept when left out, unless the secret would go to another issuer or client.
    const kept = await owner.call('PUT', '/api/v1/orgs/acme-cloud/sso', {
      ...settings({ allowedDomains: ['Acme.test', 'acme.test', 'subsidiary.test'] }),
      clientSecret: undefined,
    });
    expect(kept.json().allowedDomains).toEqual(['acme.test', 'subsidiary.test']);
    const moved = await owner.call('PUT', '/api/v1/orgs/acme-cloud/sso', {
      ...settings({ clientId: 'another-client' }),
      clientSecret: undefined,
    });
    expect(moved.statusCode).toBe(400);

    const entries = await auditActions(owner);
    expect(JSON.stringify(entries)).not.toContain(CLIENT_SECRET);
    const configuredEntries = entries.filter((e) => e.action === 'sso.configured');
    expect(configuredEntries).toHaveLength(2);
    expect(configuredEntries.at(-1)).toMatchObject({
      actor: OWNER.email,
      details: { issuer: idp.issuer, clientId: CLIENT_ID, clientSecretChanged: true, jitRole: 'member' },
    });
  });

  it('refuses issuers it cannot use: plain http off this machine, or nothing to discover', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const remote = await owner.call(
      'PUT',
      '/api/v1/orgs/acme-cloud/sso',
      settings({ issuer: 'http://idp.test' }),
    );
    // The refusal names the field, so the settings form shows it next to the issuer.
    expect(remote.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'issuer' } });
    const missing = await owner.call(
      'PUT',
      '/api/v1/orgs/acme-cloud/sso',
      settings({ issuer: `${idp.issuer}/nothing-here` }),
    );
    expect(missing.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'issuer' } });
    const admin = await h.tokenFor('acme-cloud', 'admin');
    const tooHigh = await h.server.inject({
      method: 'PUT',
      url: '/api/v1/orgs/acme-cloud/sso',
      headers: h.bearer(admin),
      payload: settings({ jitRole: 'owner' }),
    });
    expect(tooHigh.statusCode).toBe(403);
    const none = await owner.call('GET', '/api/v1/orgs/acme-cloud/sso');
    expect([none.statusCode, none.body]).toEqual([200, 'null']);
  });

  it('signs in someone new from an allowed domain and makes them a member just in time', async () => {
    h = await serverHarness();
    const owner = await configured();
    const { finish } = await startAndSignIn('alice', { redirect: '/controls?status=gap' });
    const done = await finish();
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/controls?status=gap');
    const cookie = sessionCookie(done);
    expect(cookie).toBeTruthy();

    const session = await h.server.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: `attestly_session=${cookie}` },
    });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({
      user: { email: 'alice@acme.test', mfaEnabled: false },
      mfaRequired: false,
      organizations: [{ organization: { slug: 'acme-cloud' }, role: 'member' }],
    });
    const members = (await owner.call('GET', '/api/v1/orgs/acme-cloud/members')).json().items;
    expect(members).toContainEqual(expect.objectContaining({ email: 'alice@acme.test', role: 'member' }));
    expect((await auditActions(owner)).find((e) => e.action === 'membership.added')).toMatchObject({
      actor: 'alice@acme.test',
      details: { email: 'alice@acme.test', role: 'member', via: 'sso', issuer: idp.issuer },
    });

    // The provider vouches for Alice in this organization only: her session reaches no other.
    await owner.call('POST', '/api/v1/orgs', { name: 'Beta' });
    const beta = await h.scopeFor('beta');
    const alice = await h.app.deps.store.repos.users.findByEmail('alice@acme.test');
    await h.app.deps.store.repos.memberships.add(beta, alice?.id ?? '', 'viewer');
    const asAlice = (url: string) =>
      h.server.inject({ method: 'GET', url, headers: { cookie: `attestly_session=${cookie}` } });
    expect((await asAlice('/api/v1/orgs/acme-cloud')).statusCode).toBe(200);
    expect((await asAlice('/api/v1/orgs/beta')).statusCode).toBe(404);
    expect((await asAlice('/api/v1/session')).json().organizations).toHaveLength(1);

    // A member already: the next sign-in signs them in without a second membership.
    const again = await (await startAndSignIn('alice')).finish();
    expect(again.statusCode).toBe(302);
    expect(again.headers.location).toBe('/');
  });

  it('reads the address from userinfo when the provider keeps it out of the ID token', async () => {
    h = await serverHarness();
    const userinfoOnly = await startOidcProvider(ACCOUNTS, ['acme-cloud'], { idTokenClaims: false });
    try {
      const owner = await h.setupOwner();
      const put = await owner.call(
        'PUT',
        '/api/v1/orgs/acme-cloud/sso',
        settings({ issuer: userinfoOnly.issuer }),
      );
      expect(put.statusCode).toBe(200);
      const done = await (await startAndSignIn('alice')).finish();
      expect(done.statusCode).toBe(302);
      expect(sessionCookie(done)).toBeTruthy();
      expect((await (await startAndSignIn('unverified')).finish()).statusCode).toBe(403);
    } finally {
      await userinfoOnly.close();
    }
  });

  it('refuses a replayed callback, one from another browser, and a redirect off the site', async () => {
    h = await serverHarness();
    await configured();
    const { callback, finish } = await startAndSignIn('alice');
    const foreign = await h.server.inject({ method: 'GET', url: callback.url });
    expect(foreign.statusCode).toBe(401);
    expect((await finish()).statusCode).toBe(302);
    const replayed = await finish();
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().error).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(sessionCookie(replayed)).toBeUndefined();

    for (const redirect of ['//evil.test/', 'https://evil.test/', '/\\evil.test']) {
      const start = await h.server.inject({
        method: 'GET',
        url: `/api/v1/sso/acme-cloud/start?redirect=${encodeURIComponent(redirect)}`,
      });
      expect(start.statusCode).toBe(400);
    }
    const unknown = await h.server.inject({ method: 'GET', url: '/api/v1/sso/nobody/start' });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses other domains, unverified addresses, and existing users of other organizations', async () => {
    h = await serverHarness();
    const owner = await configured();
    const outsider = await (await startAndSignIn('mallory')).finish();
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().error).toMatchObject({ code: 'FORBIDDEN' });
    expect(sessionCookie(outsider)).toBeUndefined();
    const unverified = await (await startAndSignIn('unverified')).finish();
    expect(unverified.statusCode).toBe(403);
    const members = (await owner.call('GET', '/api/v1/orgs/acme-cloud/members')).json().items;
    expect(members.map((m: { email: string }) => m.email)).toEqual([OWNER.email]);
    expect(await h.app.deps.store.repos.users.findByEmail('mallory@elsewhere.test')).toBeNull();

    // Alice joins Acme by single sign-on; Beta's single sign-on may not claim her existing account.
    expect((await (await startAndSignIn('alice')).finish()).statusCode).toBe(302);
    await owner.call('POST', '/api/v1/orgs', { name: 'Beta' });
    expect((await owner.call('PUT', '/api/v1/orgs/beta/sso', settings())).statusCode).toBe(200);
    const claimed = await (await startAndSignIn('alice', { org: 'beta' })).finish();
    expect(claimed.statusCode).toBe(403);
    const betaMembers = (await owner.call('GET', '/api/v1/orgs/beta/members')).json().items;
    expect(betaMembers.map((m: { email: string }) => m.email)).toEqual([OWNER.email]);
  });
});
