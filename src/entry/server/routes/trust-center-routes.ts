import { z } from 'zod';
import type { TTrustDocument } from '../../../app/ports.ts';
import { approveTrustAccess, denyTrustAccess } from '../../../app/trust-center/decide-trust-access.ts';
import {
  addTrustDocument,
  addTrustDocumentFromEvidence,
  removeTrustDocument,
} from '../../../app/trust-center/manage-trust-documents.ts';
import { listTrustPolicies, setPublicPolicies } from '../../../app/trust-center/set-public-policies.ts';
import { getTrustCenterSettings, saveTrustCenter } from '../../../app/trust-center/trust-center-settings.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import {
  ACCESS_REQUEST_STATUSES,
  TRUST_DOCUMENT_ACCESS,
  TRUST_DOCUMENT_KINDS,
  ZTrustCenterSettings,
} from '../../../domain/trust-center.ts';
import { orgOf } from '../access.ts';
import { ERRORS, ZIsoDate, ZOrgParams } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import type { ZodApp } from '../zod-app.ts';

// The trust center's settings, documents and access requests, for the organization's admins. What the
// public reads is rendered by entry/server/trust/trust-pages.ts from the same records.

const ZTrustCenter = ZTrustCenterSettings.extend({
  ndaVersion: z.number().int(),
  updatedAt: z.date(),
  updatedBy: z.string(),
  /** Where the public page is (404 until published). */
  publicUrl: z.string(),
});

const ZTrustPolicy = z.object({
  policyId: z.string(),
  title: z.string(),
  publishedVersion: z.number().int().nullable(),
  public: z.boolean(),
});

const ZTrustDocument = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(TRUST_DOCUMENT_KINDS),
  access: z.enum(TRUST_DOCUMENT_ACCESS),
  fileName: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  evidenceId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.date(),
  /** The public download for a public document; null for a gated one. */
  publicUrl: z.string().nullable(),
});

