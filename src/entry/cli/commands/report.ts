import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { renderReadinessPdf } from '../../../adapters/reports/readiness-pdf.ts';
import { renderSystemDescriptionPdf } from '../../../adapters/reports/system-description-pdf.ts';
import { exportOscalAssessmentResults, exportOscalSsp, OSCAL_KINDS } from '../../../app/reports/oscal.ts';
import { buildReadinessReport } from '../../../app/reports/readiness-report.ts';
import { buildSystemDescription } from '../../../app/reports/system-description.ts';
import { renderSystemDescriptionMarkdown } from '../../../app/reports/system-description-markdown.ts';
import { parseIsoDate } from '../../../domain/dates.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { parseCommand, stringFlag, withOrg } from '../command.ts';
import type { CliIo } from '../io.ts';

export const REPORT_HELP = `attestly report: write a report to a file

  attestly report readiness --out FILE.pdf [--as-of YYYY-MM-DD]
      the readiness report: summary, charts, every criterion, gaps and next actions
  attestly report system-description --out FILE.md|FILE.pdf [--audit AUDIT_ID]
      the system description draft (DC 200): editable Markdown, or the same as a PDF
  attestly report oscal --kind ssp|assessment-results --out FILE.json [--audit AUDIT_ID]
      OSCAL 1.1 JSON: the System Security Plan, or the Assessment Results of the period

  --audit   cover that audit's period instead of the program's`;

function outPath(value: string | boolean | (string | boolean)[] | undefined, allowed: string[]): string {
  const out = stringFlag(value);
  if (!out) throw new AttestlyError('INVALID_INPUT', `where to? give --out FILE${allowed[0]}`);
  if (!allowed.includes(extname(out).toLowerCase()))
    throw new AttestlyError('INVALID_INPUT', `--out must end in ${allowed.join(' or ')}`);
  return resolve(out);
}

async function write(io: CliIo, path: string, body: string | Uint8Array, what: string): Promise<void> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  await writeFile(path, bytes);
  io.out(`Wrote ${what} to ${path} (${bytes.length} bytes).`);
}

export async function runReport(args: string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseCommand(rest, {
    out: { type: 'string' },
    'as-of': { type: 'string' },
    audit: { type: 'string' },
    kind: { type: 'string' },
  });
  if (values.help || sub === undefined || sub === '--help' || sub === '-h') return io.out(REPORT_HELP);
  const audit = stringFlag(values.audit) ?? null;

  if (sub === 'readiness') {
    const path = outPath(values.out, ['.pdf']);
    const asOfFlag = stringFlag(values['as-of']);
    const asOf = asOfFlag === undefined ? undefined : parseIsoDate(asOfFlag, 'as-of date');
    const pdf = await withOrg(io, values, async ({ deps, org, scope }) =>
      renderReadinessPdf(await buildReadinessReport(deps, org, scope, asOf)),
    );
    return write(io, path, pdf, 'the readiness report');
  }
  if (sub === 'system-description') {
    const path = outPath(values.out, ['.md', '.pdf']);
    const body = await withOrg(io, values, async ({ deps, org, scope }) => {
      const description = await buildSystemDescription(deps, org, scope, audit);
      const markdown = renderSystemDescriptionMarkdown(description);
      if (extname(path).toLowerCase() === '.md') return markdown;
      return renderSystemDescriptionPdf({
        organizationName: org.name,
        generatedAt: description.generatedAt,
        markdown,
      });
    });
    return write(io, path, body, 'the system description draft');
  }
  if (sub === 'oscal') {
    const kind = stringFlag(values.kind);
    if (kind !== 'ssp' && kind !== 'assessment-results')
      throw new AttestlyError('INVALID_INPUT', `--kind is one of ${OSCAL_KINDS.join(', ')}`);
    const path = outPath(values.out, ['.json']);
    const doc = await withOrg(
      io,
      values,
      async ({ deps, org, scope }): Promise<unknown> =>
        kind === 'ssp'
          ? exportOscalSsp(deps, org, scope, audit)
          : exportOscalAssessmentResults(deps, org, scope, audit),
    );
    return write(
      io,
      path,
      `${JSON.stringify(doc, null, 2)}\n`,
      `the OSCAL ${kind === 'ssp' ? 'System Security Plan' : 'Assessment Results'}`,
    );
  }
  throw new AttestlyError(
    'INVALID_INPUT',
    `unknown report "${sub}"; expected readiness, system-description or oscal`,
  );
}
