import { type Kysely, sql } from 'kysely';
import type {
  NotificationsRepo,
  TNotificationPreferences,
} from '../../../app/notifications/notification-ports.ts';
import type { TDigestFrequency, TNotificationKind } from '../../../domain/notifications.ts';
import type { DB } from '../schema.ts';

const toPreferences = (r: {
  frequency: string;
  kinds: Record<string, { email: boolean; slack: boolean }>;
  last_digest_at: Date | null;
}): TNotificationPreferences => ({
  frequency: r.frequency as TDigestFrequency,
  kinds: r.kinds as TNotificationPreferences['kinds'],
  lastDigestAt: r.last_digest_at,
});

export function notificationsRepo(db: Kysely<DB>): NotificationsRepo {
  return {
    async preferences(scope, userId) {
      const row = await db
        .selectFrom('notification_preferences')
        .select(['frequency', 'kinds', 'last_digest_at'])
        .where('org_id', '=', scope.orgId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? toPreferences(row) : null;
    },
    async allPreferences(scope) {
      const rows = await db
        .selectFrom('notification_preferences')
        .select(['user_id', 'frequency', 'kinds', 'last_digest_at'])
        .where('org_id', '=', scope.orgId)
        .execute();
      return new Map(rows.map((r) => [r.user_id, toPreferences(r)]));
    },
    async savePreferences(scope, userId, prefs, at) {
      await db
        .insertInto('notification_preferences')
        .values({
          org_id: scope.orgId,
          user_id: userId,
          frequency: prefs.frequency,
          kinds: JSON.stringify(prefs.kinds),
          updated_at: at,
        })
        .onConflict((oc) =>
          oc.columns(['org_id', 'user_id']).doUpdateSet({
            frequency: prefs.frequency,
            kinds: JSON.stringify(prefs.kinds),
            updated_at: at,
          }),
        )
        .execute();
    },
    async markDigest(scope, userId, at) {
      await db
        .insertInto('notification_preferences')
        .values({ org_id: scope.orgId, user_id: userId, kinds: '{}', frequency: 'daily', last_digest_at: at })
        .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ last_digest_at: at }))
        .execute();
    },
    async channels(scope) {
      const row = await db
        .selectFrom('notification_channels')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .executeTakeFirst();
      return row
        ? {
            slackWebhookSealed: row.slack_webhook_sealed,
            slackFrequency: row.slack_frequency as TDigestFrequency,
            slackLastDigestAt: row.slack_last_digest_at,
          }
        : null;
    },
    async saveSlack(scope, slack, at) {
      const values = {
        slack_webhook_sealed: slack.webhookSealed,
        slack_frequency: slack.frequency,
        updated_at: at,
      };
      await db
        .insertInto('notification_channels')
        .values({ org_id: scope.orgId, ...values })
        .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
        .execute();
    },
    async markSlackDigest(scope, at) {
      await db
        .updateTable('notification_channels')
        .set({ slack_last_digest_at: at })
        .where('org_id', '=', scope.orgId)
        .execute();
    },
    async enqueue(scope, items) {
      if (items.length === 0) return 0;
      const result = await db
        .insertInto('notification_outbox')
        .values(
          items.map((i) => ({
            org_id: scope.orgId,
            recipient: i.recipient,
            channel: i.channel,
            notice_key: i.noticeKey,
            kind: i.kind,
            title: i.title,
            link: i.link,
            created_at: i.createdAt,
          })),
        )
        .onConflict((oc) => oc.columns(['org_id', 'recipient', 'channel', 'notice_key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },
    async unsent(scope, recipient, channel) {
      const rows = await db
        .selectFrom('notification_outbox')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('recipient', '=', recipient)
        .where('channel', '=', channel)
        .where('sent_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: String(r.id),
        recipient: r.recipient,
        channel: r.channel as 'email' | 'slack',
        kind: r.kind as TNotificationKind,
        title: r.title,
        link: r.link,
        createdAt: r.created_at,
      }));
    },
    async markSent(scope, ids, at) {
      if (ids.length === 0) return;
      await db
        .updateTable('notification_outbox')
        .set({ sent_at: at })
        .where('org_id', '=', scope.orgId)
        .where('id', 'in', ids)
        .execute();
    },

    async overdueTasks(scope, today) {
      const rows = await db
        .selectFrom('tasks')
        .select(['id', 'title', 'due_date', 'assignee_user_id'])
        .where('org_id', '=', scope.orgId)
        .where('status', '<>', 'done')
        .where('due_date', '<', today)
        .orderBy('due_date')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        dueDate: r.due_date as string,
        assigneeUserId: r.assignee_user_id,
      }));
    },
    async expiringEvidence(scope, from, until) {
      const rows = await db
        .selectFrom('evidence as e')
        .leftJoin('evidence_controls as ec', (j) =>
          j.onRef('ec.org_id', '=', 'e.org_id').onRef('ec.evidence_id', '=', 'e.id'),
        )
        .leftJoin('controls as c', (j) =>
          j.onRef('c.org_id', '=', 'ec.org_id').onRef('c.id', '=', 'ec.control_id'),
        )
        .select(['e.id', 'e.title', 'e.valid_until', 'c.owner_user_id'])
        .where('e.org_id', '=', scope.orgId)
        .where('e.valid_until', '>=', from)
        .where('e.valid_until', '<=', until)
        .orderBy('e.valid_until')
        .execute();
      const byId = new Map<
        string,
        { id: string; title: string; validUntil: string; ownerUserIds: string[] }
      >();
      for (const r of rows) {
        const item = byId.get(r.id) ?? {
          id: r.id,
          title: r.title,
          validUntil: r.valid_until as string,
          ownerUserIds: [],
        };
        if (r.owner_user_id && !item.ownerUserIds.includes(r.owner_user_id))
          item.ownerUserIds.push(r.owner_user_id);
        byId.set(r.id, item);
      }
      return [...byId.values()];
    },
    async newFailures(scope, since) {
      const rows = await db
        .selectFrom('test_transitions')
        .select([
          'test_id',
          sql<string>`count(DISTINCT resource_id)`.as('resources'),
          sql<Date>`min(at)`.as('first_at'),
        ])
        .where('org_id', '=', scope.orgId)
        .where('to_status', '=', 'fail')
        .where('at', '>=', since)
        .groupBy('test_id')
        .orderBy('test_id')
        .execute();
      return rows.map((r) => ({
        testId: r.test_id,
        resources: Number(r.resources),
        firstAt: new Date(r.first_at),
      }));
    },
    async draftsAwaitingApproval(scope) {
      const rows = await db
        .selectFrom('policy_versions as v')
        .innerJoin('policies as p', (j) =>
          j.onRef('p.org_id', '=', 'v.org_id').onRef('p.id', '=', 'v.policy_id'),
        )
        .select(['p.id', 'p.title', 'v.version', 'p.owner_user_id'])
        .where('v.org_id', '=', scope.orgId)
        .where('v.status', '=', 'draft')
        .orderBy('p.title')
        .execute();
      return rows.map((r) => ({
        policyId: r.id,
        title: r.title,
        version: r.version,
        ownerUserId: r.owner_user_id,
      }));
    },
    async publishedPolicies(scope) {
      const rows = await db
        .selectFrom('policy_versions as v')
        .innerJoin('policies as p', (j) =>
          j.onRef('p.org_id', '=', 'v.org_id').onRef('p.id', '=', 'v.policy_id'),
        )
        .leftJoin('policy_acceptances as a', (j) =>
          j.onRef('a.org_id', '=', 'v.org_id').onRef('a.policy_version_id', '=', 'v.id'),
        )
        .select(['p.id', 'p.title', 'v.version', 'a.user_id'])
        .where('v.org_id', '=', scope.orgId)
        .where('v.status', '=', 'published')
        .orderBy('p.title')
        .execute();
      const byId = new Map<
        string,
        { policyId: string; title: string; version: number; acceptedBy: string[] }
      >();
      for (const r of rows) {
        const item = byId.get(r.id) ?? { policyId: r.id, title: r.title, version: r.version, acceptedBy: [] };
        if (r.user_id) item.acceptedBy.push(r.user_id);
        byId.set(r.id, item);
      }
      return [...byId.values()];
    },
    async pendingAccessRequests(scope) {
      const rows = await db
        .selectFrom('trust_access_requests')
        .select(['id', 'name', 'company', 'created_at'])
        .where('org_id', '=', scope.orgId)
        .where('status', '=', 'pending')
        .orderBy('created_at')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name, company: r.company, createdAt: r.created_at }));
    },
  };
}
