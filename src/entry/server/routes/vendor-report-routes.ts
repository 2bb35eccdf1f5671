import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TStoredFile } from '../../../app/ports.ts';
import { addBridgeLetter } from '../../../app/vendors/add-bridge-letter.ts';
import { addVendorReport } from '../../../app/vendors/add-vendor-report.ts';
import { updateVendorReport } from '../../../app/vendors/update-vendor-report.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { REPORT_OPINIONS, VENDOR_REPORT_TYPES } from '../../../domain/vendor.ts';
import { orgOf } from '../access.ts';
import { ERRORS, ZIsoDate } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import type { ZodApp } from '../zod-app.ts';
import { reportView, ZReportParams, ZVendorParams, ZVendorReport } from './vendor-schemas.ts';

// Vendors' SOC 2 reports and bridge letters: PDFs uploaded as multipart/form-data (stored by SHA-256, like
// evidence files), their stated details, and the downloads.

const FILE_FIELD = { field: 'file' };

/** The multipart fields (only those named) and the one file, read to the configured size limit. */
async function readUpload(
  request: FastifyRequest,
  allowed: readonly string[],
  config: TServerConfig,
): Promise<{ fields: Record<string, string>; file: { name: string; bytes: Uint8Array } }> {
  if (!request.isMultipart())
    throw new AttestlyError('UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data', FILE_FIELD);
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
  const unknown = Object.keys(fields).find((k) => !allowed.includes(k));
  if (unknown) throw new AttestlyError('INVALID_INPUT', `unknown field "${unknown}"`);
  if (!file?.name) throw new AttestlyError('INVALID_INPUT', 'a file is required', FILE_FIELD);
  return { fields, file };
}

function oneOf<T extends string>(
  values: readonly T[],
  value: string | undefined,
  field: string,
): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(values as readonly string[]).includes(value))
    throw new AttestlyError('INVALID_INPUT', `${field} is one of ${values.join(', ')}`, { field });
  return value as T;
}

const DOWNLOAD_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

function sendPdf(reply: FastifyReply, file: TStoredFile, bytes: Uint8Array) {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, '_')}"`)
    .header('content-security-policy', DOWNLOAD_POLICY)
    .header('x-frame-options', 'DENY')
    .header('x-content-sha256', file.sha256)
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(bytes));
}

export function registerVendorReportRoutes(app: ZodApp, config: TServerConfig): void {
  app.post(
    '/api/v1/orgs/:org/vendors/:id/reports',
    {
      config: { access: { kind: 'org', permission: 'vendors:write' } },
      schema: {
        summary:
          "Upload a vendor's SOC 2 report (multipart: file (PDF), reportType, periodStart, periodEnd, opinion, and optional exceptions, expiresOn)",
        tags: ['vendors'],
        consumes: ['multipart/form-data'],
        params: ZVendorParams,
        response: { 201: ZVendorReport, 413: ERRORS[400], 415: ERRORS[400], ...ERRORS },
      },
    },
    async (request, reply) => {
      const { fields, file } = await readUpload(
        request,
        ['reportType', 'periodStart', 'periodEnd', 'opinion', 'exceptions', 'expiresOn'],
        config,
      );
      const report = await addVendorReport(request.deps, orgOf(request).scope, request.params.id, {
        fileName: file.name,
        bytes: file.bytes,
        reportType: oneOf(VENDOR_REPORT_TYPES, fields.reportType, 'reportType'),
        periodStart: fields.periodStart || null,
        periodEnd: fields.periodEnd,
        opinion: oneOf(REPORT_OPINIONS, fields.opinion, 'opinion'),
        exceptions: fields.exceptions,
        expiresOn: fields.expiresOn || null,
      });
      return reply.status(201).send(reportView(report));
    },
  );

  app.patch(
    '/api/v1/orgs/:org/vendors/:id/reports/:reportId',
    {
      config: { access: { kind: 'org', permission: 'vendors:write' } },
      schema: {
        summary: 'Correct what a SOC 2 report states (expiresOn null: 12 months after the period ends)',
        tags: ['vendors'],
        params: ZReportParams,
        body: z.strictObject({
          reportType: z.enum(VENDOR_REPORT_TYPES).optional(),
          periodStart: ZIsoDate.nullable().optional(),
          periodEnd: ZIsoDate.optional(),
          opinion: z.enum(REPORT_OPINIONS).optional(),
          exceptions: z.string().max(10_000).optional(),
          expiresOn: ZIsoDate.nullable().optional(),
        }),
        response: { 200: ZVendorReport, ...ERRORS },
      },
    },
    async (request) =>
      reportView(
        await updateVendorReport(
          request.deps,
          orgOf(request).scope,
          request.params.id,
          request.params.reportId,
          request.body,
        ),
      ),
  );

  app.post(
    '/api/v1/orgs/:org/vendors/:id/reports/:reportId/bridge-letter',
    {
      config: { access: { kind: 'org', permission: 'vendors:write' } },
      schema: {
        summary: "Upload a report's bridge letter (multipart: file (PDF), coveredUntil)",
        tags: ['vendors'],
        consumes: ['multipart/form-data'],
        params: ZReportParams,
        response: { 200: ZVendorReport, 413: ERRORS[400], 415: ERRORS[400], ...ERRORS },
      },
    },
    async (request) => {
      const { fields, file } = await readUpload(request, ['coveredUntil'], config);
      const report = await addBridgeLetter(
        request.deps,
        orgOf(request).scope,
        request.params.id,
        request.params.reportId,
        { fileName: file.name, bytes: file.bytes, coveredUntil: fields.coveredUntil ?? '' },
      );
      return reportView(report);
    },
  );

  app.get(
    '/api/v1/orgs/:org/vendors/:id/reports/:reportId/file',
    {
      config: { access: { kind: 'org', permission: 'vendors:read' } },
      schema: {
        summary: 'Download a SOC 2 report, with its SHA-256 in a header',
        tags: ['vendors'],
        params: ZReportParams,
        response: { 200: z.any(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { id, reportId } = request.params;
      const report = await request.deps.store.repos.vendors.findReport(orgOf(request).scope, id, reportId);
      if (!report) throw new AttestlyError('NOT_FOUND', 'no such report');
      return sendPdf(reply, report, await request.deps.blobs.get(report.blobKey));
    },
  );

  app.get(
    '/api/v1/orgs/:org/vendors/:id/reports/:reportId/bridge-letter',
    {
      config: { access: { kind: 'org', permission: 'vendors:read' } },
      schema: {
        summary: "Download a report's bridge letter, with its SHA-256 in a header",
        tags: ['vendors'],
        params: ZReportParams,
        response: { 200: z.any(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { id, reportId } = request.params;
      const report = await request.deps.store.repos.vendors.findReport(orgOf(request).scope, id, reportId);
      if (!report?.bridgeLetter) throw new AttestlyError('NOT_FOUND', 'no bridge letter for this report');
      return sendPdf(reply, report.bridgeLetter, await request.deps.blobs.get(report.bridgeLetter.blobKey));
    },
  );
}
