import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { writeXlsx } from '../../../adapters/reports/xlsx.ts';
import { writableSink } from '../../../adapters/zip/stream-sink.ts';
import { createZipWriter } from '../../../adapters/zip/zip-writer.ts';
import { prepareAuditPackage, writeAuditPackage } from '../../../app/audit-package/build-audit-package.ts';
import { orgOf } from '../access.ts';
import { ERRORS } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';
import { ZAuditParams } from './audit-routes.ts';

// The audit package as a download: checked first (an unknown audit is a 404 in JSON), then streamed as it
// is written, so the server never holds the zip. An auditor limited to one audit reaches only its own
// (access.ts refuses the others).

const ZPackageSummary = z.object({
  fileName: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  /** The organization's Ed25519 public key that signs the package, and its fingerprint to compare. */
  publicKeyPem: z.string(),
  fingerprint: z.string(),
});

export function registerAuditPackageRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/audits/:auditId/package/summary',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary: "What the audit package covers and the key it is signed with (the download's file name)",
        tags: ['audits'],
        params: ZAuditParams,
        response: { 200: ZPackageSummary, ...ERRORS },
      },
    },
    async (request) => {
      const { org, scope } = orgOf(request);
      const prepared = await prepareAuditPackage(request.deps, scope, org, {
        auditId: request.params.auditId,
      });
      return {
        fileName: prepared.fileName,
        period: prepared.subject.period,
        publicKeyPem: prepared.publicKey.publicKeyPem,
        fingerprint: prepared.publicKey.fingerprint,
      };
    },
  );

  app.get(
    '/api/v1/orgs/:org/audits/:auditId/package',
    {
      config: { access: { kind: 'org', permission: 'audits:read' } },
      schema: {
        summary:
          'Download the audit package: control matrix, evidence, populations, samples, timelines, requests and the ledger segment, signed (check with "attestly verify FILE.zip")',
        tags: ['audits'],
        params: ZAuditParams,
        response: { 200: z.any().describe('application/zip'), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { org, scope } = orgOf(request);
      const { deps } = request;
      const prepared = await prepareAuditPackage(deps, scope, org, { auditId: request.params.auditId });
      const body = new PassThrough();
      const archive = createZipWriter(writableSink(body), { mtime: deps.clock.now() });
      writeAuditPackage(deps, scope, prepared, { archive, writeWorkbook: writeXlsx }).then(
        () => body.end(),
        (error: unknown) => {
          // The status line is sent already: the download breaks off, and the log says why.
          request.log.error({ err: error }, 'the audit package could not be written');
          body.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${prepared.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('x-package-key-fingerprint', prepared.publicKey.fingerprint)
        .send(body);
    },
  );
}
