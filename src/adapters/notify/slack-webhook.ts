import type { SlackPoster } from '../../app/notifications/send-notifications.ts';
import { AttestlyError } from '../../domain/errors.ts';

/** Slack incoming webhooks: a JSON POST; Slack answers "ok" or names what is wrong ("invalid_token", …). */
export function createSlackPoster(timeoutMs = 10_000): SlackPoster {
  return async (webhookUrl, message) => {
    let response: Response;
    try {
      response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new AttestlyError(
        'INTERNAL',
        `the Slack webhook could not be reached: ${(error as Error).message}`,
      );
    }
    if (!response.ok) {
      const body = (await response.text()).slice(0, 200);
      throw new AttestlyError('INTERNAL', `Slack refused the message (${response.status}): ${body}`);
    }
  };
}
