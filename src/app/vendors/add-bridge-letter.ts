import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TVendorReport } from '../ports.ts';
import { dateField } from './vendor-input.ts';
import { storePdf } from './vendor-report-input.ts';

/**
 * Attaches a bridge letter to a report: the vendor's statement covering the time since the report's period
 * ended, to the date it names. It replaces an earlier bridge letter of the same report.
 */
export async function addBridgeLetter(
  deps: AppDeps,
  scope: OrgScope,
  vendorId: string,
  reportId: string,
  input: { fileName: string; bytes: Uint8Array; coveredUntil: string },
): Promise<TVendorReport> {
  const coveredUntil = dateField(input.coveredUntil, 'covered-until date', 'coveredUntil');
  const report = await deps.store.repos.vendors.findReport(scope, vendorId, reportId);
  if (!report) throw new AttestlyError('NOT_FOUND', 'no such report');
  if (coveredUntil <= report.periodEnd)
    throw new AttestlyError(
      'INVALID_INPUT',
      `a bridge letter covers the time after the report's period (ends ${report.periodEnd})`,
      { field: 'coveredUntil' },
    );
  const file = await storePdf(deps, input.fileName, input.bytes);
  return deps.store.transaction(async (repos) => {
    const before = await repos.vendors.findReport(scope, vendorId, reportId);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such report');
    const after: TVendorReport = {
      ...before,
      bridgeLetter: { ...file, coveredUntil, uploadedAt: deps.clock.now() },
    };
    await repos.vendors.updateReport(scope, after);
    await recordChange(
      repos,
      scope,
      deps,
      'vendor.bridge_letter_added',
      { type: 'vendor', id: vendorId },
      {
        reportId,
        fileName: file.fileName,
        sha256: file.sha256,
        coveredUntil,
        replaced: before.bridgeLetter?.sha256 ?? null,
      },
    );
    return after;
  });
}
