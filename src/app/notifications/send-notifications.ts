import { digestDue, effectiveChoice, renderDigest, type TNotice } from '../../domain/notifications.ts';
import { isMemberRole, type TMemberRole } from '../../domain/permissions.ts';
import type { AppDeps, OrgScope, TOrganization } from '../ports.ts';
import { collectNotices } from './collect-notices.ts';

/** Posts a message to a Slack incoming webhook; throws with Slack's answer when it is refused. */
export type SlackPoster = (webhookUrl: string, message: { text: string }) => Promise<void>;

export interface TSweepResult {
  queued: number;
  emails: number;
  slackPosts: number;
  problems: string[];
}

const SLACK_CONTEXT = 'notifications:slack-webhook';
export const slackSealContext = (orgId: string) => `${SLACK_CONTEXT}:${orgId}`;

/**
 * One notification sweep for an organization: queue what is new for each member by the channels they
 * chose, then send each member whose digest is due one email with everything queued for them, and post
 * one Slack digest when the organization has a webhook. A failed delivery stays queued for the next sweep.
 */
export async function sendNotifications(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  options: { slack: SlackPoster; baseUrl: string | null },
): Promise<TSweepResult> {
  const repo = deps.store.repos.notifications;
  const now = deps.clock.now();
  const members = (await deps.store.repos.memberships.list(scope)).filter((m) => isMemberRole(m.role));
  const prefs = await repo.allPreferences(scope);
  const notices = await collectNotices(deps, org, scope, members);

  const rows: Parameters<typeof repo.enqueue>[1] = [];
  for (const { notice, audience } of notices) {
    const concerned = audience === 'everyone' ? members : members.filter((m) => audience.includes(m.userId));
    let toSlack = false;
    for (const member of concerned) {
      const choice = effectiveChoice(
        member.role as TMemberRole,
        notice.kind,
        prefs.get(member.userId)?.kinds ?? {},
      );
      if (choice.email) rows.push(outboxRow(`user:${member.userId}`, 'email', notice, now));
      toSlack ||= choice.slack;
    }
    if (toSlack) rows.push(outboxRow('slack', 'slack', notice, now));
  }
  const result: TSweepResult = {
    queued: await repo.enqueue(scope, rows),
    emails: 0,
    slackPosts: 0,
    problems: [],
  };

  for (const member of members) {
    const pref = prefs.get(member.userId);
    if (!digestDue(pref?.frequency ?? 'daily', pref?.lastDigestAt ?? null, now)) continue;
    const items = await repo.unsent(scope, `user:${member.userId}`, 'email');
    if (items.length === 0) continue;
    const digest = renderDigest(org, items, options.baseUrl);
    try {
      await deps.mailer.send({ to: member.email, subject: digest.subject, text: digest.text });
    } catch (error) {
      result.problems.push(`email to ${member.email}: ${(error as Error).message}`);
      continue;
    }
    await repo.markSent(
      scope,
      items.map((i) => i.id),
      now,
    );
    await repo.markDigest(scope, member.userId, now);
    result.emails += 1;
  }

  const channels = await repo.channels(scope);
  if (channels?.slackWebhookSealed && digestDue(channels.slackFrequency, channels.slackLastDigestAt, now)) {
    const items = await repo.unsent(scope, 'slack', 'slack');
    if (items.length > 0) {
      const url = (await deps.secrets()).open(channels.slackWebhookSealed, slackSealContext(scope.orgId));
      const digest = renderDigest(org, items, options.baseUrl);
      try {
        await options.slack(url, { text: `*${digest.subject}*\n${digest.text}` });
        await repo.markSent(
          scope,
          items.map((i) => i.id),
          now,
        );
        await repo.markSlackDigest(scope, now);
        result.slackPosts += 1;
      } catch (error) {
        result.problems.push(`Slack: ${(error as Error).message}`);
      }
    }
  }
  return result;
}

function outboxRow(recipient: string, channel: 'email' | 'slack', notice: TNotice, at: Date) {
  return {
    recipient,
    channel,
    noticeKey: notice.key,
    kind: notice.kind,
    title: notice.title,
    link: notice.link,
    createdAt: at,
  };
}

/** A sweep over every organization; one organization's failure does not stop the others. */
export async function sendAllNotifications(
  deps: AppDeps,
  options: { slack: SlackPoster; baseUrl: string | null },
  scopeOf: (org: TOrganization) => OrgScope,
): Promise<Map<string, TSweepResult>> {
  const results = new Map<string, TSweepResult>();
  for (const org of await deps.store.repos.organizations.list()) {
    try {
      results.set(org.slug, await sendNotifications(deps, org, scopeOf(org), options));
    } catch (error) {
      results.set(org.slug, { queued: 0, emails: 0, slackPosts: 0, problems: [(error as Error).message] });
    }
  }
  return results;
}
