import { parseIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import type { TAccessReviewSchedule } from './access-review-ports.ts';

/** Sets how often a system's accounts are reviewed (in months) and when the next review is due. */
export async function scheduleAccessReviews(
  deps: AppDeps,
  scope: OrgScope,
  integrationId: string,
  input: { cadenceMonths: number; nextDue: string },
): Promise<TAccessReviewSchedule> {
  if (!Number.isInteger(input.cadenceMonths) || input.cadenceMonths < 1 || input.cadenceMonths > 12)
    throw new AttestlyError('INVALID_INPUT', 'review every 1 to 12 months', { field: 'cadenceMonths' });
  const schedule: TAccessReviewSchedule = {
    integrationId,
    cadenceMonths: input.cadenceMonths,
    nextDue: parseIsoDate(input.nextDue, 'next due date'),
  };
  return deps.store.transaction(async (repos) => {
    const integration = await repos.monitoring.findIntegration(scope, integrationId);
    if (!integration) throw new AttestlyError('NOT_FOUND', 'no such system');
    await repos.accessReviews.saveSchedule(
      scope,
      { ...schedule, integrationId: integration.id },
      deps.clock.now(),
    );
    await recordChange(
      repos,
      scope,
      deps,
      'access_review.scheduled',
      { type: 'integration', id: integration.id },
      { system: integration.name, cadenceMonths: schedule.cadenceMonths, nextDue: schedule.nextDue },
    );
    return { ...schedule, integrationId: integration.id };
  });
}
