import { createSlackPoster } from '../../../adapters/notify/slack-webhook.ts';
import { sendNotifications } from '../../../app/notifications/send-notifications.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { parseCommand, withOrg } from '../command.ts';
import { type CliIo, json } from '../io.ts';

export const NOTIFICATIONS_HELP = `attestly notifications send: queue what is new and send the digests that are due

  What is worth telling: tasks overdue, evidence expiring within 14 days, tests that started failing,
  policies waiting for approval or acceptance, trust-center access requests. Each member's choices
  (Settings → Notifications) decide channel (email, Slack) and digest frequency; \`attestly serve\`
  does this every hour by itself.
  --org SLUG   the organization (default: the only one)
  --json       print the counts as JSON`;

export async function runNotifications(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseCommand(rest, { json: { type: 'boolean' } });
  if (values.help || sub === undefined) return io.out(NOTIFICATIONS_HELP);
  if (sub !== 'send')
    throw new AttestlyError('INVALID_INPUT', `unknown notifications subcommand "${sub}"; use send`);
  const result = await withOrg(io, values, ({ deps, org, scope }) =>
    sendNotifications(deps, org, scope, {
      slack: createSlackPoster(),
      baseUrl: process.env.ATTESTLY_PUBLIC_URL?.replace(/\/$/, '') ?? null,
    }),
  );
  if (values.json) return json(io, result);
  io.out(
    `Queued ${result.queued} notices; sent ${result.emails} email digests and ${result.slackPosts} Slack digests.`,
  );
  for (const problem of result.problems) io.err(`not delivered: ${problem}`);
}
