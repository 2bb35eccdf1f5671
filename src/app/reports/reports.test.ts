import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../../../test/support/database.ts';
import { expectGolden, goldenJson } from '../../../test/support/golden.ts';
import { pdfPageTexts, pdfText } from '../../../test/support/pdf-text.ts';
import { reportFixture } from '../../../test/support/report-fixture.ts';
import { renderReadinessPdf } from '../../adapters/reports/readiness-pdf.ts';
import { renderSystemDescriptionPdf } from '../../adapters/reports/system-description-pdf.ts';
import { ZOscalAssessmentResults, ZOscalSsp } from '../../domain/reports/oscal-schema.ts';
import { createAudit } from '../audits/create-audit.ts';
import { exportOscalAssessmentResults, exportOscalSsp } from './oscal.ts';
import { buildReadinessReport } from './readiness-report.ts';
import { buildSystemDescription } from './system-description.ts';
import { renderSystemDescriptionMarkdown } from './system-description-markdown.ts';

// The reports of one small organization built through the use-cases with a fixed clock (one fixture for
// the file: building it is the slow part). Golden files in test/golden/ keep what each report says;
// UPDATE_GOLDEN=1 rewrites them. The last tests change the organization, so they run last.

let f: Awaited<ReturnType<typeof reportFixture>>;
beforeAll(async () => {
  f = await reportFixture();
}, 120_000);
afterAll(() => f?.close());

