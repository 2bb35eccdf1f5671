import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { evidenceVisibility } from '../../../app/audits/audit-scope-filters.ts';
import { addEvidence } from '../../../app/evidence/add-evidence.ts';
import { linkEvidence } from '../../../app/evidence/link-evidence.ts';
import { updateEvidence } from '../../../app/evidence/update-evidence.ts';
import type { AppDeps, TEvidenceRecord } from '../../../app/ports.ts';
import { toIsoDate } from '../../../domain/dates.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { EVIDENCE_EXPIRY_STATUSES, evidenceExpiry } from '../../../domain/evidence-expiry.ts';
import { mediaTypeFor } from '../../../domain/media-type.ts';
import { orgOf } from '../access.ts';
import { ERRORS, page, paged, ZIsoDate, ZOrgParams, ZPage } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import type { ZodApp } from '../zod-app.ts';

const ZEvidence = z.object({
  id: z.string(),
  title: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  source: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  collectedAt: z.date(),
  controlCodes: z.array(z.string()),
  /** expiring: validUntil within the next 30 days; expired: validUntil before today. */
  expiry: z.enum(EVIDENCE_EXPIRY_STATUSES),
});

const ZEvidenceParams = ZOrgParams.extend({ id: z.uuid() });

/** An evidence record as the API shows it: without the storage key, with its expiry status today. */
function evidenceView(deps: Pick<AppDeps, 'clock'>, record: TEvidenceRecord) {
  const { blobKey: _key, ...view } = record;
  return { ...view, expiry: evidenceExpiry(record.validUntil, toIsoDate(deps.clock.now())) };
}

/** Errors about the uploaded file name the multipart field, so a form shows them next to its file input. */
const FILE_FIELD = { field: 'file' };

const TEXT_TYPES = new Set([
  'text/plain',
  'text/markdown',
  'text/csv',
  'application/json',
  'application/yaml',
  'application/xml',
  'text/html',
]);

/**
 * The bytes must be what the name says: a binary format is recognised by its signature, a text format
 * must be UTF-8 without NUL bytes. A mismatch (an executable named report.pdf) is refused.
 */
async function checkContent(fileName: string, bytes: Uint8Array): Promise<string> {
  const declared = mediaTypeFor(fileName);
  if (declared === 'application/octet-stream') {
    throw new AttestlyError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${fileName}: this file type is not accepted as evidence`,
      FILE_FIELD,
    );
  }
  const sniffed = await fileTypeFromBuffer(bytes);
  if (TEXT_TYPES.has(declared)) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (sniffed || text.includes('\u0000') || text.includes('\uFFFD')) {
      throw new AttestlyError(
        'UNSUPPORTED_MEDIA_TYPE',
        `${fileName} is not the text file its name says`,
        FILE_FIELD,
      );
    }
    return declared;
  }
  if (
    sniffed?.mime !== declared &&
    !(declared.includes('openxmlformats') && sniffed?.mime === 'application/zip')
  ) {
    throw new AttestlyError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${fileName} is named as ${declared} but its content is ${sniffed?.mime ?? 'not recognised'}`,
      FILE_FIELD,
    );
  }
  return declared;
}

/** What the web app may show inside its own page: the browser renders these without running scripts. */
const PREVIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * A preview may only be framed by the app itself, and loads nothing; everything else is a download that
 * no page may frame.
 */
const PREVIEW_POLICY =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
const DOWNLOAD_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

