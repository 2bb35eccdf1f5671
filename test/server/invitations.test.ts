import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { OWNER, serverHarness } from '../support/server.ts';

let h: Awaited<ReturnType<typeof serverHarness>>;
afterEach(() => h.close());

const linkToken = (text: string) => /token=(atli_[\w-]+)/.exec(text)?.[1] ?? '';

describe(`invitations on ${ENGINE}`, () => {
  it('mails a link that a new person uses once to join with the invited role', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const invited = await owner.call('POST', '/api/v1/orgs/acme-cloud/invitations', {
      email: 'Auditor@Firm.test',
      role: 'auditor',
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({
      email: 'auditor@firm.test',
      role: 'auditor',
      invitedBy: OWNER.email,
    });
    // No mail is delivered here (the log mailer), so the inviter gets the link to pass on.
    expect(invited.json().link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/invitations\/accept\?token=atli_/);
    const mail = h.app.outbox.at(-1);
    expect(mail).toMatchObject({
      to: 'auditor@firm.test',
      subject: 'You are invited to Acme Cloud on Attestly',
    });
    const token = linkToken(mail?.text ?? '');
    expect(mail?.text).toContain('http://127.0.0.1:3000/invitations/accept?token=atli_');

    const newcomer = h.browser();
    const joined = await newcomer.call('POST', '/api/v1/invitations/register', {
      token,
      password: 'auditor long password',
    });
    expect(joined.json()).toEqual({
      organization: { slug: 'acme-cloud', name: 'Acme Cloud' },
      role: 'auditor',
    });
    expect((await newcomer.call('GET', '/api/v1/orgs/acme-cloud')).json().role).toBe('auditor');
    const again = await h
      .browser()
      .call('POST', '/api/v1/invitations/register', { token, password: 'auditor long password' });
    expect(again.statusCode).toBe(404);
    const members = (await owner.call('GET', '/api/v1/orgs/acme-cloud/members')).json().items;
    expect(members).toContainEqual(expect.objectContaining({ email: 'auditor@firm.test', role: 'auditor' }));
  });

  it('expires, can be revoked, and only the invited user can accept while signed in', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    await owner.call('POST', '/api/v1/orgs', { name: 'Second Org' });
    await owner.call('POST', '/api/v1/orgs/second-org/invitations', {
      email: OWNER.email.replace('owner', 'x'),
      role: 'viewer',
    });
    const wrongUserToken = linkToken(h.app.outbox.at(-1)?.text ?? '');
    const wrong = await owner.call('POST', '/api/v1/invitations/accept', { token: wrongUserToken });
    expect(wrong.statusCode).toBe(403);

    await owner.call('POST', '/api/v1/orgs/acme-cloud/invitations', {
      email: 'late@acme.test',
      role: 'member',
      expiresInDays: 1,
    });
    const late = linkToken(h.app.outbox.at(-1)?.text ?? '');
    h.app.clock.advanceMinutes(24 * 60 + 1);
    expect(
      (
        await h
          .browser()
          .call('POST', '/api/v1/invitations/register', { token: late, password: 'a long password here' })
      ).statusCode,
    ).toBe(404);

    // A day has passed: the owner's session idled out, so they sign in again.
    expect((await owner.call('GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await owner.call('POST', '/api/v1/auth/sign-in', OWNER)).statusCode).toBe(200);
    const created = await owner.call('POST', '/api/v1/orgs/acme-cloud/invitations', {
      email: 'gone@acme.test',
      role: 'member',
    });
    const revokedToken = linkToken(h.app.outbox.at(-1)?.text ?? '');
    expect(
      (await owner.call('DELETE', `/api/v1/orgs/acme-cloud/invitations/${created.json().id}`)).statusCode,
    ).toBe(204);
    expect(
      (
        await h.browser().call('POST', '/api/v1/invitations/register', {
          token: revokedToken,
          password: 'a long password here',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('returns no link to the inviter when the mail is delivered, only the invited mailbox gets it', async () => {
    h = await serverHarness({}, { mailDelivers: true });
    const owner = await h.setupOwner();
    const invited = await owner.call('POST', '/api/v1/orgs/acme-cloud/invitations', {
      email: 'new@acme.test',
      role: 'member',
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ email: 'new@acme.test', link: null });
    expect(h.app.outbox.at(-1)?.text).toContain('/invitations/accept?token=atli_');
  });

  it('says which field is wrong when a newcomer chooses a weak password', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    await owner.call('POST', '/api/v1/orgs/acme-cloud/invitations', {
      email: 'new@acme.test',
      role: 'member',
    });
    const token = linkToken(h.app.outbox.at(-1)?.text ?? '');
    const weak = await h.browser().call('POST', '/api/v1/invitations/register', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'password' } });
    // The weak attempt did not spend the link.
    const joined = await h
      .browser()
      .call('POST', '/api/v1/invitations/register', { token, password: 'a long enough password' });
    expect(joined.statusCode).toBe(200);
  });

  it('lets nobody invite above their own role, nor invite a member twice', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const admin = await h.tokenFor('acme-cloud', 'admin');
    const above = await h.server.inject({
      method: 'POST',
      url: '/api/v1/orgs/acme-cloud/invitations',
      headers: h.bearer(admin),
      payload: { email: 'boss@acme.test', role: 'owner' },
    });
    expect(above.statusCode).toBe(403);
    const twice = await owner.call('POST', '/api/v1/orgs/acme-cloud/invitations', {
      email: OWNER.email,
      role: 'viewer',
    });
    expect(twice.statusCode).toBe(409);
  });
});