describe(`the reports of a small organization on ${ENGINE}`, () => {
  it('readiness: the model is the golden JSON', async () => {
    const model = await buildReadinessReport(f.deps, f.org, f.scope);
    expectGolden('readiness-report.json', goldenJson(model));
    expect(model.asOf).toBe('2026-06-15');
    expect(model.history.map((h) => h.day)).toEqual(['2026-03-02', '2026-04-01', '2026-05-04', '2026-06-01']);
    expect(model.criteria.find((c) => c.id === 'CC6.4')).toMatchObject({
      status: 'not_applicable',
      notApplicableReason: expect.stringContaining('no offices'),
    });
    expect(model.monitoring.failing.map((f) => f.controlCode)).toContain('AC-18');
  });

  it('readiness: the PDF says the golden text, in the same bytes each time', async () => {
    const model = await buildReadinessReport(f.deps, f.org, f.scope);
    const bytes = await renderReadinessPdf(model);
    expect(Buffer.from(await renderReadinessPdf(model)).equals(Buffer.from(bytes))).toBe(true);
    expectGolden('readiness-report.pdf.txt', await pdfText(bytes));

    expect((await PDFDocument.load(bytes)).getCreationDate()?.toISOString()).toBe('2026-06-15T09:00:00.000Z');
    const pages = await pdfPageTexts(bytes);
    // The criteria table runs over several pages and repeats its header on each.
    expect(pages.filter((p) => p.includes('Criterion') && p.includes('Evidenced')).length).toBeGreaterThan(1);
    const all = pages.flat();
    for (const criterion of model.criteria) expect(all).toContain(criterion.id);
    expect(all.join(' ')).toContain(model.gaps[0]?.nextAction.slice(0, 40));
  });

  it('system description: the Markdown draft is the golden text', async () => {
    const description = await buildSystemDescription(f.deps, f.org, f.scope);
    const markdown = renderSystemDescriptionMarkdown(description);
    expectGolden('system-description.md', markdown);
    expect(description.window).toEqual({
      reportType: 'type2',
      from: '2026-03-01',
      to: '2026-08-31',
      source: 'program',
    });
    expect(markdown).toContain('This draft has no record of incidents between 2026-03-01 and 2026-08-31.');
    expect(markdown).toContain('### Amazon Web Services');
    expect(markdown).toContain('Method: carve-out');
    expect(markdown).toContain('- Customers remove the accounts of their own users who leave (CC6.2, CC6.3)');
    expect(markdown).toMatch(/- 2026-05-04: CC6\.4 marked not applicable: Globex has no offices/);
    expect(markdown).toMatch(/- 2026-05-20: Policy ".+" version 1 published/);
    expect(markdown).not.toContain('### CC6.4 ');
  });

  it('system description: the PDF lays out the same text', async () => {
    const description = await buildSystemDescription(f.deps, f.org, f.scope);
    const markdown = renderSystemDescriptionMarkdown(description);
    const input = { organizationName: f.org.name, generatedAt: description.generatedAt, markdown };
    const bytes = await renderSystemDescriptionPdf(input);
    expect(Buffer.from(await renderSystemDescriptionPdf(input)).equals(Buffer.from(bytes))).toBe(true);
    const text = (await pdfPageTexts(bytes)).flat();
    expect(text).toContain('System description: Globex (draft)');
    expect(text).toContain('7. Subservice organizations');
    expect(text).toContain('Amazon Web Services');
  });

  it('OSCAL SSP: matches the schema, names every control in scope, and is the same twice', async () => {
    const first = await exportOscalSsp(f.deps, f.org, f.scope);
    expect(ZOscalSsp.safeParse(first).error).toBeUndefined();
    f.clock.advanceMinutes(90);
    const second = await exportOscalSsp(f.deps, f.org, f.scope);
    f.clock.set(new Date('2026-06-15T09:00:00Z'));
    const uuids = (doc: unknown) =>
      JSON.stringify(doc).match(/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g);
    expect(uuids(second)).toEqual(uuids(first));
    expect(new Set(uuids(first)).size).toBeGreaterThan(100);

    const ssp = first['system-security-plan'];
    expect(ssp.metadata['oscal-version']).toBe('1.1.2');
    const requirements = ssp['control-implementation']['implemented-requirements'];
    const controls = await f.deps.store.repos.controls.list(f.scope);
    const inScope = new Set(
      f.deps.catalog.criteria
        .filter((c) => ['security', 'availability'].includes(c.category))
        .map((c) => c.id),
    );
    expect(requirements.map((r) => r['control-id'])).toEqual([...inScope].map((id) => id.toLowerCase()));
    const components = new Map(ssp['system-implementation'].components.map((c) => [c.uuid, c]));
    const titles = [...components.values()].map((c) => c.title);
    for (const control of controls.filter((c) => c.criteria.some((id) => inScope.has(id)))) {
      expect(titles).toContain(`${control.code}: ${control.title}`);
      // Under every criterion it addresses, except CC6.4, which does not apply to the system.
      for (const criterion of control.criteria.filter((id) => inScope.has(id) && id !== 'CC6.4')) {
        const requirement = requirements.find((r) => r['control-id'] === criterion.toLowerCase());
        const by = requirement?.['by-components']?.map(
          (b) => components.get(b['component-uuid'])?.title ?? '',
        );
        expect(
          by?.some((title) => title.startsWith(`${control.code}:`)),
          `${control.code} under ${criterion}`,
        ).toBe(true);
      }
    }
    const cc64 = requirements.find((r) => r['control-id'] === 'cc6.4');
    expect(cc64?.['by-components']?.[0]?.['implementation-status']?.state).toBe('not-applicable');
    expect(ssp['system-implementation'].components[0]?.type).toBe('this-system');
  });

  it('OSCAL assessment results: matches the schema, with a finding per applicable criterion', async () => {
    const doc = await exportOscalAssessmentResults(f.deps, f.org, f.scope);
    expect(ZOscalAssessmentResults.safeParse(doc).error).toBeUndefined();
    const [result] = doc['assessment-results'].results;
    expect(result?.start).toBe('2026-03-01T00:00:00Z');
    const findings = result?.findings ?? [];
    expect(findings).toHaveLength(35);
    expect(findings.some((x) => x.target['target-id'] === 'cc6.4')).toBe(false);
    const failing = result?.observations?.find((o) => o.title === 'Automated tests of AC-18');
    expect(failing?.description).toContain('on legacy_report');
    expect(failing?.types).toEqual(['finding']);
    const cc61 = findings.find((x) => x.target['target-id'] === 'cc6.1');
    expect(cc61?.['related-observations']?.map((r) => r['observation-uuid'])).toContain(failing?.uuid);
    expect(JSON.stringify(await exportOscalAssessmentResults(f.deps, f.org, f.scope))).toBe(
      JSON.stringify(doc),
    );
  });

  it("uses an audit's window when one is named, with its control timelines", async () => {
    const audit = await createAudit(f.deps, f.scope, {
      firmName: 'Example Assurance LLP',
      reportType: 'type2',
      windowStart: '2026-04-01',
      windowEnd: '2026-06-30',
    });
    const description = await buildSystemDescription(f.deps, f.org, f.scope, audit.id);
    expect(description.window).toEqual({
      reportType: 'type2',
      from: '2026-04-01',
      to: '2026-06-30',
      source: 'audit',
    });
    expect(description.changes?.map((c) => c.date).every((d) => d >= '2026-04-01')).toBe(true);
    const doc = await exportOscalAssessmentResults(f.deps, f.org, f.scope, audit.id);
    expect(ZOscalAssessmentResults.safeParse(doc).error).toBeUndefined();
    const titles = doc['assessment-results'].results[0]?.observations?.map((o) => o.title) ?? [];
    expect(titles).toContain('AC-01 over 2026-04-01 to 2026-06-30');
    await expect(buildSystemDescription(f.deps, f.org, f.scope, 'not-an-audit')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lists the incidents on record instead of the placeholder', async () => {
    await f.deps.store.repos.populations.upsert(f.scope, [
      {
        kind: 'incident',
        externalId: 'INC-7',
        occurredAt: new Date('2026-05-11T03:00:00Z'),
        title: 'Billing API unavailable for 40 minutes',
        attributes: {},
        source: { kind: 'register', ref: 'incident register', collectedAt: new Date('2026-05-12T00:00:00Z') },
      },
    ]);
    const markdown = renderSystemDescriptionMarkdown(await buildSystemDescription(f.deps, f.org, f.scope));
    expect(markdown).toContain('- 2026-05-11: Billing API unavailable for 40 minutes');
    expect(markdown).not.toContain('no record of incidents');
  });
});
