import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZOscalAssessmentResults, ZOscalSsp } from '../src/domain/reports/oscal-schema.ts';
import { cliWorkspace } from './support/cli.ts';
import { ENGINE } from './support/database.ts';
import { pdfPageTexts } from './support/pdf-text.ts';

// attestly report: each report written to the file --out names, in the format its extension says.

type Workspace = Awaited<ReturnType<typeof cliWorkspace>>;
let ws: Workspace;

beforeAll(async () => {
  ws = await cliWorkspace();
  const init = await ws.run('init', '--name', 'Acme Cloud', '--type', 'type1', '--as-of', '2026-09-30');
  expect(init.code).toBe(0);
});
afterAll(() => ws.drop());

describe(`attestly report on ${ENGINE}`, () => {
  it('writes the readiness report as a PDF', async () => {
    const out = join(ws.dataDir, 'readiness.pdf');
    const result = await ws.run('report', 'readiness', '--out', out, '--as-of', '2026-06-01');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Wrote the readiness report to .*readiness\.pdf \(\d+ bytes\)\.$/);
    const text = (await pdfPageTexts(readFileSync(out))).flat();
    expect(
      text.filter((t) => /^Readiness as of 2026-06-01\. Generated [\d-]+ [\d:]+ UTC\.$/.test(t)),
    ).toHaveLength(1);
    expect(text).toContain('Type 1 report as of 2026-09-30');
  });

  it('writes the system description as Markdown or PDF', async () => {
    const md = join(ws.dataDir, 'description.md');
    expect((await ws.run('report', 'system-description', '--out', md)).code).toBe(0);
    const markdown = readFileSync(md, 'utf8');
    expect(markdown).toContain('# System description: Acme Cloud (draft)');
    expect(markdown).toContain('A Type 1 description is as of one date');
    const pdf = join(ws.dataDir, 'description.pdf');
    expect((await ws.run('report', 'system-description', '--out', pdf)).code).toBe(0);
    expect((await pdfPageTexts(readFileSync(pdf))).flat()).toContain(
      'System description: Acme Cloud (draft)',
    );
  });

  it('writes the OSCAL exports, and refuses what it cannot write', async () => {
    const ssp = join(ws.dataDir, 'ssp.json');
    expect((await ws.run('report', 'oscal', '--kind', 'ssp', '--out', ssp)).code).toBe(0);
    expect(ZOscalSsp.safeParse(JSON.parse(readFileSync(ssp, 'utf8'))).success).toBe(true);
    const ar = join(ws.dataDir, 'ar.json');
    expect((await ws.run('report', 'oscal', '--kind', 'assessment-results', '--out', ar)).code).toBe(0);
    expect(ZOscalAssessmentResults.safeParse(JSON.parse(readFileSync(ar, 'utf8'))).success).toBe(true);

    expect(await ws.run('report', 'oscal', '--kind', 'poam', '--out', ar)).toMatchObject({
      code: 2,
      stderr: 'attestly: error: --kind is one of ssp, assessment-results',
    });
    expect((await ws.run('report', 'readiness', '--out', join(ws.dataDir, 'r.txt'))).stderr).toBe(
      'attestly: error: --out must end in .pdf',
    );
    expect((await ws.run('report', 'readiness')).stderr).toBe(
      'attestly: error: where to? give --out FILE.pdf',
    );
    expect((await ws.run('report', 'summary', '--out', ar)).stderr).toContain('unknown report "summary"');
    expect((await ws.run('report', 'oscal', '--kind', 'ssp', '--out', ssp, '--audit', 'nope')).stderr).toBe(
      'attestly: error: no such audit',
    );
  });
});
