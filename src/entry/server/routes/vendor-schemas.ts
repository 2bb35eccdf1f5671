import { z } from 'zod';
import type { TVendorReport, TVendorReview } from '../../../app/ports.ts';
import type { TVendorOverview } from '../../../app/vendors/vendor-overview.ts';
import {
  OPERATIONAL_DEPENDENCIES,
  PRODUCTION_ACCESS,
  REPORT_OPINIONS,
  REPORT_STATUSES,
  REVIEW_CADENCES,
  REVIEW_OUTCOMES,
  SUBSERVICE_METHODS,
  VENDOR_DATA_CATEGORIES,
  VENDOR_REPORT_TYPES,
  VENDOR_STATUSES,
  VENDOR_TIERS,
  VENDOR_WARNING_KINDS,
} from '../../../domain/vendor.ts';
import { ZOrgParams } from '../schemas.ts';

// The vendor API's shapes: a vendor with its derived tier, report status and warnings; its reports and
// reviews; the subservice organizations and CUECs of the system description.

export const ZVendorParams = ZOrgParams.extend({ id: z.uuid() });
export const ZReportParams = ZVendorParams.extend({ reportId: z.uuid() });

export const ZVendorWarning = z.object({
  kind: z.enum(VENDOR_WARNING_KINDS),
  severity: z.enum(['bad', 'warn']),
  message: z.string(),
  date: z.string().nullable(),
});

const ZCsoc = z.object({ description: z.string(), criteria: z.array(z.string()) });

export const ZSubservice = z.object({
  method: z.enum(SUBSERVICE_METHODS),
  reportSections: z.string().nullable(),
  csocs: z.array(ZCsoc),
});

export const ZVendor = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  services: z.string(),
  dataCategories: z.array(z.enum(VENDOR_DATA_CATEGORIES)),
  operationalDependency: z.enum(OPERATIONAL_DEPENDENCIES),
  productionAccess: z.enum(PRODUCTION_ACCESS),
  /** From the rubric (domain/vendor.ts), with the reasons in words. */
  tier: z.enum(VENDOR_TIERS),
  tierReasons: z.array(z.string()),
  ownerUserId: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  contractStart: z.string().nullable(),
  renewalDate: z.string().nullable(),
  /** The cadence chosen for this vendor; null: by tier. */
  reviewCadence: z.enum(REVIEW_CADENCES).nullable(),
  /** The cadence in force. */
  cadence: z.enum(REVIEW_CADENCES),
  status: z.enum(VENDOR_STATUSES),
  lastReview: z
    .object({ reviewedOn: z.string(), outcome: z.enum(REVIEW_OUTCOMES), reviewerEmail: z.string() })
    .nullable(),
  nextReviewDue: z.string().nullable(),
  latestReport: z
    .object({
      id: z.string(),
      reportType: z.enum(VENDOR_REPORT_TYPES),
      periodEnd: z.string(),
      expiresOn: z.string(),
      /** The expiry, or the bridge letter's covered-until date when later. */
      coveredUntil: z.string(),
      opinion: z.enum(REPORT_OPINIONS),
    })
    .nullable(),
  reportStatus: z.enum(REPORT_STATUSES),
  warnings: z.array(ZVendorWarning),
  subservice: ZSubservice.nullable(),
  createdAt: z.date(),
});

export const ZVendorReport = z.object({
  id: z.string(),
  vendorId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  reportType: z.enum(VENDOR_REPORT_TYPES),
  periodStart: z.string(),
  periodEnd: z.string(),
  opinion: z.enum(REPORT_OPINIONS),
  exceptions: z.string(),
  expiresOn: z.string(),
  bridgeLetter: z
    .object({
      fileName: z.string(),
      sizeBytes: z.number(),
      sha256: z.string(),
      coveredUntil: z.string(),
      uploadedAt: z.date(),
    })
    .nullable(),
  uploadedAt: z.date(),
});

export const ZVendorReview = z.object({
  id: z.string(),
  vendorId: z.string(),
  reviewedOn: z.string(),
  reviewerEmail: z.string(),
  outcome: z.enum(REVIEW_OUTCOMES),
  notes: z.string(),
  reportId: z.string().nullable(),
  recordedAt: z.date(),
});

export const ZCuec = z.object({ id: z.string(), description: z.string(), criteria: z.array(z.string()) });

/** Without storage keys: the API names files by their SHA-256. */
export function reportView(r: TVendorReport): z.infer<typeof ZVendorReport> {
  const { blobKey: _key, bridgeLetter, ...rest } = r;
  return {
    ...rest,
    bridgeLetter: bridgeLetter
      ? {
          fileName: bridgeLetter.fileName,
          sizeBytes: bridgeLetter.sizeBytes,
          sha256: bridgeLetter.sha256,
          coveredUntil: bridgeLetter.coveredUntil,
          uploadedAt: bridgeLetter.uploadedAt,
        }
      : null,
  };
}

export function reviewView(r: TVendorReview): z.infer<typeof ZVendorReview> {
  const { reviewerUserId: _id, ...rest } = r;
  return rest;
}

export function vendorView(v: TVendorOverview): z.infer<typeof ZVendor> {
  return v;
}
