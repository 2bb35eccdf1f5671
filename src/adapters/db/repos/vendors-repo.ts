import type { Kysely, Selectable } from 'kysely';
import type { Repositories, TCuec, TVendor, TVendorReport, TVendorReview } from '../../../app/ports.ts';
import type { DB, VendorReportsTable, VendorReviewsTable, VendorsTable } from '../schema.ts';

const toVendor = (r: Selectable<VendorsTable>): TVendor => ({
  id: r.id,
  version: r.version,
  name: r.name,
  services: r.services,
  dataCategories: r.data_categories as TVendor['dataCategories'],
  operationalDependency: r.operational_dependency as TVendor['operationalDependency'],
  productionAccess: r.production_access as TVendor['productionAccess'],
  ownerUserId: r.owner_user_id,
  contractStart: r.contract_start,
  renewalDate: r.renewal_date,
  reviewCadence: r.review_cadence as TVendor['reviewCadence'],
  status: r.status as TVendor['status'],
  subservice: r.subservice_method
    ? {
        method: r.subservice_method as NonNullable<TVendor['subservice']>['method'],
        reportSections: r.report_sections,
        csocs: r.csocs,
      }
    : null,
  createdAt: r.created_at,
});

const vendorColumns = (v: TVendor) => ({
  name: v.name,
  services: v.services,
  data_categories: v.dataCategories,
  operational_dependency: v.operationalDependency,
  production_access: v.productionAccess,
  owner_user_id: v.ownerUserId,
  contract_start: v.contractStart,
  renewal_date: v.renewalDate,
  review_cadence: v.reviewCadence,
  status: v.status,
  subservice_method: v.subservice?.method ?? null,
  report_sections: v.subservice?.reportSections ?? null,
  csocs: JSON.stringify(v.subservice?.csocs ?? []),
});

const toReport = (r: Selectable<VendorReportsTable>): TVendorReport => ({
  id: r.id,
  vendorId: r.vendor_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  blobKey: r.blob_key,
  reportType: r.report_type as TVendorReport['reportType'],
  periodStart: r.period_start,
  periodEnd: r.period_end,
  opinion: r.opinion as TVendorReport['opinion'],
  exceptions: r.exceptions,
  expiresOn: r.expires_on,
  bridgeLetter:
    r.bridge_blob_key && r.bridge_covered_until
      ? {
          fileName: r.bridge_file_name ?? '',
          mediaType: r.bridge_media_type ?? 'application/pdf',
          sizeBytes: r.bridge_size_bytes ?? 0,
          sha256: r.bridge_sha256 ?? '',
          blobKey: r.bridge_blob_key,
          coveredUntil: r.bridge_covered_until,
          uploadedAt: r.bridge_uploaded_at ?? r.uploaded_at,
        }
      : null,
  uploadedAt: r.uploaded_at,
});

const reportColumns = (r: TVendorReport) => ({
  report_type: r.reportType,
  period_start: r.periodStart,
  period_end: r.periodEnd,
  opinion: r.opinion,
  exceptions: r.exceptions,
  expires_on: r.expiresOn,
  bridge_file_name: r.bridgeLetter?.fileName ?? null,
  bridge_media_type: r.bridgeLetter?.mediaType ?? null,
  bridge_size_bytes: r.bridgeLetter?.sizeBytes ?? null,
  bridge_sha256: r.bridgeLetter?.sha256 ?? null,
  bridge_blob_key: r.bridgeLetter?.blobKey ?? null,
  bridge_covered_until: r.bridgeLetter?.coveredUntil ?? null,
  bridge_uploaded_at: r.bridgeLetter?.uploadedAt ?? null,
});

const toReview = (r: Selectable<VendorReviewsTable>): TVendorReview => ({
  id: r.id,
  vendorId: r.vendor_id,
  reviewedOn: r.reviewed_on,
  reviewerUserId: r.reviewer_user_id,
  reviewerEmail: r.reviewer_email,
  outcome: r.outcome as TVendorReview['outcome'],
  notes: r.notes,
  reportId: r.report_id,
  recordedAt: r.recorded_at,
});

