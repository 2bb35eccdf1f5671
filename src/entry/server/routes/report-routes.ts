import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { renderReadinessPdf } from '../../../adapters/reports/readiness-pdf.ts';
import { renderSystemDescriptionPdf } from '../../../adapters/reports/system-description-pdf.ts';
import { exportOscalAssessmentResults, exportOscalSsp } from '../../../app/reports/oscal.ts';
import { buildReadinessReport } from '../../../app/reports/readiness-report.ts';
import { buildSystemDescription } from '../../../app/reports/system-description.ts';
import { renderSystemDescriptionMarkdown } from '../../../app/reports/system-description-markdown.ts';
import { parseIsoDate } from '../../../domain/dates.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { orgOf } from '../access.ts';
import { ERRORS, ZIsoDate, ZOrgParams } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

// Reports as files: the readiness report (PDF), the system description draft (Markdown or PDF) and the
// OSCAL exports (JSON). The audit-facing ones cover the program's period, or an audit's: the auditor's own
// audit when they are limited to one, or the audit a member names with ?auditId=.

const ZAuditQuery = z.strictObject({
  auditId: z.string().max(64).optional().describe("Cover this audit's period instead of the program's"),
});

/** The audit a report covers: an auditor's own (naming another is a 404), or the one asked for. */
function auditIdOf(request: FastifyRequest, asked: string | undefined): string | null {
  const own = request.auditScope;
  if (own) {
    if (asked !== undefined && asked !== own.auditId) throw new AttestlyError('NOT_FOUND', 'no such audit');
    return own.auditId;
  }
  return asked ?? null;
}

function download(reply: FastifyReply, type: string, fileName: string, body: string | Uint8Array) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(typeof body === 'string' ? body : Buffer.from(body));
}

export function registerReportRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/reports/readiness.pdf',
    {
      config: { access: { kind: 'org', permission: 'readiness:read' } },
      schema: {
        summary: 'The readiness report as a PDF: summary, charts, every criterion, gaps and next actions',
        tags: ['reports'],
        params: ZOrgParams,
        querystring: z.strictObject({ asOf: ZIsoDate.optional() }),
        response: { 200: z.any().describe('application/pdf'), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { org, scope } = orgOf(request);
      const asOf =
        request.query.asOf === undefined ? undefined : parseIsoDate(request.query.asOf, 'as-of date');
      const model = await buildReadinessReport(request.deps, org, scope, asOf);
      return download(
        reply,
        'application/pdf',
        `${org.slug}-readiness-${model.asOf}.pdf`,
        await renderReadinessPdf(model),
      );
    },
  );

  for (const format of ['md', 'pdf'] as const)
    app.get(
      `/api/v1/orgs/:org/reports/system-description.${format}`,
      {
        config: { access: { kind: 'org', permission: 'audits:read' } },
        schema: {
          summary:
            format === 'md'
              ? 'The system description draft (DC 200) as editable Markdown'
              : 'The system description draft (DC 200) as a PDF',
          tags: ['reports'],
          params: ZOrgParams,
          querystring: ZAuditQuery,
          response: {
            200: format === 'md' ? z.string().describe('text/markdown') : z.any().describe('application/pdf'),
            ...ERRORS,
          },
        },
      },
      async (request, reply) => {
        const { org, scope } = orgOf(request);
        const description = await buildSystemDescription(
          request.deps,
          org,
          scope,
          auditIdOf(request, request.query.auditId),
        );
        const markdown = renderSystemDescriptionMarkdown(description);
        const name = `${org.slug}-system-description-${description.window.from}-${description.window.to}`;
        if (format === 'md') return download(reply, 'text/markdown; charset=utf-8', `${name}.md`, markdown);
        const pdf = await renderSystemDescriptionPdf({
          organizationName: org.name,
          generatedAt: description.generatedAt,
          markdown,
        });
        return download(reply, 'application/pdf', `${name}.pdf`, pdf);
      },
    );

  for (const kind of ['ssp', 'assessment-results'] as const)
    app.get(
      `/api/v1/orgs/:org/reports/oscal/${kind}.json`,
      {
        config: { access: { kind: 'org', permission: 'audits:read' } },
        schema: {
          summary:
            kind === 'ssp'
              ? 'The OSCAL 1.1 System Security Plan of the SOC 2 system (JSON)'
              : 'OSCAL 1.1 Assessment Results of the period: observations and a finding per criterion (JSON)',
          tags: ['reports'],
          params: ZOrgParams,
          querystring: ZAuditQuery,
          response: { 200: z.any().describe('application/json (OSCAL)'), ...ERRORS },
        },
      },
      async (request, reply) => {
        const { org, scope } = orgOf(request);
        const auditId = auditIdOf(request, request.query.auditId);
        const doc =
          kind === 'ssp'
            ? await exportOscalSsp(request.deps, org, scope, auditId)
            : await exportOscalAssessmentResults(request.deps, org, scope, auditId);
        return download(
          reply,
          'application/json; charset=utf-8',
          `${org.slug}-oscal-${kind}.json`,
          `${JSON.stringify(doc, null, 2)}\n`,
        );
      },
    );
}
