import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { OWNER, serverHarness } from '../support/server.ts';

let h: Awaited<ReturnType<typeof serverHarness>>;
afterEach(() => h.close());

type TBrowser = ReturnType<Awaited<ReturnType<typeof serverHarness>>['browser']>;
interface TMember {
  userId: string;
  email: string;
  role: string;
}

/** Invites someone with the owner's browser and signs them up through the link the API returned. */
async function join(owner: TBrowser, email: string, role: string): Promise<TBrowser> {
  const invited = await owner.call('POST', '/api/v1/orgs/acme-cloud/invitations', { email, role });
  expect(invited.statusCode).toBe(201);
  const link: string = invited.json().link;
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/invitations\/accept\?token=atli_/);
  const token = new URL(link).searchParams.get('token');
  const person = h.browser();
  const joined = await person.call('POST', '/api/v1/invitations/register', {
    token,
    password: `${role} long password here`,
  });
  expect(joined.statusCode).toBe(200);
  await person.call('GET', '/api/v1/session'); // picks up the CSRF token for changes
  return person;
}

async function members(caller: TBrowser): Promise<TMember[]> {
  return (await caller.call('GET', '/api/v1/orgs/acme-cloud/members')).json().items;
}

const idOf = (list: TMember[], email: string) => list.find((m) => m.email === email)?.userId ?? '';

describe(`members and roles on ${ENGINE}`, () => {
  it('changes roles within the changer’s own rank and records each change', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const admin = await join(owner, 'admin@acme.test', 'admin');
    await join(owner, 'viewer@acme.test', 'viewer');
    const list = await members(owner);
    expect(list.map((m) => [m.email, m.role])).toEqual([
      ['admin@acme.test', 'admin'],
      [OWNER.email, 'owner'],
      ['viewer@acme.test', 'viewer'],
    ]);
    const viewer = idOf(list, 'viewer@acme.test');
    const members_ = `/api/v1/orgs/acme-cloud/members`;

    const above = await admin.call('PATCH', `${members_}/${viewer}`, { role: 'owner' });
    expect(above.statusCode).toBe(403);
    expect(above.json().error).toMatchObject({ code: 'FORBIDDEN', details: { field: 'role' } });
    const outranked = await admin.call('PATCH', `${members_}/${idOf(list, OWNER.email)}`, { role: 'viewer' });
    expect(outranked.statusCode).toBe(403);
    const unknownRole = await admin.call('PATCH', `${members_}/${viewer}`, { role: 'superuser' });
    expect(unknownRole.statusCode).toBe(400);

    const promoted = await admin.call('PATCH', `${members_}/${viewer}`, { role: 'member' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toEqual({ userId: viewer, email: 'viewer@acme.test', role: 'member' });
    expect((await members(owner)).find((m) => m.userId === viewer)?.role).toBe('member');
    const log = (
      await owner.call('GET', '/api/v1/orgs/acme-cloud/audit-log?action=membership.role_changed')
    ).json();
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      actor: 'admin@acme.test',
      targetType: 'user',
      targetId: viewer,
      details: { email: 'viewer@acme.test', before: 'viewer', after: 'member' },
    });
  });

  it('never leaves the organization without an owner, even when two owners step down at once', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const second = await join(owner, 'second@acme.test', 'admin');
    const list = await members(owner);
    const me = idOf(list, OWNER.email);
    const other = idOf(list, 'second@acme.test');
    const url = (id: string) => `/api/v1/orgs/acme-cloud/members/${id}`;

    const alone = await owner.call('PATCH', url(me), { role: 'admin' });
    expect(alone.statusCode).toBe(409);
    expect(alone.json().error.message).toContain('last owner');
    expect((await owner.call('DELETE', url(me))).statusCode).toBe(409);

    expect((await owner.call('PATCH', url(other), { role: 'owner' })).statusCode).toBe(200);
    const [a, b] = await Promise.all([
      owner.call('PATCH', url(me), { role: 'admin' }),
      second.call('PATCH', url(other), { role: 'admin' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await members(owner)).filter((m) => m.role === 'owner')).toHaveLength(1);
  });

  it('removes a member, whose access ends at once, and refuses unknown or other organizations’ members', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const leaving = await join(owner, 'leaving@acme.test', 'member');
    expect((await leaving.call('GET', '/api/v1/orgs/acme-cloud/controls')).statusCode).toBe(200);
    const id = idOf(await members(owner), 'leaving@acme.test');

    const admin = await h.tokenFor('acme-cloud', 'admin');
    const call = h.orgCall('acme-cloud');
    expect(
      (await call('DELETE', `/members/${idOf(await members(owner), OWNER.email)}`, admin)).statusCode,
    ).toBe(403);
    expect((await call('DELETE', `/members/${id}`, admin)).statusCode).toBe(204);
    expect((await call('DELETE', `/members/${id}`, admin)).statusCode).toBe(404);
    expect((await members(owner)).map((m) => m.email)).toEqual([OWNER.email]);
    expect((await leaving.call('GET', '/api/v1/orgs/acme-cloud/controls')).statusCode).toBe(404);
    const removed = (
      await owner.call('GET', '/api/v1/orgs/acme-cloud/audit-log?action=membership.removed')
    ).json();
    expect(removed.items[0]).toMatchObject({
      targetId: id,
      details: { email: 'leaving@acme.test', role: 'member' },
    });

    // Beta's owner cannot reach an Acme member through Beta.
    await join(owner, 'stays@acme.test', 'viewer');
    const stays = idOf(await members(owner), 'stays@acme.test');
    await owner.call('POST', '/api/v1/orgs', { name: 'Beta' });
    const beta = await h.tokenFor('beta', 'owner');
    expect((await h.orgCall('beta')('PATCH', `/members/${stays}`, beta, { role: 'admin' })).statusCode).toBe(
      404,
    );
    expect((await h.orgCall('beta')('DELETE', `/members/${stays}`, beta)).statusCode).toBe(404);
    expect((await members(owner)).find((m) => m.userId === stays)?.role).toBe('viewer');
  });
});
