import type { Kysely, Selectable } from 'kysely';
import type {
  Repositories,
  TTrustAccessRequest,
  TTrustCenterRecord,
  TTrustDocument,
} from '../../../app/ports.ts';
import type {
  TAccessRequestStatus,
  TTrustDocumentAccess,
  TTrustDocumentKind,
} from '../../../domain/trust-center.ts';
import type {
  DB,
  TrustAccessRequestsTable,
  TrustCenterDocumentsTable,
  TrustCentersTable,
} from '../schema.ts';

// The trust center's rows. Every query filters on the organization: even a download link's token is looked
// up only within the organization its URL names.

function jsonList<T>(value: unknown): T[] {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? (parsed as T[]) : [];
}

const toRecord = (r: Selectable<TrustCentersTable>): TTrustCenterRecord => ({
  published: r.published,
  headline: r.headline,
  description: r.description,
  securityContact: r.security_contact,
  faq: jsonList(r.faq),
  areas: jsonList(r.areas),
  subprocessors: jsonList(r.subprocessors),
  ndaText: r.nda_text,
  ndaVersion: r.nda_version,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

const toDocument = (r: Selectable<TrustCenterDocumentsTable>): TTrustDocument => ({
  id: r.id,
  publicId: r.public_id,
  title: r.title,
  description: r.description,
  kind: r.kind as TTrustDocumentKind,
  access: r.access as TTrustDocumentAccess,
  fileName: r.file_name,
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  blobKey: r.blob_key,
  evidenceId: r.evidence_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const toRequest = (r: Selectable<TrustAccessRequestsTable>): TTrustAccessRequest => ({
  id: r.id,
  name: r.name,
  company: r.company,
  email: r.email,
  ndaVersion: r.nda_version,
  ndaText: r.nda_text,
  ndaAcceptedAt: r.nda_accepted_at,
  sourceAddress: r.source_address,
  status: r.status as TAccessRequestStatus,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
});

export function trustCenterRepo(db: Kysely<DB>): Repositories['trustCenter'] {
  return {
    async find(scope) {
      const row = await db
        .selectFrom('trust_centers')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async save(scope, record) {
      const values = {
        published: record.published,
        headline: record.headline,
        description: record.description,
        security_contact: record.securityContact,
        faq: JSON.stringify(record.faq),
        areas: JSON.stringify(record.areas),
        subprocessors: JSON.stringify(record.subprocessors),
        nda_text: record.ndaText,
        nda_version: record.ndaVersion,
        updated_at: record.updatedAt,
        updated_by: record.updatedBy,
      };
      await db
        .insertInto('trust_centers')
        .values({ org_id: scope.orgId, ...values })
        .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
        .execute();
    },
    async listPublicPolicies(scope) {
      const rows = await db
        .selectFrom('trust_center_policies')
        .select(['policy_id', 'public_id'])
        .where('org_id', '=', scope.orgId)
        .execute();
      return rows.map((r) => ({ policyId: r.policy_id, publicId: r.public_id }));
    },
    async setPublicPolicies(scope, policies) {
      const keep = policies.map((p) => p.policyId);
      let removal = db.deleteFrom('trust_center_policies').where('org_id', '=', scope.orgId);
      if (keep.length > 0) removal = removal.where('policy_id', 'not in', keep);
      await removal.execute();
      if (policies.length === 0) return;
      await db
        .insertInto('trust_center_policies')
        .values(policies.map((p) => ({ org_id: scope.orgId, policy_id: p.policyId, public_id: p.publicId })))
        .onConflict((oc) => oc.columns(['org_id', 'policy_id']).doNothing())
        .execute();
    },
    async insertDocument(scope, d) {
      await db
        .insertInto('trust_center_documents')
        .values({
          id: d.id,
          org_id: scope.orgId,
          public_id: d.publicId,
          title: d.title,
          description: d.description,
          kind: d.kind,
          access: d.access,
          file_name: d.fileName,
          media_type: d.mediaType,
          size_bytes: d.sizeBytes,
          sha256: d.sha256,
          blob_key: d.blobKey,
          evidence_id: d.evidenceId,
          created_by: d.createdBy,
          created_at: d.createdAt,
          removed_at: null,
        })
        .execute();
    },
    async listDocuments(scope) {
      const rows = await db
        .selectFrom('trust_center_documents')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('removed_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toDocument);
    },
    async removeDocument(scope, id, at) {
      const result = await db
        .updateTable('trust_center_documents')
        .set({ removed_at: at })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async insertAccessRequest(scope, r) {
      await db
        .insertInto('trust_access_requests')
        .values({
          id: r.id,
          org_id: scope.orgId,
          name: r.name,
          company: r.company,
          email: r.email,
          nda_version: r.ndaVersion,
          nda_text: r.ndaText,
          nda_accepted_at: r.ndaAcceptedAt,
          source_address: r.sourceAddress,
          status: r.status,
          decided_by: r.decidedBy,
          decided_at: r.decidedAt,
          expires_at: r.expiresAt,
          token_hash: null,
          created_at: r.createdAt,
        })
        .execute();
    },
    async listAccessRequests(scope) {
      const rows = await db
        .selectFrom('trust_access_requests')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toRequest);
    },
    async findAccessRequest(scope, id) {
      const row = await db
        .selectFrom('trust_access_requests')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toRequest(row) : null;
    },
    async findPendingAccessRequest(scope, email) {
      const row = await db
        .selectFrom('trust_access_requests')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('email', '=', email)
        .where('status', '=', 'pending')
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row ? toRequest(row) : null;
    },
    async decideAccessRequest(scope, id, decision) {
      const result = await db
        .updateTable('trust_access_requests')
        .set({
          status: decision.status,
          decided_by: decision.decidedBy,
          decided_at: decision.decidedAt,
          expires_at: decision.expiresAt,
          token_hash: decision.tokenHash,
        })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async findApprovedByToken(scope, tokenHash, at) {
      const row = await db
        .selectFrom('trust_access_requests')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('token_hash', '=', tokenHash)
        .where('status', '=', 'approved')
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return row ? toRequest(row) : null;
    },
    async recordDownload(scope, d) {
      await db
        .insertInto('trust_downloads')
        .values({
          id: d.id,
          org_id: scope.orgId,
          request_id: d.requestId,
          document_id: d.documentId,
          downloaded_at: d.downloadedAt,
          source_address: d.sourceAddress,
          watermark: d.watermark,
        })
        .execute();
    },
    async listDownloads(scope, limit) {
      const rows = await db
        .selectFrom('trust_downloads')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy('downloaded_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        requestId: r.request_id,
        documentId: r.document_id,
        downloadedAt: r.downloaded_at,
        sourceAddress: r.source_address,
        watermark: r.watermark,
      }));
    },
  };
}
