import { checkSamplingOverrides, SAMPLE_SIZE_GUIDE } from '../../domain/audit/sampling.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import type { TSamplingSettingsView } from './get-sampling-settings.ts';

/** Replaces the organization's own sizes (an empty set goes back to the guide). */
export async function updateSamplingSettings(
  deps: AppDeps,
  scope: OrgScope,
  sizes: Record<string, unknown>,
): Promise<TSamplingSettingsView> {
  const checked = checkSamplingOverrides(sizes);
  const settings = { sizes: checked, updatedBy: deps.actor.id, updatedAt: deps.clock.now() };
  await deps.store.transaction(async (repos) => {
    const before = (await repos.samplingSettings.find(scope))?.sizes ?? {};
    await repos.samplingSettings.save(scope, settings);
    await recordChange(
      repos,
      scope,
      deps,
      'sampling.updated',
      { type: 'organization', id: scope.orgId },
      {
        before,
        after: checked,
      },
    );
  });
  return { guide: SAMPLE_SIZE_GUIDE, ...settings };
}
