import { createSlackPoster } from '../../adapters/notify/slack-webhook.ts';
import { sendAllNotifications } from '../../app/notifications/send-notifications.ts';
import { type AppDeps, scopeOf } from '../../app/ports.ts';

/**
 * Every hour (the first a minute after start), one notification sweep over every organization: new notices are
 * queued and due digests sent. Digest frequencies decide how often anyone actually gets mail.
 */
export function startNotificationSweeps(
  deps: AppDeps,
  baseUrl: string,
  warn: (message: string) => void,
  intervalMs = 3_600_000,
) {
  const slack = createSlackPoster();
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = sendAllNotifications(deps, { slack, baseUrl }, scopeOf)
      .then((results) => {
        for (const [slug, result] of results)
          for (const problem of result.problems) warn(`notifications for ${slug} not delivered: ${problem}`);
      })
      .catch((error: unknown) => warn(`notification sweep failed: ${(error as Error).message}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  // The first sweep a minute after start, so a restart loop cannot turn into a mail loop.
  const first = setTimeout(tick, Math.min(60_000, intervalMs));
  first.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
