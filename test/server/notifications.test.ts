import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { OWNER, serverHarness } from '../support/server.ts';

// Notifications over HTTP: each member's choices, the organization's Slack webhook (sealed, never shown),
// digests that gather what is new and are sent at most once per period, and roles that hear of nothing.

let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: Awaited<ReturnType<typeof h.setupOwner>>;
let ownerToken: string;
let slack: Server;
let slackUrl: string;
const posts: Array<{ text: string }> = [];

beforeAll(async () => {
  h = await serverHarness({}, { mailDelivers: true });
  owner = await h.setupOwner('Alpha');
  await owner.call('PUT', '/api/v1/orgs/alpha/program', { reportType: 'type1', asOf: '2026-12-31' });
  ownerToken = await h.tokenFor('alpha', 'owner');
  slack = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      posts.push(JSON.parse(body));
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
  slackUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T000/B000/x`;
});
afterAll(async () => {
  await new Promise((resolve) => slack.close(resolve));
  await h.close();
});

const mailsTo = (email: string) => h.app.outbox.filter((m) => m.to === email);

describe(`notifications on ${ENGINE}`, () => {
  it("shows a member's choices with the role's defaults, and needs a signed-in member", async () => {
    const response = await owner.call('GET', '/api/v1/orgs/alpha/notifications/preferences');
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.frequency).toBe('daily');
    expect(view.kinds.find((k: { kind: string }) => k.kind === 'task_overdue')).toMatchObject({
      allowed: true,
      email: true,
      slack: false,
    });
    const byToken = await h.orgCall('alpha')('GET', '/notifications/preferences', ownerToken);
    expect(byToken.statusCode).toBe(403);
  });

  it('keeps the Slack webhook sealed, refuses other hosts, and records the change without the address', async () => {
    const bad = await owner.call('PUT', '/api/v1/orgs/alpha/notifications/slack', {
      webhookUrl: 'https://example.com/hook',
      frequency: 'hourly',
    });
    expect(bad.statusCode).toBe(400);
    const set = await owner.call('PUT', '/api/v1/orgs/alpha/notifications/slack', {
      webhookUrl: slackUrl,
      frequency: 'hourly',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ configured: true, frequency: 'hourly', lastDigestAt: null });
    expect(set.body).not.toContain('127.0.0.1');
    const log = await owner.call('GET', '/api/v1/orgs/alpha/audit-log?action=notifications.slack_changed');
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('notifications.slack_changed');
    expect(log.body).not.toContain('services/T000');
  });

  it('sends one digest with what is new, to email and Slack, and nothing again until something new is due', async () => {
    const saved = await owner.call('PUT', '/api/v1/orgs/alpha/notifications/preferences', {
      frequency: 'hourly',
      kinds: { task_overdue: { email: true, slack: true } },
    });
    expect(saved.statusCode).toBe(200);
    const created = await owner.call('POST', '/api/v1/orgs/alpha/tasks', {
      title: 'Rotate the deploy key',
      assigneeEmail: OWNER.email,
      dueDate: '2026-06-10',
    });
    expect(created.statusCode).toBe(201);

    const first = await owner.call('POST', '/api/v1/orgs/alpha/notifications/sweeps');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ emails: 1, slackPosts: 1, problems: [] });
    expect(first.json().queued).toBeGreaterThan(1);
    const [mail] = mailsTo(OWNER.email).filter((m) => m.subject.includes('Alpha'));
    expect(mail?.text).toContain('Task "Rotate the deploy key" was due 2026-06-10');
    expect(mail?.text).toContain('A task goes overdue:');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.text).toContain('Rotate the deploy key');
    // Draft policies wait for approval, but the owner did not send those to Slack.
    expect(posts[0]?.text).not.toContain('waits for approval');

    const again = await owner.call('POST', '/api/v1/orgs/alpha/notifications/sweeps');
    expect(again.json()).toMatchObject({ queued: 0, emails: 0, slackPosts: 0 });

    h.app.clock.advanceMinutes(61);
    // The browser's session has idled out by now; the owner's API token acts instead.
    await h.orgCall('alpha')('POST', '/tasks', ownerToken, {
      title: 'Review firewall rules',
      assigneeEmail: OWNER.email,
      dueDate: '2026-06-12',
    });
    const before = mailsTo(OWNER.email).length;
    const later = await h.orgCall('alpha')('POST', '/notifications/sweeps', ownerToken);
    expect(later.json()).toMatchObject({ queued: 2, emails: 1, slackPosts: 1 });
    const second = mailsTo(OWNER.email).slice(before);
    expect(second).toHaveLength(1);
    expect(second[0]?.text).toContain('Review firewall rules');
    expect(second[0]?.text).not.toContain('Rotate the deploy key');
  });

  it('tells the reviewers of an access review what is left to decide', async () => {
    const user = (login: string) => ({
      id: `uid-${login}`,
      name: `${login}@alpha.test`,
      attributes: {
        login: `${login}@alpha.test`,
        email: `${login}@alpha.test`,
        displayName: login,
        status: 'ACTIVE',
        created: '2026-01-05T10:00:00Z',
        activated: '2026-01-05T10:00:00Z',
        lastLogin: '2026-06-14T08:00:00Z',
        passwordChanged: null,
        factors: [],
        adminRoles: [],
        superAdmin: false,
        groups: ['Everyone'],
        terminationDate: null,
      },
    });
    const pushed = await h.orgCall('alpha')('PUT', '/resources/idp.user', ownerToken, {
      integration: 'Directory',
      resources: [user('ada'), user('bo')],
    });
    expect(pushed.statusCode).toBe(200);
    const started = await h.orgCall('alpha')('POST', '/access-reviews', ownerToken, { system: 'Directory' });
    expect(started.statusCode).toBe(201);
    h.app.clock.advanceMinutes(61);
    const before = mailsTo(OWNER.email).length;
    const sweep = await h.orgCall('alpha')('POST', '/notifications/sweeps', ownerToken);
    expect(sweep.json().emails).toBe(1);
    const [digest] = mailsTo(OWNER.email).slice(before);
    expect(digest?.text).toContain('An access review waits for your decisions:');
    expect(digest?.text).toMatch(/Directory.*: 2 of 2 accounts to decide, due \d{4}-\d{2}-\d{2}/);
  });

  it('drops choices for kinds a role never receives', async () => {
    const scope = await h.scopeFor('alpha');
    const repos = h.app.deps.store.repos;
    await repos.users.create({ id: '00000000-0000-4000-8000-0000000a0d17', email: 'auditor@firm.test' });
    await repos.memberships.add(scope, '00000000-0000-4000-8000-0000000a0d17', 'auditor');
    const { saveNotificationPreferences } = await import(
      '../../src/app/notifications/notification-preferences.ts'
    );
    const view = await saveNotificationPreferences(
      h.app.deps,
      scope,
      { userId: '00000000-0000-4000-8000-0000000a0d17', role: 'auditor' },
      { frequency: 'hourly', kinds: { test_failing: { email: true, slack: true } } },
    );
    expect(view.kinds.every((k) => !k.allowed && !k.email && !k.slack)).toBe(true);
    h.app.clock.advanceMinutes(61);
    const sweep = await h.orgCall('alpha')('POST', '/notifications/sweeps', ownerToken);
    expect(sweep.statusCode).toBe(200);
    expect(mailsTo('auditor@firm.test')).toHaveLength(0);
  });
});
