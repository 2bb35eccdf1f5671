import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TVendorReport } from '../ports.ts';
import { checkReportDetails, type TReportDetails } from './vendor-report-input.ts';

/** Corrects what a report states (period, type, opinion, exceptions, expiry); its file never changes. */
export async function updateVendorReport(
  deps: AppDeps,
  scope: OrgScope,
  vendorId: string,
  reportId: string,
  input: TReportDetails,
): Promise<TVendorReport> {
  return deps.store.transaction(async (repos) => {
    const before = await repos.vendors.findReport(scope, vendorId, reportId);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such report');
    const after: TVendorReport = { ...before, ...checkReportDetails(input, before) };
    if (after.bridgeLetter && after.bridgeLetter.coveredUntil <= after.periodEnd)
      throw new AttestlyError(
        'INVALID_INPUT',
        `the bridge letter covers to ${after.bridgeLetter.coveredUntil}, not after the period's end`,
        { field: 'periodEnd' },
      );
    await repos.vendors.updateReport(scope, after);
    const pick = (r: TVendorReport) => ({
      reportType: r.reportType,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      opinion: r.opinion,
      exceptions: r.exceptions,
      expiresOn: r.expiresOn,
    });
    await recordChange(
      repos,
      scope,
      deps,
      'vendor.report_updated',
      { type: 'vendor', id: vendorId },
      { reportId, before: pick(before), after: pick(after) },
    );
    return after;
  });
}
