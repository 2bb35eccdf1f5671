import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAccessReviewItem } from '../../src/app/access-reviews/decide-access-review-item.ts';
import { ENGINE } from '../support/database.ts';
import { rejectionOf } from '../support/errors.ts';
import { serverHarness } from '../support/server.ts';

// User access reviews over HTTP (CC6.2, CC6.3): a review freezes a system's accounts as a hashed snapshot
// that later collections never change; revocations become tasks that the next collection verifies (or
// flags when overdue); completion files the review as evidence under the access review control and feeds
// the 'access_review' population; and every change is in the audit log, hidden from other organizations.

let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: string;
let member: string;
let viewer: string;
let auditor: string;
let foreign: string;
const call = (method: string, url: string, token: string, payload?: unknown) =>
  h.orgCall('acme-cloud')(method, url, token, payload);

/** An identity provider user as a directory without a collector would push it. */
function user(login: string, over: { status?: string; adminRoles?: string[]; groups?: string[] } = {}) {
  return {
    id: `uid-${login}`,
    name: `${login}@acme.test`,
    attributes: {
      login: `${login}@acme.test`,
      email: `${login}@acme.test`,
      displayName: login,
      status: over.status ?? 'ACTIVE',
      created: '2026-01-05T10:00:00Z',
      activated: '2026-01-05T10:00:00Z',
      lastLogin: '2026-06-14T08:00:00Z',
      passwordChanged: null,
      factors: [{ kind: 'webauthn', active: true, providerType: 'KEYCLOAK', provider: 'KEYCLOAK' }],
      adminRoles: over.adminRoles ?? [],
      superAdmin: false,
      groups: over.groups ?? ['Everyone'],
      terminationDate: null,
    },
  };
}

/** A push of the directory's users (each push is a run of the pushed connection), a few minutes later. */
async function pushUsers(users: ReturnType<typeof user>[]) {
  h.app.clock.advanceMinutes(5);
  const response = await call('PUT', '/resources/idp.user', owner, {
    integration: 'Keycloak',
    resources: users,
  });
  expect(response.statusCode).toBe(200);
}

type TItem = {
  id: string;
  name: string;
  accountId: string;
  status: string;
  privileges: { roles: string[]; groups: string[]; privileged: boolean };
  decision: string | null;
  task: { id: string; status: string; dueDate: string; title: string } | null;
  verification: string | null;
};
const frozen = (items: TItem[]) =>
  items.map(({ accountId, name, status, privileges }) => ({ accountId, name, status, privileges }));
const byName = (items: TItem[], login: string) => {
  const item = items.find((i) => i.name === `${login}@acme.test`);
  if (!item) throw new Error(`no ${login}`);
  return item;
};

beforeAll(async () => {
  h = await serverHarness();
  const browser = await h.setupOwner('Acme Cloud');
  await browser.call('PUT', '/api/v1/orgs/acme-cloud/program', { reportType: 'type1', asOf: '2026-12-31' });
  await browser.call('POST', '/api/v1/orgs', { name: 'Beta' });
  owner = await h.tokenFor('acme-cloud', 'owner');
  member = await h.tokenFor('acme-cloud', 'member');
  viewer = await h.tokenFor('acme-cloud', 'viewer');
  auditor = await h.tokenFor('acme-cloud', 'auditor');
  foreign = await h.tokenFor('beta', 'owner');
  await pushUsers([
    user('alice'),
    user('bob'),
    user('carol', { adminRoles: ['SUPER_ADMIN'], groups: ['Everyone', 'Admins'] }),
    user('dave', { status: 'SUSPENDED' }),
  ]);
});
afterAll(() => h.close());

