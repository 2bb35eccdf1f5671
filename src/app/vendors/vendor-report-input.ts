import { AttestlyError } from '../../domain/errors.ts';
import {
  checkReportPeriod,
  defaultReportExpiry,
  type TReportOpinion,
  type TVendorReportType,
} from '../../domain/vendor.ts';
import type { AppDeps, TStoredFile } from '../ports.ts';
import { checkText, dateField } from './vendor-input.ts';

// A vendor's SOC 2 report and bridge letter: PDFs, stored by their SHA-256 like evidence files; the report's
// period, type, opinion, exceptions and expiry (by default 12 months after the period ends).

export interface TReportDetails {
  reportType?: TVendorReportType | undefined;
  periodStart?: string | null | undefined;
  periodEnd?: string | undefined;
  opinion?: TReportOpinion | undefined;
  exceptions?: string | undefined;
  /** Empty: 12 months after the period ends. */
  expiresOn?: string | null | undefined;
}

export interface TCheckedReportDetails {
  reportType: TVendorReportType;
  periodStart: string;
  periodEnd: string;
  opinion: TReportOpinion;
  exceptions: string;
  expiresOn: string;
}

/** The report's details merged over what it had, checked together. */
export function checkReportDetails(
  input: TReportDetails,
  before: TCheckedReportDetails | null,
): TCheckedReportDetails {
  const reportType = input.reportType ?? before?.reportType ?? 'type2';
  const periodEndRaw = input.periodEnd ?? before?.periodEnd;
  if (!periodEndRaw)
    throw new AttestlyError('INVALID_INPUT', 'give the end of the period the report covers', {
      field: 'periodEnd',
    });
  const periodEnd = dateField(periodEndRaw, 'period end', 'periodEnd');
  const startRaw =
    input.periodStart !== undefined
      ? input.periodStart || null
      : before && reportType === 'type2' && before.reportType === 'type2'
        ? before.periodStart
        : null;
  const periodStart = checkReportPeriod(
    reportType,
    startRaw === null ? null : dateField(startRaw, 'period start', 'periodStart'),
    periodEnd,
  );
  // An expiry left at its default follows a corrected period end; one set by hand stays.
  const keptDefault = before !== null && before.expiresOn === defaultReportExpiry(before.periodEnd);
  const expiresRaw =
    input.expiresOn !== undefined
      ? input.expiresOn || null
      : keptDefault
        ? null
        : (before?.expiresOn ?? null);
  const expiresOn =
    expiresRaw === null ? defaultReportExpiry(periodEnd) : dateField(expiresRaw, 'expiry date', 'expiresOn');
  if (expiresOn <= periodEnd)
    throw new AttestlyError('INVALID_INPUT', `the report expires (${expiresOn}) before its period ends`, {
      field: 'expiresOn',
    });
  return {
    reportType,
    periodStart,
    periodEnd,
    opinion: input.opinion ?? before?.opinion ?? 'unqualified',
    exceptions:
      input.exceptions !== undefined
        ? checkText(input.exceptions, 'exceptions', 'the exceptions noted', 10_000, false)
        : (before?.exceptions ?? ''),
    expiresOn,
  };
}

function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

/** Stores an uploaded PDF by its SHA-256; anything that is not a PDF is refused next to the file input. */
export async function storePdf(
  deps: Pick<AppDeps, 'blobs'>,
  fileName: string,
  bytes: Uint8Array,
): Promise<TStoredFile> {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  if (!name.toLowerCase().endsWith('.pdf') || !isPdf(bytes))
    throw new AttestlyError('UNSUPPORTED_MEDIA_TYPE', `${name}: upload the report as a PDF`, {
      field: 'file',
    });
  const blob = await deps.blobs.put(bytes);
  return {
    fileName: name,
    mediaType: 'application/pdf',
    sizeBytes: blob.sizeBytes,
    sha256: blob.sha256,
    blobKey: blob.key,
  };
}
