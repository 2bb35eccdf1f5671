import { AttestlyError } from '../../domain/errors.ts';
import type { AppDeps, OrgScope, TVendorReport, TVendorReview } from '../ports.ts';
import { type TVendorOverview, vendorOverview } from './vendor-overview.ts';

/** One vendor with its reports (latest period first) and reviews (latest first). */
export async function getVendor(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  today: string,
): Promise<{ vendor: TVendorOverview; reports: TVendorReport[]; reviews: TVendorReview[] }> {
  const { repos } = deps.store;
  const vendor = await repos.vendors.find(scope, id);
  if (!vendor) throw new AttestlyError('NOT_FOUND', 'no such vendor');
  const [reports, reviews, members] = await Promise.all([
    repos.vendors.listReports(scope, id),
    repos.vendors.listReviews(scope, id),
    repos.memberships.list(scope),
  ]);
  const emails = new Map(members.map((m) => [m.userId, m.email]));
  return { vendor: vendorOverview(vendor, reports, reviews, emails, today), reports, reviews };
}
