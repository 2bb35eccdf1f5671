import { toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { type TReviewOutcome, vendorTier } from '../../domain/vendor.ts';
import { recordChange } from '../audit/record-change.ts';
import type { TPopulationItemInput } from '../audits/audit-testing-ports.ts';
import type { AppDeps, OrgScope, TVendor, TVendorReport, TVendorReview } from '../ports.ts';
import { checkText, dateField, resolveOwner } from './vendor-input.ts';

export interface TReviewInput {
  reviewedOn: string;
  /** A member; empty: the signed-in user (defaultReviewerEmail). */
  reviewerEmail?: string | null | undefined;
  outcome: TReviewOutcome;
  notes?: string | undefined;
  reportId?: string | null | undefined;
}

/** The review as an item of the 'vendor_review' population auditors sample from. */
export function vendorReviewItem(
  vendor: TVendor,
  review: TVendorReview,
  report: TVendorReport | null,
  collectedAt: Date,
): TPopulationItemInput {
  return {
    kind: 'vendor_review',
    externalId: review.id,
    occurredAt: new Date(`${review.reviewedOn}T00:00:00Z`),
    title: `${vendor.name}: ${review.outcome.replace(/_/g, ' ')}`,
    attributes: {
      vendor: vendor.name,
      tier: vendorTier(vendor).tier,
      outcome: review.outcome,
      reviewer: review.reviewerEmail,
      reviewedOn: review.reviewedOn,
      reportPeriodEnd: report?.periodEnd ?? null,
      reportSha256: report?.sha256 ?? null,
      notes: review.notes || null,
    },
    source: { kind: 'register', ref: 'vendors', collectedAt },
  };
}

/**
 * Records a vendor review (who, when, the outcome, the report read) and adds it to the 'vendor_review'
 * population, in one transaction with the audit-log entry.
 */
export async function recordVendorReview(
  deps: AppDeps,
  scope: OrgScope,
  vendorId: string,
  input: TReviewInput,
  defaultReviewerEmail: string | null,
): Promise<TVendorReview> {
  const reviewedOn = dateField(input.reviewedOn, 'review date', 'reviewedOn');
  if (reviewedOn > toIsoDate(deps.clock.now()))
    throw new AttestlyError('INVALID_INPUT', 'a review is recorded once it happened, not ahead', {
      field: 'reviewedOn',
    });
  const notes = checkText(input.notes ?? '', 'notes', 'the review notes', 10_000, false);
  const reviewerEmail = input.reviewerEmail?.trim() || defaultReviewerEmail;
  if (!reviewerEmail)
    throw new AttestlyError('INVALID_INPUT', 'name the reviewer (a member of the organization)', {
      field: 'reviewerEmail',
    });
  return deps.store.transaction(async (repos) => {
    const vendor = await repos.vendors.find(scope, vendorId);
    if (!vendor) throw new AttestlyError('NOT_FOUND', 'no such vendor');
    let report: TVendorReport | null = null;
    if (input.reportId) {
      report = await repos.vendors.findReport(scope, vendorId, input.reportId);
      if (!report)
        throw new AttestlyError('NOT_FOUND', 'no such report of this vendor', { field: 'reportId' });
    }
    let reviewerUserId: string | null;
    try {
      reviewerUserId = await resolveOwner(repos, scope, reviewerEmail);
    } catch (error) {
      if (error instanceof AttestlyError)
        throw new AttestlyError(error.code, error.message, { field: 'reviewerEmail' });
      throw error;
    }
    const review: TVendorReview = {
      id: deps.newId(),
      vendorId,
      reviewedOn,
      reviewerUserId,
      reviewerEmail: reviewerEmail.trim().toLowerCase(),
      outcome: input.outcome,
      notes,
      reportId: report?.id ?? null,
      recordedAt: deps.clock.now(),
    };
    await repos.vendors.insertReview(scope, review);
    await repos.populations.upsert(scope, [vendorReviewItem(vendor, review, report, review.recordedAt)]);
    await recordChange(
      repos,
      scope,
      deps,
      'vendor.reviewed',
      { type: 'vendor', id: vendorId },
      { ...review },
    );
    return review;
  });
}
