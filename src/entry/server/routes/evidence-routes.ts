import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { addEvidence } from '../../../app/evidence/add-evidence.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { mediaTypeFor } from '../../../domain/media-type.ts';
import { orgOf } from '../access.ts';
import { ERRORS, page, paged, ZOrgParams, ZPage } from '../schemas.ts';
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
});

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
    );
  }
  const sniffed = await fileTypeFromBuffer(bytes);
  if (TEXT_TYPES.has(declared)) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (sniffed || text.includes('\u0000') || text.includes('\uFFFD')) {
      throw new AttestlyError('UNSUPPORTED_MEDIA_TYPE', `${fileName} is not the text file its name says`);
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
    );
  }
  return declared;
}

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
    async (request) =>
      page(await request.deps.store.repos.evidence.list(orgOf(request).scope), request.query),
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
      if (!file?.name) throw new AttestlyError('INVALID_INPUT', 'a file is required');
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
      const { blobKey: _key, ...view } = record;
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/orgs/:org/evidence/:id/file',
    {
      config: { access: { kind: 'org', permission: 'evidence:read' } },
      schema: {
        summary: 'Download an evidence file, with its SHA-256 in a header',
        tags: ['evidence'],
        params: ZOrgParams.extend({ id: z.uuid() }),
        response: { 200: z.any(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const item = await request.deps.store.repos.evidence.find(orgOf(request).scope, request.params.id);
      if (!item) throw new AttestlyError('NOT_FOUND', 'no such evidence');
      const bytes = await request.deps.blobs.get(item.blobKey);
      return reply
        .header('content-type', item.mediaType)
        .header('content-disposition', `attachment; filename="${item.fileName.replace(/["\\\r\n]/g, '_')}"`)
        .header('x-content-sha256', item.sha256)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(bytes));
    },
  );
}
