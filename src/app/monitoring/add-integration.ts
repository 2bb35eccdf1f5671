import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { DEMO_SLUG } from '../demo/demo-story.ts';
import { SAMPLE_TYPE } from '../demo/sample-collector.ts';
import type { AppDeps, OrgScope, TIntegration } from '../ports.ts';

/** What an integration's settings are sealed to: this integration of this organization. */
export const integrationContext = (scope: OrgScope, id: string) => `org:${scope.orgId}:integration:${id}`;

/**
 * Connects a system: checks the settings with the collector's own schema, seals them (they hold
 * credentials) and schedules the first run now. The audit log names the settings, never their values.
 */
export async function addIntegration(
  deps: AppDeps,
  scope: OrgScope,
  input: { type: string; name: string; config: unknown; scheduleMinutes?: number | undefined },
): Promise<TIntegration> {
  const collector = deps.monitoring.collectors.get(input.type);
  if (!collector) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `unknown integration type "${input.type}"; known: ${[...deps.monitoring.collectors.keys()].join(', ') || 'none'}`,
      { field: 'type' },
    );
  }
  // Sample data is the demo's story, not a system: anywhere else it would show results nobody observed.
  if (collector.type === SAMPLE_TYPE) {
    const demo = await deps.store.repos.organizations.findBySlug(DEMO_SLUG);
    if (demo?.id !== scope.orgId)
      throw new AttestlyError(
        'INVALID_INPUT',
        `the "${SAMPLE_TYPE}" integration is only for the demo organization`,
        { field: 'type' },
      );
  }
  const name = input.name.trim();
  if (!name || name.length > 100)
    throw new AttestlyError('INVALID_INPUT', 'an integration name (1 to 100 characters) is required', {
      field: 'name',
    });
  const parsed = collector.configSchema.safeParse(input.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // The field is named so a form can show the message beside the setting it is about.
    const field = `config${issue?.path.length ? `.${issue.path.join('.')}` : ''}`;
    throw new AttestlyError('INVALID_INPUT', `${field}: ${issue?.message}`, { field });
  }
  const schedule = input.scheduleMinutes ?? 60;
  if (!Number.isInteger(schedule) || schedule < 5 || schedule > 10_080) {
    throw new AttestlyError('INVALID_INPUT', 'the schedule is 5 minutes to a week', {
      field: 'scheduleMinutes',
    });
  }
  const now = deps.clock.now();
  const id = deps.newId();
  const integration: TIntegration = {
    id,
    orgId: scope.orgId,
    type: collector.type,
    name,
    configSealed: (await deps.secrets()).seal(JSON.stringify(parsed.data), integrationContext(scope, id)),
    scheduleMinutes: schedule,
    enabled: true,
    status: 'new',
    lastError: null,
    lastRunAt: null,
    nextRunAt: now,
    createdAt: now,
    delivery: 'collected',
  };
  await deps.store.transaction(async (repos) => {
    if (await repos.monitoring.findIntegration(scope, name))
      throw new AttestlyError('CONFLICT', `an integration named "${name}" exists`, { field: 'name' });
    await repos.monitoring.createIntegration(scope, integration);
    await recordChange(
      repos,
      scope,
      deps,
      'integration.added',
      { type: 'integration', id },
      {
        type: collector.type,
        name,
        settings: Object.keys(parsed.data as object).sort(),
        scheduleMinutes: schedule,
      },
    );
  });
  return integration;
}
