import { SAMPLE_SIZE_GUIDE, type TSamplingOverrides } from '../../domain/audit/sampling.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

export interface TSamplingSettingsView {
  /** The guide's ranges per frequency, used where the organization set no size. */
  guide: typeof SAMPLE_SIZE_GUIDE;
  /** The organization's own sizes per frequency. */
  sizes: TSamplingOverrides;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** The sample sizes an organization draws with: the guide, and its own sizes where it set them. */
export async function getSamplingSettings(deps: AppDeps, scope: OrgScope): Promise<TSamplingSettingsView> {
  const saved = await deps.store.repos.samplingSettings.find(scope);
  return {
    guide: SAMPLE_SIZE_GUIDE,
    sizes: saved?.sizes ?? {},
    updatedBy: saved?.updatedBy ?? null,
    updatedAt: saved?.updatedAt ?? null,
  };
}
