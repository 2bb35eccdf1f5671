import { afterEach, describe, expect, it } from 'vitest';
import { startSession } from '../../src/app/auth/sessions.ts';
import { ENGINE } from '../support/database.ts';
import { OWNER, serverHarness } from '../support/server.ts';
import { softAuthenticator, type TSoftOptions } from '../support/soft-authenticator.ts';

// Passkeys end to end, against a software authenticator (test/support/soft-authenticator.ts). The public
// URL makes the relying party: RP ID attestly.example.test, origin https://attestly.example.test.

const PUBLIC_URL = 'https://attestly.example.test';
const RP = { rpId: 'attestly.example.test', origin: PUBLIC_URL };

let h: Awaited<ReturnType<typeof serverHarness>>;
afterEach(() => h.close());

type TBrowser = ReturnType<typeof h.browser>;
type TKey = ReturnType<typeof softAuthenticator>;

async function start() {
  h = await serverHarness({ ATTESTLY_PUBLIC_URL: PUBLIC_URL });
  return h.setupOwner();
}

async function addPasskey(b: TBrowser, key: TKey, name?: string) {
  const options = (await b.call('POST', '/api/v1/me/passkeys/options')).json();
  return b.call('POST', '/api/v1/me/passkeys', { credential: key.register(options), name });
}

async function passwordSignIn() {
  const b = h.browser();
  const response = await b.call('POST', '/api/v1/auth/sign-in', OWNER);
  return { b, response };
}

async function secondFactor(b: TBrowser, key: TKey, over?: TSoftOptions) {
  const options = (await b.call('POST', '/api/v1/auth/mfa/passkey/options')).json();
  return b.call('POST', '/api/v1/auth/mfa/passkey', { credential: key.assert(options, over) });
}

async function passkeySignIn(key: TKey, over?: TSoftOptions) {
  const b = h.browser();
  const options = (await b.call('POST', '/api/v1/auth/passkey/options')).json();
  const credential = key.assert(options, over);
  const response = await b.call('POST', '/api/v1/auth/passkey', { credential });
  return { b, response, credential };
}

