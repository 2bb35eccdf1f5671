import { afterEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/domain/totp.ts';
import { ENGINE } from '../support/database.ts';
import { OWNER, serverHarness } from '../support/server.ts';

let h: Awaited<ReturnType<typeof serverHarness>>;
afterEach(() => h.close());

async function signIn(password = OWNER.password, address = '10.0.0.1') {
  const b = h.browser();
  const response = await b.call(
    'POST',
    '/api/v1/auth/sign-in',
    { email: OWNER.email, password },
    { 'x-forwarded-for': address },
  );
  return { b, response };
}

describe(`signing in on ${ENGINE}`, () => {
  it('the setup link creates the owner once, signed in; it cannot be used again', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const session = await owner.call('GET', '/api/v1/session');
    expect(session.json()).toMatchObject({
      user: { email: OWNER.email, mfaEnabled: false },
      mfaRequired: false,
      organizations: [{ organization: { slug: 'acme-cloud' }, role: 'owner' }],
    });
    const again = await h
      .browser()
      .call('POST', '/api/v1/setup', { token: 'atlu_guess', ...OWNER, organizationName: 'X' });
    expect(again.statusCode).toBe(401);
  });

  it('refuses a wrong password with 401 and a weak password at setup with 400', async () => {
    h = await serverHarness();
    const token = await (await import('../../src/app/auth/setup.ts')).createSetupToken(h.app.deps);
    const weak = await h
      .browser()
      .call('POST', '/api/v1/setup', { token, email: 'a@b.test', password: 'short', organizationName: 'X' });
    expect(weak.json()).toEqual({
      error: { code: 'INVALID_INPUT', message: 'a password needs at least 12 characters' },
    });
    await h.setupOwner();
    const { response } = await signIn('not the password at all');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('locks an account out for one address after repeated failures, but not for another address, and only for a while', async () => {
    h = await serverHarness({ ATTESTLY_SECURE_COOKIES: 'auto' });
    await h.setupOwner();
    for (let i = 0; i < 5; i++)
      expect((await signIn('wrong password!!', '203.0.113.9')).response.statusCode).toBe(401);
    const locked = await signIn(OWNER.password, '203.0.113.9');
    expect(locked.response.statusCode).toBe(429);
    expect(locked.response.json().error.code).toBe('RATE_LIMITED');
    expect((await signIn(OWNER.password, '198.51.100.7')).response.statusCode).toBe(200);
    h.app.clock.advanceMinutes(16);
    expect((await signIn(OWNER.password, '203.0.113.9')).response.statusCode).toBe(200);
  });

  it('enrols TOTP, then asks for the second factor at sign-in, refuses a replayed code, accepts a recovery code once', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const enrol = (await owner.call('POST', '/api/v1/me/totp/enroll')).json();
    expect(enrol.uri).toMatch(/^otpauth:\/\/totp\/Attestly:owner%40acme\.test\?secret=/);
    const confirm = await owner.call('POST', '/api/v1/me/totp/confirm', {
      code: totpCode(enrol.secret, h.app.clock.now()),
    });
    const { recoveryCodes } = confirm.json();
    expect(recoveryCodes).toHaveLength(10);

    const { b, response } = await signIn();
    expect(response.json().mfaRequired).toBe(true);
    expect((await b.call('GET', '/api/v1/orgs/acme-cloud/controls')).statusCode).toBe(401);
    h.app.clock.advanceMinutes(1);
    const code = totpCode(enrol.secret, h.app.clock.now());
    expect((await b.call('POST', '/api/v1/auth/mfa', { code })).statusCode).toBe(200);
    expect((await b.call('GET', '/api/v1/orgs/acme-cloud')).statusCode).toBe(200);

    const second = await signIn();
    expect((await second.b.call('POST', '/api/v1/auth/mfa', { code })).statusCode).toBe(401);
    expect(
      (await second.b.call('POST', '/api/v1/auth/mfa', { recoveryCode: recoveryCodes[0] })).json(),
    ).toEqual({ usedRecoveryCode: true });
    const third = await signIn();
    expect(
      (await third.b.call('POST', '/api/v1/auth/mfa', { recoveryCode: recoveryCodes[0] })).statusCode,
    ).toBe(401);
  });

  it('lets an organization require a second factor from everyone', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const early = await owner.call('PATCH', '/api/v1/orgs/acme-cloud/settings', { requireMfa: true });
    expect(early.statusCode).toBe(409);
    const admin = await h.tokenFor('acme-cloud', 'admin');
    const set = await h.server.inject({
      method: 'PATCH',
      url: '/api/v1/orgs/acme-cloud/settings',
      headers: h.bearer(admin),
      payload: { requireMfa: true },
    });
    expect(set.json()).toMatchObject({ requireMfa: true });
    const blocked = await owner.call('GET', '/api/v1/orgs/acme-cloud');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('MFA_REQUIRED');
    const enrol = (await owner.call('POST', '/api/v1/me/totp/enroll')).json();
    await owner.call('POST', '/api/v1/me/totp/confirm', { code: totpCode(enrol.secret, h.app.clock.now()) });
    expect((await owner.call('GET', '/api/v1/orgs/acme-cloud')).statusCode).toBe(200);
  });

  it('requires the CSRF header on changes made with the session cookie, but not with an API token', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    await owner.call('PUT', '/api/v1/orgs/acme-cloud/program', { reportType: 'type1', asOf: '2026-12-31' });
    owner.dropCsrf();
    const forged = await owner.call('PATCH', '/api/v1/orgs/acme-cloud/controls/AC-01', {
      version: 1,
      status: 'implemented',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.message).toContain('x-csrf-token');
    const token = await h.tokenFor('acme-cloud', 'member');
    const viaToken = await h.server.inject({
      method: 'PATCH',
      url: '/api/v1/orgs/acme-cloud/controls/AC-01',
      headers: h.bearer(token),
      payload: { version: 1, status: 'implemented' },
    });
    expect(viaToken.statusCode).toBe(200);
  });

  it('ends a session after idle time, and signs out everywhere', async () => {
    h = await serverHarness();
    await h.setupOwner();
    const one = (await signIn()).b;
    const two = (await signIn()).b;
    h.app.clock.advanceMinutes(20);
    expect((await one.call('GET', '/api/v1/session')).statusCode).toBe(200);
    h.app.clock.advanceMinutes(31);
    expect((await one.call('GET', '/api/v1/session')).statusCode).toBe(401);
    const three = (await signIn()).b;
    const everywhere = await three.call('POST', '/api/v1/auth/sign-out-everywhere');
    expect(everywhere.json().ended).toBeGreaterThanOrEqual(2);
    expect((await two.call('GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await three.call('GET', '/api/v1/session')).statusCode).toBe(401);
  });

  it('sets the session cookie httpOnly and SameSite=Lax, never exposing the token in the body', async () => {
    h = await serverHarness();
    await h.setupOwner();
    const { response } = await signIn();
    const cookie = response.cookies.find((c) => c.name === 'attestly_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(response.body).not.toContain(cookie?.value ?? 'x');
  });
});

describe(`API tokens on ${ENGINE}`, () => {
  it('are shown once, stored hashed, never listed with their secret, and stop working when revoked', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const created = await owner.call('POST', '/api/v1/orgs/acme-cloud/tokens', {
      name: 'ci',
      role: 'viewer',
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^atla_/);
    const list = await owner.call('GET', '/api/v1/orgs/acme-cloud/tokens');
    expect(list.body).not.toContain(token);
    const rows = await h.app.database.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    const use = () =>
      h.server.inject({ method: 'GET', url: '/api/v1/orgs/acme-cloud', headers: h.bearer(token) });
    expect((await use()).statusCode).toBe(200);
    expect(
      (await owner.call('GET', '/api/v1/orgs/acme-cloud/tokens')).json().items[0].lastUsedAt,
    ).not.toBeNull();
    expect((await owner.call('DELETE', `/api/v1/orgs/acme-cloud/tokens/${id}`)).statusCode).toBe(204);
    expect((await use()).statusCode).toBe(401);
  });

  it('expire, and cannot be minted with more power than the caller has', async () => {
    h = await serverHarness();
    await h.setupOwner();
    const admin = await h.tokenFor('acme-cloud', 'member');
    const escalate = await h.server.inject({
      method: 'POST',
      url: '/api/v1/orgs/acme-cloud/tokens',
      headers: h.bearer(admin),
      payload: { name: 'x', role: 'owner' },
    });
    expect(escalate.statusCode).toBe(403);
    const owner = h.browser();
    await owner.call('POST', '/api/v1/auth/sign-in', OWNER);
    const expiring = await owner.call('POST', '/api/v1/orgs/acme-cloud/tokens', {
      name: 'short',
      role: 'viewer',
      expiresAt: new Date(h.app.clock.now().getTime() + 3_600_000).toISOString(),
    });
    const token = expiring.json().token;
    const use = () =>
      h.server.inject({ method: 'GET', url: '/api/v1/orgs/acme-cloud', headers: h.bearer(token) });
    expect((await use()).statusCode).toBe(200);
    h.app.clock.advanceMinutes(61);
    expect((await use()).statusCode).toBe(401);
  });
});