const ZAccessRequest = z.object({
  id: z.string(),
  name: z.string(),
  company: z.string(),
  email: z.string(),
  ndaVersion: z.number().int(),
  ndaText: z.string(),
  ndaAcceptedAt: z.date(),
  sourceAddress: z.string().nullable(),
  status: z.enum(ACCESS_REQUEST_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
});

const ZDownload = z.object({
  id: z.string(),
  downloadedAt: z.date(),
  documentId: z.string(),
  documentTitle: z.string().nullable(),
  requestId: z.string(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  sourceAddress: z.string().nullable(),
  watermark: z.string(),
});

const ZDocumentFields = {
  title: z.string().max(200),
  description: z.string().max(1000).optional(),
  kind: z.enum(TRUST_DOCUMENT_KINDS),
  access: z.enum(TRUST_DOCUMENT_ACCESS),
};

const ZIdParams = ZOrgParams.extend({ id: z.uuid() });
const FILE_FIELD = { field: 'file' };

function documentView(slug: string, d: TTrustDocument) {
  const { blobKey: _key, publicId, mediaType: _type, ...view } = d;
  return { ...view, publicUrl: d.access === 'public' ? `/trust/${slug}/documents/${publicId}` : null };
}

export function registerTrustCenterRoutes(app: ZodApp, config: TServerConfig): void {
  app.get(
    '/api/v1/orgs/:org/trust-center',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: "The trust center's settings (defaults, unpublished, until saved)",
        tags: ['trust center'],
        params: ZOrgParams,
        response: { 200: ZTrustCenter, ...ERRORS },
      },
    },
    async (request) => {
      const { org, scope } = orgOf(request);
      const settings = await getTrustCenterSettings(request.deps, org, scope);
      return { ...settings, publicUrl: `${config.publicUrl}/trust/${org.slug}` };
    },
  );

  app.put(
    '/api/v1/orgs/:org/trust-center',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary:
          'Set what the public trust center shows and publish or unpublish it; a changed NDA text is a new NDA version',
        tags: ['trust center'],
        params: ZOrgParams,
        body: ZTrustCenterSettings,
        response: { 200: ZTrustCenter, ...ERRORS },
      },
    },
    async (request) => {
      const { org, scope } = orgOf(request);
      const settings = await saveTrustCenter(request.deps, org, scope, request.body);
      return { ...settings, publicUrl: `${config.publicUrl}/trust/${org.slug}` };
    },
  );

  app.get(
    '/api/v1/orgs/:org/trust-center/policies',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: 'Every policy, and whether the trust center offers its published version to anyone',
        tags: ['trust center'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZTrustPolicy) }), ...ERRORS },
      },
    },
    async (request) => ({ items: await listTrustPolicies(request.deps, orgOf(request).scope) }),
  );

  app.put(
    '/api/v1/orgs/:org/trust-center/policies',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: 'Choose the policies the trust center shows (their published versions, as PDFs)',
        tags: ['trust center'],
        params: ZOrgParams,
        body: z.strictObject({ policyIds: z.array(z.uuid()).max(200) }),
        response: { 200: z.object({ items: z.array(ZTrustPolicy) }), ...ERRORS },
      },
    },
    async (request) => ({
      items: await setPublicPolicies(request.deps, orgOf(request).scope, request.body.policyIds),
    }),
  );

  app.get(
    '/api/v1/orgs/:org/trust-center/documents',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: 'Documents shared on the trust center, public or gated',
        tags: ['trust center'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZTrustDocument) }), ...ERRORS },
      },
    },
    async (request) => {
      const { org, scope } = orgOf(request);
      const documents = await request.deps.store.repos.trustCenter.listDocuments(scope);
      return { items: documents.map((d) => documentView(org.slug, d)) };
    },
  );

  app.post(
    '/api/v1/orgs/:org/trust-center/documents',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary:
          'Upload a PDF to the trust center (multipart: file, title, kind, access, and optional description)',
        tags: ['trust center'],
        consumes: ['multipart/form-data'],
        params: ZOrgParams,
        response: { 201: ZTrustDocument, 413: ERRORS[400], 415: ERRORS[400], ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AttestlyError('UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data');
      const fields: Record<string, string> = {};
      let file: { name: string; bytes: Uint8Array } | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (file) throw new AttestlyError('INVALID_INPUT', 'send one file per request', FILE_FIELD);
          const chunks: Buffer[] = [];
          for await (const chunk of part.file) chunks.push(chunk);
          if (part.file.truncated)
            throw new AttestlyError(
              'PAYLOAD_TOO_LARGE',
              `the file is larger than ${config.maxUploadBytes / 1024 / 1024} MiB`,
              FILE_FIELD,
            );
          file = { name: part.filename, bytes: new Uint8Array(Buffer.concat(chunks)) };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      const unknown = Object.keys(fields).find(
        (k) => !['title', 'kind', 'access', 'description'].includes(k),
      );
      if (unknown) throw new AttestlyError('INVALID_INPUT', `unknown field "${unknown}"`);
      if (!file?.name) throw new AttestlyError('INVALID_INPUT', 'a file is required', FILE_FIELD);
      const { org, scope } = orgOf(request);
      const document = await addTrustDocument(request.deps, scope, {
        title: fields.title ?? '',
        description: fields.description,
        kind: fields.kind ?? '',
        access: fields.access ?? '',
        fileName: file.name.split(/[\\/]/).pop() ?? file.name,
        bytes: file.bytes,
      });
      return reply.status(201).send(documentView(org.slug, document));
    },
  );

  app.post(
    '/api/v1/orgs/:org/trust-center/documents/from-evidence',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: 'Share an evidence item (a PDF) on the trust center',
        tags: ['trust center'],
        params: ZOrgParams,
        body: z.strictObject({ evidenceId: z.uuid(), ...ZDocumentFields }),
        response: { 201: ZTrustDocument, 415: ERRORS[400], ...ERRORS },
      },
    },
    async (request, reply) => {
      const { org, scope } = orgOf(request);
      const document = await addTrustDocumentFromEvidence(request.deps, scope, request.body);
      return reply.status(201).send(documentView(org.slug, document));
    },
  );

  app.delete(
    '/api/v1/orgs/:org/trust-center/documents/:id',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: 'Take a document off the trust center',
        tags: ['trust center'],
        params: ZIdParams,
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      await removeTrustDocument(request.deps, orgOf(request).scope, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/orgs/:org/trust-center/access-requests',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: "Visitors' requests for the gated documents, newest first, with the NDA each accepted",
        tags: ['trust center'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZAccessRequest) }), ...ERRORS },
      },
    },
    async (request) => ({
      items: await request.deps.store.repos.trustCenter.listAccessRequests(orgOf(request).scope),
    }),
  );

  app.post(
    '/api/v1/orgs/:org/trust-center/access-requests/:id/approve',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary:
          'Approve an access request until the end of a day: the visitor gets a download link (returned when mail is not delivered)',
        tags: ['trust center'],
        params: ZIdParams,
        body: z.strictObject({ expiresOn: ZIsoDate }),
        response: {
          200: z.object({
            request: ZAccessRequest,
            /** The visitor's link, for the admin to pass on when mail is not delivered; shown once. */
            link: z.string().nullable(),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { org, scope } = orgOf(request);
      const result = await approveTrustAccess(request.deps, org, scope, request.params.id, {
        expiresOn: request.body.expiresOn,
        baseUrl: config.publicUrl,
      });
      return { request: result.request, link: result.link };
    },
  );

  app.post(
    '/api/v1/orgs/:org/trust-center/access-requests/:id/deny',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: 'Deny an access request, or withdraw an approval (its link stops working)',
        tags: ['trust center'],
        params: ZIdParams,
        response: { 200: ZAccessRequest, ...ERRORS },
      },
    },
    async (request) => denyTrustAccess(request.deps, orgOf(request).scope, request.params.id),
  );

  app.get(
    '/api/v1/orgs/:org/trust-center/downloads',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: 'The download log of gated documents, newest first',
        tags: ['trust center'],
        params: ZOrgParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(ZDownload) }), ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const { repos } = request.deps.store;
      const [downloads, requests, documents] = await Promise.all([
        repos.trustCenter.listDownloads(scope, request.query.limit),
        repos.trustCenter.listAccessRequests(scope),
        repos.trustCenter.listDocuments(scope),
      ]);
      const byRequest = new Map(requests.map((r) => [r.id, r]));
      const titles = new Map(documents.map((d) => [d.id, d.title]));
      return {
        items: downloads.map((d) => ({
          ...d,
          documentTitle: titles.get(d.documentId) ?? null,
          email: byRequest.get(d.requestId)?.email ?? null,
          company: byRequest.get(d.requestId)?.company ?? null,
        })),
      };
    },
  );
}
