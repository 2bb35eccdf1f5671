import { z } from 'zod';
import { createSlackPoster } from '../../../adapters/notify/slack-webhook.ts';
import {
  getNotificationPreferences,
  saveNotificationPreferences,
} from '../../../app/notifications/notification-preferences.ts';
import { sendNotifications } from '../../../app/notifications/send-notifications.ts';
import { getSlackChannel, saveSlackChannel } from '../../../app/notifications/slack-channel.ts';
import {
  DIGEST_FREQUENCIES,
  KIND_LABELS,
  NOTIFICATION_KINDS,
  ZChannelChoice,
  ZDigestFrequency,
} from '../../../domain/notifications.ts';
import { orgOf, sessionOf } from '../access.ts';
import { ERRORS, ZOrgParams } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import type { ZodApp } from '../zod-app.ts';

const ZPreferences = z.object({
  frequency: z.enum(DIGEST_FREQUENCIES),
  kinds: z.array(
    z.object({
      kind: z.enum(NOTIFICATION_KINDS),
      label: z.string(),
      /** False for kinds this member's role never receives (an auditor hears of nothing). */
      allowed: z.boolean(),
      email: z.boolean(),
      slack: z.boolean(),
    }),
  ),
});

const ZSlackChannel = z.object({
  /** The webhook address is sealed and never returned; only whether one is set. */
  configured: z.boolean(),
  frequency: z.enum(DIGEST_FREQUENCIES),
  lastDigestAt: z.string().nullable(),
});

const withLabels = (view: Awaited<ReturnType<typeof getNotificationPreferences>>) => ({
  frequency: view.frequency,
  kinds: view.kinds.map((k) => ({ ...k, label: KIND_LABELS[k.kind] })),
});

export function registerNotificationRoutes(app: ZodApp, config: TServerConfig): void {
  const slack = createSlackPoster();

  app.get(
    '/api/v1/orgs/:org/notifications/preferences',
    {
      config: { access: { kind: 'org', permission: 'org:read', person: true } },
      schema: {
        summary: "The signed-in member's notification choices: kinds, channels and digest frequency",
        tags: ['notifications'],
        params: ZOrgParams,
        response: { 200: ZPreferences, ...ERRORS },
      },
    },
    async (request) => {
      const { user } = sessionOf(request);
      const { scope, role } = orgOf(request);
      return withLabels(await getNotificationPreferences(request.deps, scope, { userId: user.id, role }));
    },
  );

  app.put(
    '/api/v1/orgs/:org/notifications/preferences',
    {
      config: { access: { kind: 'org', permission: 'org:read', person: true } },
      schema: {
        summary: 'Choose which notifications reach you, by email or Slack, and how often digests go out',
        tags: ['notifications'],
        params: ZOrgParams,
        body: z.strictObject({
          frequency: ZDigestFrequency,
          kinds: z.partialRecord(z.enum(NOTIFICATION_KINDS), ZChannelChoice),
        }),
        response: { 200: ZPreferences, ...ERRORS },
      },
    },
    async (request) => {
      const { user } = sessionOf(request);
      const { scope, role } = orgOf(request);
      const view = await saveNotificationPreferences(
        request.deps,
        scope,
        { userId: user.id, role },
        request.body,
      );
      return withLabels(view);
    },
  );

  app.get(
    '/api/v1/orgs/:org/notifications/slack',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: "Whether the organization's Slack incoming webhook is set, and its digest frequency",
        tags: ['notifications'],
        params: ZOrgParams,
        response: { 200: ZSlackChannel, ...ERRORS },
      },
    },
    async (request) => slackView(await getSlackChannel(request.deps, orgOf(request).scope)),
  );

  app.put(
    '/api/v1/orgs/:org/notifications/slack',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary:
          'Set or remove (null) the Slack incoming webhook; omit webhookUrl to change only the frequency',
        tags: ['notifications'],
        params: ZOrgParams,
        body: z.strictObject({
          webhookUrl: z.string().max(500).nullable().optional(),
          frequency: ZDigestFrequency,
        }),
        response: { 200: ZSlackChannel, ...ERRORS },
      },
    },
    async (request) => slackView(await saveSlackChannel(request.deps, orgOf(request).scope, request.body)),
  );

  app.post(
    '/api/v1/orgs/:org/notifications/sweeps',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: 'Queue what is new and send the digests that are due now (the server also does this hourly)',
        tags: ['notifications'],
        params: ZOrgParams,
        response: {
          200: z.object({
            queued: z.number().int(),
            emails: z.number().int(),
            slackPosts: z.number().int(),
            problems: z.array(z.string()),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { org, scope } = orgOf(request);
      return sendNotifications(request.deps, org, scope, { slack, baseUrl: config.publicUrl });
    },
  );
}

function slackView(view: Awaited<ReturnType<typeof getSlackChannel>>) {
  return { ...view, lastDigestAt: view.lastDigestAt?.toISOString() ?? null };
}
