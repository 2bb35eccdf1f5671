import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TVendorReport } from '../ports.ts';
import { checkReportDetails, storePdf, type TReportDetails } from './vendor-report-input.ts';

/** Stores a vendor's SOC 2 report (a PDF, by its SHA-256) with the period, opinion and expiry it states. */
export async function addVendorReport(
  deps: AppDeps,
  scope: OrgScope,
  vendorId: string,
  input: TReportDetails & { fileName: string; bytes: Uint8Array },
): Promise<TVendorReport> {
  const details = checkReportDetails(input, null);
  if (!(await deps.store.repos.vendors.find(scope, vendorId)))
    throw new AttestlyError('NOT_FOUND', 'no such vendor');
  const file = await storePdf(deps, input.fileName, input.bytes);
  const report: TVendorReport = {
    id: deps.newId(),
    vendorId,
    ...file,
    ...details,
    bridgeLetter: null,
    uploadedAt: deps.clock.now(),
  };
  return deps.store.transaction(async (repos) => {
    if (!(await repos.vendors.find(scope, vendorId))) throw new AttestlyError('NOT_FOUND', 'no such vendor');
    await repos.vendors.insertReport(scope, report);
    const { blobKey: _key, ...logged } = report;
    await recordChange(repos, scope, deps, 'vendor.report_added', { type: 'vendor', id: vendorId }, logged);
    return report;
  });
}
