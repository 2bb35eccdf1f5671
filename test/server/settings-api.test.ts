import { afterEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/domain/totp.ts';
import { ENGINE } from '../support/database.ts';
import { serverHarness } from '../support/server.ts';

// What the settings screens rely on: the field each refusal is about (shown next to that input), and
// whether the signed-in user already has an authenticator app.

let h: Awaited<ReturnType<typeof serverHarness>>;
afterEach(() => h.close());

const fieldOf = (response: { json: () => { error?: { details?: { field?: string } } } }) =>
  response.json().error?.details?.field;

describe(`settings API on ${ENGINE}`, () => {
  it('names the field of each refused invitation and API token', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const invite = (body: object) => owner.call('POST', '/api/v1/orgs/acme-cloud/invitations', body);
    expect(fieldOf(await invite({ email: 'not an address', role: 'viewer' }))).toBe('email');
    expect(fieldOf(await invite({ email: 'owner@acme.test', role: 'viewer' }))).toBe('email');
    expect(fieldOf(await invite({ email: 'a@acme.test', role: 'viewer', expiresInDays: 31 }))).toBe(
      'expiresInDays',
    );
    const admin = await h.tokenFor('acme-cloud', 'admin');
    const call = h.orgCall('acme-cloud');
    expect(fieldOf(await call('POST', '/invitations', admin, { email: 'b@acme.test', role: 'owner' }))).toBe(
      'role',
    );

    const token = (body: object) => owner.call('POST', '/api/v1/orgs/acme-cloud/tokens', body);
    expect(fieldOf(await token({ name: '   ', role: 'viewer' }))).toBe('name');
    expect(fieldOf(await token({ name: 'ci', role: 'viewer', expiresAt: '2000-01-01T00:00:00Z' }))).toBe(
      'expiresAt',
    );
    expect(fieldOf(await call('POST', '/tokens', admin, { name: 'ci', role: 'owner' }))).toBe('role');
  });

  it('tells the session whether an authenticator app is on, apart from passkeys', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const user = async () => (await owner.call('GET', '/api/v1/session')).json().user;
    expect(await user()).toMatchObject({ mfaEnabled: false, totpEnabled: false });
    const enrol = (await owner.call('POST', '/api/v1/me/totp/enroll')).json();
    expect((await user()).totpEnabled).toBe(false);
    const confirmed = await owner.call('POST', '/api/v1/me/totp/confirm', {
      code: totpCode(enrol.secret, h.app.clock.now()),
    });
    expect(confirmed.statusCode).toBe(200);
    expect(await user()).toMatchObject({ mfaEnabled: true, totpEnabled: true });
  });
});
