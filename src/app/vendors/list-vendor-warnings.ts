import type { TVendorTier, TVendorWarning } from '../../domain/vendor.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { listVendors } from './list-vendors.ts';

export interface TVendorWarningRow extends TVendorWarning {
  vendorId: string;
  vendorName: string;
  tier: TVendorTier;
}

/** Every active vendor's warnings, the ones to act on now first, for the dashboard. */
export async function listVendorWarnings(
  deps: AppDeps,
  scope: OrgScope,
  today: string,
): Promise<TVendorWarningRow[]> {
  const rows = (await listVendors(deps, scope, today)).flatMap((v) =>
    v.warnings.map((w) => ({ ...w, vendorId: v.id, vendorName: v.name, tier: v.tier })),
  );
  const rank = (w: TVendorWarningRow) => (w.severity === 'bad' ? 0 : 1);
  return rows.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.date ?? '9999').localeCompare(b.date ?? '9999') ||
      a.vendorName.localeCompare(b.vendorName),
  );
}
