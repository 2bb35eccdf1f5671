import type { TChannelChoice, TDigestFrequency, TNotificationKind } from '../../domain/notifications.ts';
import type { OrgScope } from '../org-scope.ts';

export interface TNotificationPreferences {
  frequency: TDigestFrequency;
  kinds: Partial<Record<TNotificationKind, TChannelChoice>>;
  lastDigestAt: Date | null;
}

export interface TNotificationChannels {
  slackWebhookSealed: string | null;
  slackFrequency: TDigestFrequency;
  slackLastDigestAt: Date | null;
}

export interface TOutboxItem {
  id: string;
  recipient: string;
  channel: 'email' | 'slack';
  kind: TNotificationKind;
  title: string;
  link: string;
  createdAt: Date;
}

/** The notification tables, and the reads that find what is worth telling someone. */
export interface NotificationsRepo {
  preferences(scope: OrgScope, userId: string): Promise<TNotificationPreferences | null>;
  allPreferences(scope: OrgScope): Promise<Map<string, TNotificationPreferences>>;
  savePreferences(
    scope: OrgScope,
    userId: string,
    prefs: { frequency: TDigestFrequency; kinds: TNotificationPreferences['kinds'] },
    at: Date,
  ): Promise<void>;
  markDigest(scope: OrgScope, userId: string, at: Date): Promise<void>;
  channels(scope: OrgScope): Promise<TNotificationChannels | null>;
  saveSlack(
    scope: OrgScope,
    slack: { webhookSealed: string | null; frequency: TDigestFrequency },
    at: Date,
  ): Promise<void>;
  markSlackDigest(scope: OrgScope, at: Date): Promise<void>;
  /** Queues notices; one already queued for the same recipient, channel and key is left alone. */
  enqueue(scope: OrgScope, items: Array<Omit<TOutboxItem, 'id'> & { noticeKey: string }>): Promise<number>;
  unsent(scope: OrgScope, recipient: string, channel: 'email' | 'slack'): Promise<TOutboxItem[]>;
  markSent(scope: OrgScope, ids: string[], at: Date): Promise<void>;

  overdueTasks(
    scope: OrgScope,
    today: string,
  ): Promise<Array<{ id: string; title: string; dueDate: string; assigneeUserId: string | null }>>;
  expiringEvidence(
    scope: OrgScope,
    from: string,
    until: string,
  ): Promise<Array<{ id: string; title: string; validUntil: string; ownerUserIds: string[] }>>;
  /** Tests that moved to failing since a moment, with how many resources and the first time. */
  newFailures(
    scope: OrgScope,
    since: Date,
  ): Promise<Array<{ testId: string; resources: number; firstAt: Date }>>;
  /** Draft policy versions waiting for the policy owner's approval. */
  draftsAwaitingApproval(
    scope: OrgScope,
  ): Promise<Array<{ policyId: string; title: string; version: number; ownerUserId: string | null }>>;
  /** Published versions, and who accepted each. */
  publishedPolicies(
    scope: OrgScope,
  ): Promise<Array<{ policyId: string; title: string; version: number; acceptedBy: string[] }>>;
  pendingAccessRequests(
    scope: OrgScope,
  ): Promise<Array<{ id: string; name: string; company: string; createdAt: Date }>>;
}