describe(`passkeys on ${ENGINE}`, () => {
  it('registers a passkey, which then counts as a second factor after the password', async () => {
    const owner = await start();
    const key = softAuthenticator(RP);
    const options = (await owner.call('POST', '/api/v1/me/passkeys/options')).json();
    expect(options).toMatchObject({
      rp: { id: RP.rpId, name: 'Attestly' },
      user: { name: OWNER.email },
      excludeCredentials: [],
    });
    const added = await owner.call('POST', '/api/v1/me/passkeys', {
      credential: key.register(options),
      name: ' YubiKey ',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ id: key.id, name: 'YubiKey', lastUsedAt: null });
    const listed = (await owner.call('GET', '/api/v1/me/passkeys')).json();
    expect(listed.items.map((p: { id: string }) => p.id)).toEqual([key.id]);
    expect(Object.keys(listed.items[0]).sort()).toEqual([
      'createdAt',
      'id',
      'lastUsedAt',
      'name',
      'transports',
    ]);
    const again = (await owner.call('POST', '/api/v1/me/passkeys/options')).json();
    expect(again.excludeCredentials).toEqual([
      { id: key.id, type: 'public-key', transports: ['usb', 'internal'] },
    ]);
    expect((await owner.call('GET', '/api/v1/session')).json().user.mfaEnabled).toBe(true);

    await owner.call('POST', '/api/v1/auth/sign-out');
    const { b, response } = await passwordSignIn();
    expect(response.json().mfaRequired).toBe(true);
    expect((await b.call('GET', '/api/v1/orgs/acme-cloud')).statusCode).toBe(401);
    // A session still waiting for its second factor cannot add a passkey to skip it.
    expect((await b.call('POST', '/api/v1/me/passkeys/options')).statusCode).toBe(401);
    const done = await secondFactor(b, key);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ mfaRequired: false, user: { mfaEnabled: true } });
    expect((await b.call('GET', '/api/v1/orgs/acme-cloud')).statusCode).toBe(200);
    expect((await b.call('GET', '/api/v1/orgs/acme-cloud/controls')).statusCode).toBe(200);
    expect((await b.call('GET', '/api/v1/me/passkeys')).json().items[0].lastUsedAt).not.toBeNull();
  });

  it('signs in with the passkey alone, fully, only when the authenticator verified the user', async () => {
    const owner = await start();
    const key = softAuthenticator(RP);
    expect((await addPasskey(owner, key)).statusCode).toBe(201);

    const unverified = await passkeySignIn(key, { userVerified: false });
    expect(unverified.response.statusCode).toBe(401);
    expect(unverified.response.json().error.message).toContain('User verification required');
    expect(unverified.b.hasCookie()).toBe(false);

    const { b, response } = await passkeySignIn(key);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { email: OWNER.email, mfaEnabled: true },
      mfaRequired: false,
      organizations: [{ organization: { slug: 'acme-cloud' }, role: 'owner' }],
    });
    expect(response.cookies.find((c) => c.name === 'attestly_session')).toMatchObject({ httpOnly: true });
    expect((await b.call('GET', '/api/v1/orgs/acme-cloud')).statusCode).toBe(200);
    const task = await b.call('POST', '/api/v1/orgs/acme-cloud/tasks', { title: 'Review access' });
    expect(task.statusCode).toBe(201);
  });

  it('spends each challenge once: a replayed response is refused', async () => {
    const owner = await start();
    const key = softAuthenticator(RP);
    const options = (await owner.call('POST', '/api/v1/me/passkeys/options')).json();
    const registration = key.register(options);
    expect((await owner.call('POST', '/api/v1/me/passkeys', { credential: registration })).statusCode).toBe(
      201,
    );
    const replayedRegistration = await owner.call('POST', '/api/v1/me/passkeys', {
      credential: registration,
    });
    expect(replayedRegistration.statusCode).toBe(400);

    const { credential } = await passkeySignIn(key);
    const replay = await h.browser().call('POST', '/api/v1/auth/passkey', { credential });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.message).toContain('unknown, used or expired');
  });

  it('lets a challenge expire after five minutes, and binds it to what it was issued for', async () => {
    const owner = await start();
    const key = softAuthenticator(RP);
    await addPasskey(owner, key);
    const b = h.browser();
    const options = (await b.call('POST', '/api/v1/auth/passkey/options')).json();
    h.app.clock.advanceMinutes(6);
    const late = await b.call('POST', '/api/v1/auth/passkey', { credential: key.assert(options) });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.message).toContain('unknown, used or expired');

    // A challenge issued for a sign-in without a password does not complete a password sign-in.
    const { b: pending } = await passwordSignIn();
    const signInOptions = (await h.browser().call('POST', '/api/v1/auth/passkey/options')).json();
    const crossed = await pending.call('POST', '/api/v1/auth/mfa/passkey', {
      credential: key.assert(signInOptions),
    });
    expect(crossed.statusCode).toBe(401);
    expect(crossed.json().error.message).toContain('unknown, used or expired');
    expect((await secondFactor(pending, key)).statusCode).toBe(200);
  });

  it('refuses an assertion from an unknown credential or made for another origin', async () => {
    const owner = await start();
    const key = softAuthenticator(RP);
    await addPasskey(owner, key);

    const stranger = softAuthenticator(RP);
    const unknown = await passkeySignIn(stranger);
    expect(unknown.response.statusCode).toBe(401);
    expect(unknown.response.json().error).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'this passkey is not registered with this account',
    });

    const { b } = await passwordSignIn();
    expect((await secondFactor(b, stranger)).statusCode).toBe(401);

    const phished = await passkeySignIn(key, { origin: 'https://attestly.example.test.evil.example' });
    expect(phished.response.statusCode).toBe(401);
    expect(phished.response.json().error.message).toContain('origin');
    expect((await secondFactor(b, key, { origin: 'https://evil.example' })).statusCode).toBe(401);
    expect((await b.call('GET', '/api/v1/orgs/acme-cloud')).statusCode).toBe(401);

    // Registering a key made on another site's page is refused too.
    const options = (await owner.call('POST', '/api/v1/me/passkeys/options')).json();
    const foreign = softAuthenticator({ rpId: RP.rpId, origin: 'https://evil.example' });
    const added = await owner.call('POST', '/api/v1/me/passkeys', { credential: foreign.register(options) });
    expect(added.statusCode).toBe(400);
    expect(added.json().error.message).toContain('origin');
  });

  it('refuses a signature counter that goes backwards', async () => {
    const owner = await start();
    const key = softAuthenticator(RP);
    await addPasskey(owner, key);
    expect((await passkeySignIn(key)).response.statusCode).toBe(200); // counter 1
    expect((await passkeySignIn(key)).response.statusCode).toBe(200); // counter 2
    const cloned = await passkeySignIn(key, { counter: 1 });
    expect(cloned.response.statusCode).toBe(401);
    expect(cloned.response.json().error.message).toContain('counter went backwards');
    expect((await passkeySignIn(key, { counter: 2 })).response.statusCode).toBe(401);
    expect((await passkeySignIn(key)).response.statusCode).toBe(200); // counter 3
  });

  it('makes the user single-factor again when the passkey is removed', async () => {
    const owner = await start();
    const key = softAuthenticator(RP);
    await addPasskey(owner, key);
    expect((await owner.call('DELETE', `/api/v1/me/passkeys/${key.id}`)).statusCode).toBe(204);
    expect((await owner.call('DELETE', `/api/v1/me/passkeys/${key.id}`)).statusCode).toBe(404);
    expect((await owner.call('GET', '/api/v1/me/passkeys')).json().items).toEqual([]);
    expect((await owner.call('GET', '/api/v1/session')).json().user.mfaEnabled).toBe(false);

    const { b, response } = await passwordSignIn();
    expect(response.json().mfaRequired).toBe(false);
    expect((await b.call('GET', '/api/v1/orgs/acme-cloud')).statusCode).toBe(200);
    expect((await b.call('POST', '/api/v1/auth/mfa/passkey/options')).statusCode).toBe(400);
    expect((await passkeySignIn(key)).response.statusCode).toBe(401);
  });

  it('satisfies an organization that requires a second factor', async () => {
    const owner = await start();
    const early = await owner.call('PATCH', '/api/v1/orgs/acme-cloud/settings', { requireMfa: true });
    expect(early.statusCode).toBe(409);
    const key = softAuthenticator(RP);
    await addPasskey(owner, key);
    const set = await owner.call('PATCH', '/api/v1/orgs/acme-cloud/settings', { requireMfa: true });
    expect(set.json()).toMatchObject({ requireMfa: true });
    expect((await owner.call('GET', '/api/v1/orgs/acme-cloud')).statusCode).toBe(200);
    const { b } = await passkeySignIn(key);
    expect((await b.call('GET', '/api/v1/orgs/acme-cloud/controls')).statusCode).toBe(200);

    await owner.call('DELETE', `/api/v1/me/passkeys/${key.id}`);
    const blocked = await owner.call('GET', '/api/v1/orgs/acme-cloud');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('MFA_REQUIRED');
  });

  it('lets no single sign-on session manage passkeys, since a passkey signs in to every organization', async () => {
    await start();
    const org = await h.app.deps.store.repos.organizations.findBySlug('acme-cloud');
    const user = await h.app.deps.store.repos.users.findAuthByEmail(OWNER.email);
    if (!org || !user) throw new Error('setup went wrong');
    const { token } = await startSession(
      h.app.deps,
      user,
      { idleMinutes: 30, absoluteHours: 1 },
      null,
      org.id,
    );
    const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}) =>
      h.server.inject({ method, url, headers: { cookie: `attestly_session=${token}`, ...headers } });
    const { csrfToken } = (await call('GET', '/api/v1/session')).json();
    const refused = await call('POST', '/api/v1/me/passkeys/options', { 'x-csrf-token': csrfToken });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('single sign-on');
  });
});
