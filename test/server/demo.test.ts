import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSetupToken } from '../../src/app/auth/setup.ts';
import { createDemoSignInToken } from '../../src/app/demo/demo-sign-in.ts';
import { serverHarness } from '../support/server.ts';

describe('try the demo on an empty first run', () => {
  let h: Awaited<ReturnType<typeof serverHarness>>;
  beforeAll(async () => {
    h = await serverHarness();
  });
  afterAll(() => h.close());

  it('is available while the instance has no user, then seeds the demo and signs in as its owner', async () => {
    const visitor = h.browser();
    expect((await visitor.call('GET', '/api/v1/demo')).json()).toEqual({ available: true, seeded: false });

    const started = await visitor.call('POST', '/api/v1/demo');
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({
      user: { email: 'demo@attestly.local' },
      mfaRequired: false,
      organizations: [{ organization: { slug: 'demo', name: 'Demo Cloud Inc.' }, role: 'owner' }],
    });
    const controls = await visitor.call('GET', '/api/v1/orgs/demo/controls');
    expect(controls.statusCode).toBe(200);
    expect((await visitor.call('GET', '/api/v1/demo')).json()).toEqual({ available: false, seeded: true });
  }, 180_000);

  it('is refused once anyone exists, even the demo', async () => {
    const again = await h.browser().call('POST', '/api/v1/demo');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
  });

  it('still lets the real owner use the first-run setup link afterwards', async () => {
    const owner = await h.setupOwner('Acme Cloud');
    const session = (await owner.call('GET', '/api/v1/session')).json();
    expect(session.organizations.map((o: { organization: { slug: string } }) => o.organization.slug)).toEqual(
      ['acme-cloud'],
    );
    // With a real owner there is no second setup link, and the demo cannot be started again.
    expect(await createSetupToken(h.app.deps)).toBeNull();
    expect((await h.browser().call('POST', '/api/v1/demo')).statusCode).toBe(409);
  });

  it('signs in as the demo owner once per one-time link, into the demo organization only', async () => {
    const token = await createDemoSignInToken(h.app.deps);
    expect(token).toMatch(/^atld_/);
    const demo = h.browser();
    const signedIn = await demo.call('POST', '/api/v1/demo/sign-in', { token });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().organizations).toEqual([
      { organization: { slug: 'demo', name: 'Demo Cloud Inc.', requireMfa: false }, role: 'owner' },
    ]);
    expect((await demo.call('GET', '/api/v1/orgs/demo/controls')).statusCode).toBe(200);

    const reused = await h.browser().call('POST', '/api/v1/demo/sign-in', { token });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error.code).toBe('UNAUTHENTICATED');
    expect(reused.cookies.some((c) => c.name === 'attestly_session')).toBe(false);
  });

  it('refuses a made-up token and a setup token presented as a demo link', async () => {
    for (const token of [
      'atld_not-a-real-token-at-all',
      'atlu_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      const response = await h.browser().call('POST', '/api/v1/demo/sign-in', { token });
      expect(response.statusCode).toBe(401);
    }
  });
});

describe('try the demo on an instance in use', () => {
  it('is unavailable and refused with CONFLICT, seeding nothing', async () => {
    const h = await serverHarness();
    try {
      await h.setupOwner();
      const visitor = h.browser();
      expect((await visitor.call('GET', '/api/v1/demo')).json()).toEqual({ available: false, seeded: false });
      const response = await visitor.call('POST', '/api/v1/demo');
      expect(response.statusCode).toBe(409);
      expect(response.json().error.message).toMatch(/empty instance/);
      expect(await h.app.deps.store.repos.organizations.findBySlug('demo')).toBeNull();
      expect(visitor.hasCookie()).toBe(false);
    } finally {
      await h.close();
    }
  });
});
