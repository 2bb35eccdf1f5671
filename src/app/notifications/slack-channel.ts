import { AttestlyError } from '../../domain/errors.ts';
import { checkSlackWebhookUrl, type TDigestFrequency } from '../../domain/notifications.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { slackSealContext } from './send-notifications.ts';

export interface TSlackChannelView {
  configured: boolean;
  frequency: TDigestFrequency;
  lastDigestAt: Date | null;
}

export async function getSlackChannel(
  deps: Pick<AppDeps, 'store'>,
  scope: OrgScope,
): Promise<TSlackChannelView> {
  const channels = await deps.store.repos.notifications.channels(scope);
  return {
    configured: Boolean(channels?.slackWebhookSealed),
    frequency: channels?.slackFrequency ?? 'hourly',
    lastDigestAt: channels?.slackLastDigestAt ?? null,
  };
}

/**
 * Sets (or, with null, removes) the organization's Slack incoming webhook. The address is a secret (anyone
 * holding it can post to the channel): it is sealed with the master key and never shown again.
 * Undefined keeps the stored address and changes only the frequency.
 */
export async function saveSlackChannel(
  deps: Pick<AppDeps, 'store' | 'clock' | 'actor' | 'secrets'>,
  scope: OrgScope,
  input: { webhookUrl?: string | null | undefined; frequency: TDigestFrequency },
): Promise<TSlackChannelView> {
  let sealed: string | null;
  if (input.webhookUrl === undefined) {
    sealed = (await deps.store.repos.notifications.channels(scope))?.slackWebhookSealed ?? null;
  } else if (input.webhookUrl === null) {
    sealed = null;
  } else {
    const problem = checkSlackWebhookUrl(input.webhookUrl);
    if (problem) throw new AttestlyError('INVALID_INPUT', `webhookUrl ${problem}`, { field: 'webhookUrl' });
    sealed = (await deps.secrets()).seal(input.webhookUrl, slackSealContext(scope.orgId));
  }
  await deps.store.transaction(async (repos) => {
    await repos.notifications.saveSlack(
      scope,
      { webhookSealed: sealed, frequency: input.frequency },
      deps.clock.now(),
    );
    await recordChange(
      repos,
      scope,
      deps,
      'notifications.slack_changed',
      { type: 'organization', id: scope.orgId },
      {
        configured: sealed !== null,
        frequency: input.frequency,
      },
    );
  });
  return getSlackChannel(deps, scope);
}