/** Vendors, their reports and reviews, and the CUECs, always within one organization. */
export function vendorsRepo(db: Kysely<DB>): Repositories['vendors'] {
  return {
    async insert(scope, vendor) {
      await db
        .insertInto('vendors')
        .values({
          id: vendor.id,
          org_id: scope.orgId,
          created_at: vendor.createdAt,
          ...vendorColumns(vendor),
        })
        .execute();
    },
    async list(scope) {
      const rows = await db
        .selectFrom('vendors')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy((eb) => eb.fn('lower', ['name']))
        .orderBy('id')
        .execute();
      return rows.map(toVendor);
    },
    async find(scope, id) {
      const row = await db
        .selectFrom('vendors')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toVendor(row) : null;
    },
    async update(scope, vendor, expectedVersion, at) {
      const result = await db
        .updateTable('vendors')
        .set((eb) => ({ ...vendorColumns(vendor), updated_at: at, version: eb('version', '+', 1) }))
        .where('org_id', '=', scope.orgId)
        .where('id', '=', vendor.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertReport(scope, report) {
      await db
        .insertInto('vendor_reports')
        .values({
          id: report.id,
          org_id: scope.orgId,
          vendor_id: report.vendorId,
          file_name: report.fileName,
          media_type: report.mediaType,
          size_bytes: report.sizeBytes,
          sha256: report.sha256,
          blob_key: report.blobKey,
          uploaded_at: report.uploadedAt,
          ...reportColumns(report),
        })
        .execute();
    },
    async listReports(scope, vendorId) {
      let query = db.selectFrom('vendor_reports').selectAll().where('org_id', '=', scope.orgId);
      if (vendorId !== undefined) query = query.where('vendor_id', '=', vendorId);
      const rows = await query.orderBy('period_end', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toReport);
    },
    async findReport(scope, vendorId, reportId) {
      const row = await db
        .selectFrom('vendor_reports')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('vendor_id', '=', vendorId)
        .where('id', '=', reportId)
        .executeTakeFirst();
      return row ? toReport(row) : null;
    },
    async updateReport(scope, report) {
      await db
        .updateTable('vendor_reports')
        .set(reportColumns(report))
        .where('org_id', '=', scope.orgId)
        .where('vendor_id', '=', report.vendorId)
        .where('id', '=', report.id)
        .execute();
    },
    async insertReview(scope, review) {
      await db
        .insertInto('vendor_reviews')
        .values({
          id: review.id,
          org_id: scope.orgId,
          vendor_id: review.vendorId,
          reviewed_on: review.reviewedOn,
          reviewer_user_id: review.reviewerUserId,
          reviewer_email: review.reviewerEmail,
          outcome: review.outcome,
          notes: review.notes,
          report_id: review.reportId,
          recorded_at: review.recordedAt,
        })
        .execute();
    },
    async listReviews(scope, vendorId) {
      let query = db.selectFrom('vendor_reviews').selectAll().where('org_id', '=', scope.orgId);
      if (vendorId !== undefined) query = query.where('vendor_id', '=', vendorId);
      const rows = await query
        .orderBy('reviewed_on', 'desc')
        .orderBy('recorded_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toReview);
    },
    async listSubserviceOrganizations(scope) {
      const rows = await db
        .selectFrom('vendors')
        .select(['name', 'services', 'subservice_method', 'report_sections', 'csocs'])
        .where('org_id', '=', scope.orgId)
        .where('status', '=', 'active')
        .where('subservice_method', 'is not', null)
        .orderBy((eb) => eb.fn('lower', ['name']))
        .execute();
      return rows.map((r) => ({
        name: r.name,
        services: r.services,
        method: r.subservice_method as 'carve_out' | 'inclusive',
        csocs: r.csocs.map((c) => c.description),
        reportSections: r.report_sections,
      }));
    },
    async listCuecs(scope) {
      const rows = await db
        .selectFrom('cuecs')
        .select(['id', 'description', 'criteria'])
        .where('org_id', '=', scope.orgId)
        .orderBy('seq')
        .execute();
      return rows.map((r): TCuec => ({ id: r.id, description: r.description, criteria: r.criteria }));
    },
    async insertCuec(scope, cuec) {
      await db
        .insertInto('cuecs')
        .values({ id: cuec.id, org_id: scope.orgId, description: cuec.description, criteria: cuec.criteria })
        .execute();
    },
    async updateCuec(scope, cuec) {
      const result = await db
        .updateTable('cuecs')
        .set({ description: cuec.description, criteria: cuec.criteria })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', cuec.id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async removeCuec(scope, id) {
      const result = await db
        .deleteFrom('cuecs')
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
