import type { AppDeps, OrgScope } from '../ports.ts';
import { byVendor, type TVendorOverview, vendorOverview } from './vendor-overview.ts';

/** The vendor inventory by name, each with its tier, report status and warnings as of `today`. */
export async function listVendors(deps: AppDeps, scope: OrgScope, today: string): Promise<TVendorOverview[]> {
  const { repos } = deps.store;
  const [vendors, reports, reviews, members] = await Promise.all([
    repos.vendors.list(scope),
    repos.vendors.listReports(scope),
    repos.vendors.listReviews(scope),
    repos.memberships.list(scope),
  ]);
  const emails = new Map(members.map((m) => [m.userId, m.email]));
  const reportsOf = byVendor(reports);
  const reviewsOf = byVendor(reviews);
  return vendors.map((v) =>
    vendorOverview(v, reportsOf.get(v.id) ?? [], reviewsOf.get(v.id) ?? [], emails, today),
  );
}