export function registerEvidenceRoutes(app: ZodApp, config: TServerConfig): void {
  app.get(
    '/api/v1/orgs/:org/evidence',
    {
      config: { access: { kind: 'org', permission: 'evidence:read' } },
      schema: {
        summary: 'Evidence items, newest first',
        tags: ['evidence'],
        params: ZOrgParams,
        querystring: ZPage,
        response: { 200: paged(ZEvidence), ...ERRORS },
      },
    },
    async (request) => {
      const { scope } = orgOf(request);
      const all = await request.deps.store.repos.evidence.list(scope);
      const visible = await evidenceVisibility(request.deps, scope, request.auditScope);
      return page(
        all.filter(visible).map((e) => evidenceView(request.deps, e)),
        request.query,
      );
    },
  );

  app.patch(
    '/api/v1/orgs/:org/evidence/:id',
    {
      config: { access: { kind: 'org', permission: 'evidence:write' } },
      schema: {
        summary: 'Rename an evidence item or set the period it is valid for (validUntil null: no end)',
        tags: ['evidence'],
        params: ZEvidenceParams,
        body: z.strictObject({
          title: z.string().max(200).optional(),
          validFrom: ZIsoDate.optional(),
          validUntil: ZIsoDate.nullable().optional(),
        }),
        response: { 200: ZEvidence, ...ERRORS },
      },
    },
    async (request) => {
      const record = await updateEvidence(
        request.deps,
        orgOf(request).scope,
        request.params.id,
        request.body,
      );
      return evidenceView(request.deps, record);
    },
  );

  app.put(
    '/api/v1/orgs/:org/evidence/:id/controls',
    {
      config: { access: { kind: 'org', permission: 'evidence:write' } },
      schema: {
        summary: 'Set the controls an evidence item supports (an empty list unlinks it from all)',
        tags: ['evidence'],
        params: ZEvidenceParams,
        body: z.strictObject({ controlCodes: z.array(z.string().min(1).max(40)).max(500) }),
        response: { 200: ZEvidence, ...ERRORS },
      },
    },
    async (request) => {
      const record = await linkEvidence(
        request.deps,
        orgOf(request).scope,
        request.params.id,
        request.body.controlCodes,
      );
      return evidenceView(request.deps, record);
    },
  );

  app.post(
    '/api/v1/orgs/:org/evidence',
    {
      config: { access: { kind: 'org', permission: 'evidence:write' } },
      schema: {
        summary:
          'Upload an evidence file (multipart: file, controls, and optional title, validFrom, validUntil)',
        tags: ['evidence'],
        consumes: ['multipart/form-data'],
        params: ZOrgParams,
        response: { 201: ZEvidence, 413: ERRORS[400], 415: ERRORS[400], ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AttestlyError('UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data');
      const fields: Record<string, string> = {};
      let file: { name: string; bytes: Uint8Array; sha256: string } | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (file) throw new AttestlyError('INVALID_INPUT', 'send one file per request');
          // Hash while the upload streams in, and stop reading at the size limit.
          const hash = createHash('sha256');
          const chunks: Buffer[] = [];
          for await (const chunk of part.file) {
            hash.update(chunk);
            chunks.push(chunk);
          }
          if (part.file.truncated) {
            throw new AttestlyError(
              'PAYLOAD_TOO_LARGE',
              `the file is larger than ${config.maxUploadBytes / 1024 / 1024} MiB`,
              FILE_FIELD,
            );
          }
          file = {
            name: part.filename,
            bytes: new Uint8Array(Buffer.concat(chunks)),
            sha256: hash.digest('hex'),
          };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      const unknown = Object.keys(fields).filter(
        (k) => !['controls', 'title', 'validFrom', 'validUntil'].includes(k),
      );
      if (unknown.length > 0) throw new AttestlyError('INVALID_INPUT', `unknown field "${unknown[0]}"`);
      if (!file?.name) throw new AttestlyError('INVALID_INPUT', 'a file is required', FILE_FIELD);
      await checkContent(file.name, file.bytes);
      const record = await addEvidence(request.deps, orgOf(request).scope, {
        bytes: file.bytes,
        fileName: file.name.split(/[\\/]/).pop() ?? file.name,
        title: fields.title,
        controlCodes: (fields.controls ?? '')
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
        validFrom: fields.validFrom,
        validUntil: fields.validUntil,
      });
      if (record.sha256 !== file.sha256)
        throw new AttestlyError('INTERNAL', 'the stored file does not match the upload');
      return reply.status(201).send(evidenceView(request.deps, record));
    },
  );

  app.get(
    '/api/v1/orgs/:org/evidence/:id/file',
    {
      config: { access: { kind: 'org', permission: 'evidence:read' } },
      schema: {
        summary:
          'Download an evidence file, with its SHA-256 in a header (inline=1: shown in the page, PDFs and images only)',
        tags: ['evidence'],
        params: ZEvidenceParams,
        querystring: z.strictObject({ inline: z.enum(['0', '1']).optional() }),
        response: { 200: z.any(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { scope } = orgOf(request);
      const item = await request.deps.store.repos.evidence.find(scope, request.params.id);
      const visible = await evidenceVisibility(request.deps, scope, request.auditScope);
      if (!item || !visible(item)) throw new AttestlyError('NOT_FOUND', 'no such evidence');
      const bytes = await request.deps.blobs.get(item.blobKey);
      const inline = request.query.inline === '1' && PREVIEWABLE.has(item.mediaType);
      const fileName = item.fileName.replace(/["\\\r\n]/g, '_');
      return reply
        .header('content-type', item.mediaType)
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${fileName}"`)
        .header('content-security-policy', inline ? PREVIEW_POLICY : DOWNLOAD_POLICY)
        .header('x-frame-options', inline ? 'SAMEORIGIN' : 'DENY')
        .header('x-content-sha256', item.sha256)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(bytes));
    },
  );
}