describe(`access reviews on ${ENGINE}`, () => {
  let campaignId: string;
  let sha256: string;
  let items: TItem[];

  it('lists the systems with accounts as due, and refuses a review of an unknown system', async () => {
    const systems = (await call('GET', '/access-reviews/systems', viewer)).json().items;
    expect(systems).toEqual([
      expect.objectContaining({
        name: 'Keycloak',
        accountTypes: ['idp.user'],
        accounts: 4,
        nextDue: null,
        due: 'due',
        lastCampaign: null,
      }),
    ]);
    const unknown = await call('POST', '/access-reviews', member, { system: 'Nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.details).toEqual({ field: 'system' });
  });

  it('freezes the accounts and their privileges at the start, hashed and stored', async () => {
    const started = await call('POST', '/access-reviews', member, { system: 'Keycloak' });
    expect(started.statusCode).toBe(201);
    const campaign = started.json();
    campaignId = campaign.id;
    sha256 = campaign.snapshotSha256;
    items = campaign.items;
    expect(campaign).toMatchObject({
      title: 'Keycloak · Q2 2026',
      status: 'in_progress',
      accounts: 4,
      dueDate: '2026-06-29',
      reviewerEmails: ['owner@acme.test'],
      integrity: { fileMatches: true, rowsMatch: true },
      progress: { decided: 0 },
    });
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(frozen(items)).toEqual([
      expect.objectContaining({ name: 'alice@acme.test', status: 'active' }),
      expect.objectContaining({ name: 'bob@acme.test', status: 'active' }),
      {
        accountId: 'uid-carol',
        name: 'carol@acme.test',
        status: 'active',
        privileges: { roles: ['SUPER_ADMIN'], groups: ['Everyone', 'Admins'], privileged: true },
      },
      expect.objectContaining({ name: 'dave@acme.test', status: 'disabled' }),
    ]);
    expect(items[0]).toMatchObject({ email: 'alice@acme.test', lastLogin: '2026-06-14T08:00:00Z' });

    // The stored snapshot is the canonical JSON whose SHA-256 the campaign keeps.
    const file = await call('GET', `/access-reviews/${campaignId}/snapshot`, auditor);
    expect(file.statusCode).toBe(200);
    expect(file.headers['x-content-sha256']).toBe(sha256);
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(sha256);
    const snapshot = JSON.parse(file.body);
    expect(snapshot).toMatchObject({ campaignId, system: { name: 'Keycloak', type: 'push' } });
    expect(snapshot.accounts).toHaveLength(4);

    const again = await call('POST', '/access-reviews', owner, { system: 'Keycloak' });
    expect(again.statusCode).toBe(409);
  });

  it('keeps and revokes with a comment; a revocation becomes a removal task on the control', async () => {
    const at = (login: string) => `/access-reviews/${campaignId}/items/${byName(items, login).id}`;
    const silent = await call('PUT', at('bob'), member, { decision: 'revoke' });
    expect(silent.statusCode).toBe(400);
    expect(silent.json().error.details).toEqual({ field: 'comment' });

    const kept = await call('PUT', at('alice'), member, {
      decision: 'keep',
      comment: 'On the platform team',
    });
    expect(kept.json()).toMatchObject({ decision: 'keep', task: null, verification: null });
    const revoked = await call('PUT', at('bob'), member, { decision: 'revoke', comment: 'Left in May' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({
      decision: 'revoke',
      comment: 'Left in May',
      verification: 'pending',
      task: { status: 'todo', dueDate: '2026-06-22', title: 'Remove bob@acme.test from Keycloak' },
    });
    const carol = await call('PUT', at('carol'), member, {
      decision: 'revoke',
      comment: 'No longer an admin',
    });
    expect(carol.statusCode).toBe(200);

    const tasks = (await call('GET', '/tasks', owner)).json().items;
    expect(tasks.find((t: { id: string }) => t.id === revoked.json().task.id)).toMatchObject({
      controlCode: 'AC-08',
      criterionId: 'CC6.2',
      assigneeEmail: 'owner@acme.test',
      description: expect.stringContaining(campaignId),
    });
    const undo = await call('PUT', at('bob'), member, { decision: 'keep' });
    expect(undo.statusCode).toBe(409);

    // A member who is not one of the review's reviewers may not decide (owners, admins and tokens may).
    const { repos } = h.app.deps.store;
    const scope = await h.scopeFor('acme-cloud');
    const samId = '00000000-0000-4000-8000-0000000005a5';
    await repos.users.create({ id: samId, email: 'sam@acme.test' });
    await repos.memberships.add(scope, samId, 'member');
    const refused = await rejectionOf(
      decideAccessReviewItem(
        h.app.deps,
        scope,
        { userId: samId, role: 'member' },
        campaignId,
        byName(items, 'dave').id,
        {
          decision: 'keep',
        },
      ),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('shows access as it was at the start after a later collection, which verifies a removed account', async () => {
    // Bob is gone, alice became an admin, erin joined; carol is still there.
    await pushUsers([
      user('alice', { adminRoles: ['ORG_ADMIN'] }),
      user('carol', { adminRoles: ['SUPER_ADMIN'], groups: ['Everyone', 'Admins'] }),
      user('dave', { status: 'SUSPENDED' }),
      user('erin'),
    ]);
    const after = (await call('GET', `/access-reviews/${campaignId}`, viewer)).json();
    expect(frozen(after.items)).toEqual(frozen(items));
    expect(after.snapshotSha256).toBe(sha256);
    expect(after.integrity).toEqual({ fileMatches: true, rowsMatch: true });
    expect(byName(after.items, 'bob')).toMatchObject({
      verification: 'verified',
      task: { status: 'done' },
    });
    expect(byName(after.items, 'carol')).toMatchObject({ verification: 'pending', task: { status: 'todo' } });

    // The database itself refuses to change a frozen account.
    const tamper = sql`update access_review_items set privileges = '{"roles":[],"groups":[],"privileged":false}'::jsonb where campaign_id = ${campaignId}`;
    await expect(tamper.execute(h.app.database.db)).rejects.toThrow(/frozen account cannot change/);
  });

  it('flags a revoked account still active after its task is due', async () => {
    h.app.clock.set(new Date('2026-06-24T09:00:00Z'));
    await pushUsers([
      user('alice'),
      user('carol', { adminRoles: ['SUPER_ADMIN'] }),
      user('dave', { status: 'SUSPENDED' }),
    ]);
    const after = (await call('GET', `/access-reviews/${campaignId}`, viewer)).json();
    expect(byName(after.items, 'carol')).toMatchObject({
      verification: 'flagged',
      verificationNote: 'the account is still active after the due date 2026-06-22',
      task: { status: 'todo' },
    });
    expect(after.progress).toEqual({ decided: 3, kept: 1, revoked: 2, verified: 1, flagged: 1 });
  });

  it('completes once every account is decided, into evidence for the access review control', async () => {
    const early = await call('POST', `/access-reviews/${campaignId}/complete`, member);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('1 of 4 accounts are not decided yet');
    await call('PUT', `/access-reviews/${campaignId}/items/${byName(items, 'dave').id}`, member, {
      decision: 'keep',
      comment: 'Suspended already',
    });
    const completed = await call('POST', `/access-reviews/${campaignId}/complete`, member);
    expect(completed.statusCode).toBe(200);
    const campaign = completed.json();
    expect(campaign).toMatchObject({
      status: 'completed',
      completedBy: expect.stringContaining('member token'),
    });

    const evidence = (await call('GET', '/evidence', auditor)).json().items;
    expect(evidence.find((e: { id: string }) => e.id === campaign.evidenceId)).toMatchObject({
      controlCodes: ['AC-08'],
      source: 'integration',
      mediaType: 'text/csv',
      validUntil: '2026-09-15',
    });
    const csv = (await call('GET', `/evidence/${campaign.evidenceId}/file`, auditor)).body;
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^campaign,system,frozen_at,snapshot_sha256,/);
    expect(lines.find((l) => l.includes('uid-bob'))).toMatch(
      new RegExp(`${sha256}.*,revoke,Left in May,.*member token.*,verified,owner@acme\\.test,`),
    );

    const population = await h.app.deps.store.repos.populations.list(
      await h.scopeFor('acme-cloud'),
      'access_review',
      {
        from: new Date('2026-01-01T00:00:00Z'),
        to: new Date('2026-12-31T00:00:00Z'),
      },
    );
    expect(population).toEqual([
      expect.objectContaining({
        externalId: campaignId,
        attributes: expect.objectContaining({
          system: 'Keycloak',
          accounts: 4,
          revoked: 2,
          snapshotSha256: sha256,
        }),
      }),
    ]);

    const late = await call(
      'PUT',
      `/access-reviews/${campaignId}/items/${byName(items, 'alice').id}`,
      owner,
      {
        decision: 'revoke',
        comment: 'too late',
      },
    );
    expect(late.statusCode).toBe(409);
    const systems = (await call('GET', '/access-reviews/systems', viewer)).json().items;
    expect(systems[0]).toMatchObject({ nextDue: '2026-09-15', due: 'scheduled', openCampaignId: null });
  });

  it('writes every change to the audit log', async () => {
    const entries = (await call('GET', '/audit-log?limit=100', owner)).json().items as Array<{
      action: string;
      targetId: string;
    }>;
    const actions = entries.filter((e) => e.targetId === campaignId).map((e) => e.action);
    expect(actions.sort()).toEqual([
      'access_review.completed',
      'access_review.decided',
      'access_review.decided',
      'access_review.decided',
      'access_review.decided',
      'access_review.revocation_flagged',
      'access_review.revocation_verified',
      'access_review.started',
    ]);
  });

  it('lets viewers and auditors read but not act, and hides reviews from another organization', async () => {
    expect((await call('GET', '/access-reviews', auditor)).json().total).toBe(1);
    expect((await call('POST', '/access-reviews', viewer, { system: 'Keycloak' })).statusCode).toBe(403);
    expect((await call('POST', `/access-reviews/${campaignId}/complete`, auditor)).statusCode).toBe(403);
    expect((await call('GET', `/access-reviews/${campaignId}`, foreign)).statusCode).toBe(404);
    const beta = h.orgCall('beta');
    expect((await beta('GET', `/access-reviews/${campaignId}`, foreign)).statusCode).toBe(404);
    expect((await beta('GET', `/access-reviews/${campaignId}/snapshot`, foreign)).statusCode).toBe(404);
    expect((await beta('GET', '/access-reviews', foreign)).json().total).toBe(0);
    expect((await beta('GET', '/access-reviews/systems', foreign)).json().items).toEqual([]);
    expect((await beta('POST', '/access-reviews', foreign, { system: 'Keycloak' })).statusCode).toBe(404);
  });
});
