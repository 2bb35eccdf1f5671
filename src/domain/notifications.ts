import { z } from 'zod';
import type { TMemberRole } from './permissions.ts';

// Notifications: what can reach whom, by which channel, and when a digest is due. Digests rather than
// floods: notices queue up and go out together, at most once per the member's chosen frequency.

export const NOTIFICATION_KINDS = [
  'test_failing',
  'task_overdue',
  'evidence_expiring',
  'policy_action',
  'access_review',
  'vendor_warning',
  'access_request',
] as const;
export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);

export const KIND_LABELS: Record<TNotificationKind, string> = {
  test_failing: 'A monitoring test starts failing',
  task_overdue: 'A task goes overdue',
  evidence_expiring: 'Evidence is about to expire',
  policy_action: 'A policy needs your approval or acceptance',
  access_review: 'An access review waits for your decisions',
  vendor_warning: "A vendor's SOC 2 report, renewal or review needs attention",
  access_request: 'Someone asks for a document on the trust center',
};

export const DIGEST_FREQUENCIES = ['hourly', 'daily', 'weekly'] as const;
export type TDigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
export const ZDigestFrequency = z.enum(DIGEST_FREQUENCIES);

export const ZChannelChoice = z.strictObject({ email: z.boolean(), slack: z.boolean() });
export type TChannelChoice = z.infer<typeof ZChannelChoice>;

/** How long before its end evidence counts as "about to expire". */
export const EVIDENCE_WARNING_DAYS = 14;

const RUN_PROGRAM = new Set<TMemberRole>(['owner', 'admin']);

/** What a member gets when they have not chosen: the program's runners hear of everything by email. */
export function defaultChoice(role: TMemberRole, kind: TNotificationKind): TChannelChoice {
  if (RUN_PROGRAM.has(role)) return { email: true, slack: false };
  if (role === 'member') return { email: kind !== 'access_request', slack: false };
  if (role === 'employee')
    return { email: kind === 'policy_action' || kind === 'task_overdue', slack: false };
  return { email: false, slack: false };
}

/** Who may hear of a kind at all, whatever they choose (auditors and viewers do not act on any). */
export function mayReceive(role: TMemberRole, kind: TNotificationKind): boolean {
  if (role === 'auditor' || role === 'viewer') return false;
  if (role === 'employee') return kind === 'policy_action' || kind === 'task_overdue';
  if (kind === 'access_request') return RUN_PROGRAM.has(role);
  return true;
}

export function effectiveChoice(
  role: TMemberRole,
  kind: TNotificationKind,
  chosen: Partial<Record<TNotificationKind, TChannelChoice>>,
): TChannelChoice {
  if (!mayReceive(role, kind)) return { email: false, slack: false };
  return chosen[kind] ?? defaultChoice(role, kind);
}

const PERIOD_MS: Record<TDigestFrequency, number> = {
  hourly: 3_600_000,
  daily: 86_400_000,
  weekly: 7 * 86_400_000,
};

/** A digest goes out when there is something to say and the last one is at least a period old. */
export function digestDue(frequency: TDigestFrequency, lastSentAt: Date | null, now: Date): boolean {
  if (lastSentAt === null) return true;
  // A minute's slack, so a scheduler that ticks hourly does not skip every other hour.
  return now.getTime() - lastSentAt.getTime() >= PERIOD_MS[frequency] - 60_000;
}

export interface TNotice {
  /** Stable for one occurrence, so a notice is queued once however often the sweep runs. */
  key: string;
  kind: TNotificationKind;
  title: string;
  /** Path in the web app, e.g. /orgs/acme/tasks. */
  link: string;
}

export function renderDigest(
  org: { name: string },
  notices: Array<Pick<TNotice, 'kind' | 'title' | 'link'>>,
  baseUrl: string | null,
): { subject: string; text: string } {
  const subject =
    notices.length === 1
      ? `[${org.name}] ${notices[0]?.title}`
      : `[${org.name}] ${notices.length} things need attention`;
  const byKind = new Map<TNotificationKind, typeof notices>();
  for (const notice of notices) byKind.set(notice.kind, [...(byKind.get(notice.kind) ?? []), notice]);
  const sections: string[] = [];
  for (const kind of NOTIFICATION_KINDS) {
    const items = byKind.get(kind);
    if (!items) continue;
    const lines = items.map((n) => `- ${n.title}${baseUrl ? ` (${baseUrl}${n.link})` : ''}`);
    sections.push(`${KIND_LABELS[kind]}:\n${lines.join('\n')}`);
  }
  const footer =
    'You get this digest because of your notification settings in Attestly (Settings → Notifications).';
  return { subject, text: `${sections.join('\n\n')}\n\n${footer}\n` };
}

/**
 * A Slack incoming-webhook address: HTTPS to Slack's hooks host; plain HTTP only to this machine (tests and
 * local relays), so a stored address cannot be turned into a request to an arbitrary internal host.
 */
export function checkSlackWebhookUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (url.protocol === 'https:' && url.hostname === 'hooks.slack.com') return null;
  if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost')) return null;
  return 'must be an https://hooks.slack.com/… incoming-webhook address';
}
