import {
  coveredUntil,
  latestReport,
  nextReviewDue,
  reportStatus,
  reviewCadenceOf,
  type TReportStatus,
  type TReviewCadence,
  type TReviewOutcome,
  type TVendorTier,
  type TVendorWarning,
  vendorTier,
  vendorWarnings,
} from '../../domain/vendor.ts';
import type { TVendor, TVendorReport, TVendorReview } from '../ports.ts';

/** A vendor with what the rules derive from it today: tier, review due date, report status, warnings. */
export interface TVendorOverview extends TVendor {
  ownerEmail: string | null;
  tier: TVendorTier;
  tierReasons: string[];
  /** The cadence in force (the chosen one, or the tier's). */
  cadence: TReviewCadence;
  lastReview: { reviewedOn: string; outcome: TReviewOutcome; reviewerEmail: string } | null;
  nextReviewDue: string | null;
  latestReport: {
    id: string;
    reportType: TVendorReport['reportType'];
    periodEnd: string;
    expiresOn: string;
    coveredUntil: string;
    opinion: TVendorReport['opinion'];
  } | null;
  reportStatus: TReportStatus;
  warnings: TVendorWarning[];
}

export function vendorOverview(
  vendor: TVendor,
  reports: readonly TVendorReport[],
  reviews: readonly TVendorReview[],
  emails: ReadonlyMap<string, string>,
  today: string,
): TVendorOverview {
  const { tier, reasons } = vendorTier(vendor);
  const cadence = reviewCadenceOf(tier, vendor.reviewCadence);
  const latest = latestReport(
    reports.map((r) => ({ ...r, bridgeCoveredUntil: r.bridgeLetter?.coveredUntil ?? null })),
  );
  let last: TVendorReview | null = null;
  for (const r of reviews)
    if (
      !last ||
      r.reviewedOn > last.reviewedOn ||
      (r.reviewedOn === last.reviewedOn && r.recordedAt > last.recordedAt)
    )
      last = r;
  return {
    ...vendor,
    ownerEmail: vendor.ownerUserId ? (emails.get(vendor.ownerUserId) ?? null) : null,
    tier,
    tierReasons: reasons,
    cadence,
    lastReview: last
      ? { reviewedOn: last.reviewedOn, outcome: last.outcome, reviewerEmail: last.reviewerEmail }
      : null,
    nextReviewDue: nextReviewDue(last?.reviewedOn ?? null, cadence),
    latestReport: latest
      ? {
          id: latest.id,
          reportType: latest.reportType,
          periodEnd: latest.periodEnd,
          expiresOn: latest.expiresOn,
          coveredUntil: coveredUntil(latest),
          opinion: latest.opinion,
        }
      : null,
    reportStatus: reportStatus(latest, tier, today),
    warnings: vendorWarnings(
      {
        tier,
        status: vendor.status,
        renewalDate: vendor.renewalDate,
        cadence,
        lastReviewedOn: last?.reviewedOn ?? null,
        latest,
      },
      today,
    ),
  };
}

/** Groups rows by vendor id. */
export function byVendor<T extends { vendorId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(row.vendorId, [...(out.get(row.vendorId) ?? []), row]);
  return out;
}
