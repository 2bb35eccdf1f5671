import type { TReadinessReportModel } from '../../app/reports/readiness-report.ts';
import type { TReadinessStatus } from '../../domain/readiness.ts';
import { drawBarChart, drawLineChart } from './pdf-charts.ts';
import { createReportDocument, GREY, PdfFlow, type TRgb } from './pdf-flow.ts';

// The readiness report as a PDF: a summary page (program, overall score, a bar per category, the line of
// readiness over time, monitoring), the per-criterion table, the gaps with their next actions, and what
// monitoring finds failing. Everything it shows comes from the model; the same model gives the same bytes.

const STATUS_COLORS: Record<TReadinessStatus, TRgb> = {
  ready: [0.18, 0.55, 0.34],
  partial: [0.85, 0.6, 0.1],
  gap: [0.78, 0.22, 0.2],
  not_applicable: [0.6, 0.6, 0.6],
};
const STATUS_LABELS: Record<TReadinessStatus, string> = {
  ready: 'ready',
  partial: 'partial',
  gap: 'gap',
  not_applicable: 'not applicable',
};

const percent = (score: number | null) => (score === null ? 'n/a' : `${score}%`);

function minute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function periodLine(model: TReadinessReportModel): string {
  const { program } = model;
  if (program.reportType === 'type1') return `Type 1 report as of ${program.asOf ?? 'a date not set'}`;
  return program.window
    ? `Type 2 report, observation window ${program.window.start} to ${program.window.end}`
    : 'Type 2 report, observation window not set';
}

function counts(criteria: Record<TReadinessStatus, number>): string {
  return `${criteria.ready} ready, ${criteria.partial} partial, ${criteria.gap} gap, ${criteria.not_applicable} not applicable`;
}

function summary(flow: PdfFlow, model: TReadinessReportModel): void {
  const { fonts } = flow;
  flow.text(model.organization.name, { color: GREY });
  flow.text('SOC 2 readiness report', { font: fonts.bold, size: 20 });
  flow.space(4);
  flow.text(`Readiness as of ${model.asOf}. Generated ${minute(model.generatedAt)}.`);
  flow.text(periodLine(model));
  flow.text(`In scope: ${model.program.categories.map((c) => c.name).join(', ')}`);
  const named = model.program.components.map((c) => `${c.name} (${c.kind})`);
  flow.text(
    `System components: ${model.program.componentKinds.join(', ')}${named.length > 0 ? `; named: ${named.join(', ')}` : ''}`,
  );
  flow.space(10);
  flow.text(`Overall readiness ${percent(model.overall.score)}`, { font: fonts.bold, size: 16 });
  flow.text(`Criteria: ${counts(model.overall.criteria)} (overall ${STATUS_LABELS[model.overall.status]})`);
  flow.text(`${model.gaps.length} gaps with a next action (listed after the criteria)`);

  flow.heading('Readiness by category', 12);
  drawBarChart(
    flow.area(Math.max(1, model.categories.length) * 22),
    fonts,
    model.categories.map((c) => ({ label: c.name, value: c.score, color: STATUS_COLORS[c.status] })),
  );
  flow.heading('Readiness over time', 12);
  const history = model.history;
  flow.text(
    history.length > 0
      ? `Overall readiness recorded on ${history.length} days from ${history[0]?.day} to ${history[history.length - 1]?.day}`
      : 'No daily readiness recorded yet',
    { size: 9, color: GREY },
  );
  flow.space(8);
  drawLineChart(
    flow.area(150),
    fonts,
    history.map((h) => ({ day: h.day, value: h.overall })),
    [0.15, 0.35, 0.7],
  );

  flow.heading('Monitoring', 12);
  const { monitoring } = model;
  flow.text(
    monitoring.integrations.length === 0
      ? 'No integration is connected: every control is judged on uploaded evidence.'
      : `${monitoring.integrations.length} integration${monitoring.integrations.length === 1 ? '' : 's'}: ${monitoring.integrations
          .map((i) => `${i.name} (${i.type}, ${i.enabled ? i.status : 'disabled'})`)
          .join(', ')}`,
  );
  flow.text(
    `Controls in scope: ${monitoring.controls.passing} pass their automated tests, ${monitoring.controls.failing} fail at least one, ${monitoring.controls.untested} have no automated test`,
  );
}

function criteriaTable(flow: PdfFlow, model: TReadinessReportModel): void {
  flow.newPage();
  flow.heading('Criteria');
  flow.text(
    'Each criterion in scope with its status and score: half of a control counts when it is implemented, half when current evidence (or passing tests) shows it operates.',
    { size: 9, color: GREY },
  );
  flow.space(6);
  flow.table(
    [
      { header: 'Criterion', width: 52 },
      { header: 'Series', width: 112 },
      { header: 'Status', width: 62 },
      { header: 'Score', width: 36 },
      { header: 'Implemented', width: 66 },
      { header: 'Evidenced', width: 58 },
      { header: 'Controls', width: flow.width - 386 },
    ],
    model.criteria.map((c) => [
      c.id,
      c.seriesName,
      STATUS_LABELS[c.status],
      percent(c.score),
      `${c.controls.implemented} of ${c.controls.applicable}`,
      `${c.controls.evidenced} of ${c.controls.applicable}`,
      c.status === 'not_applicable'
        ? `Not applicable: ${c.notApplicableReason ?? ''}`
        : c.controlCodes.join(', ') || 'none',
    ]),
  );
}

function gapsSection(flow: PdfFlow, model: TReadinessReportModel): void {
  flow.heading('Gaps and next actions');
  if (model.gaps.length === 0) {
    flow.text('No gaps: every criterion in scope is ready.');
    return;
  }
  flow.table(
    [
      { header: 'Criterion', width: 52 },
      { header: 'Status', width: 50 },
      { header: 'Score', width: 38 },
      { header: 'Next action', width: flow.width - 140 },
    ],
    model.gaps.map((g) => [g.criterionId, g.status, `${g.score}%`, g.nextAction]),
  );
}

function failingSection(flow: PdfFlow, model: TReadinessReportModel): void {
  if (model.monitoring.failing.length === 0) return;
  flow.heading('Failing automated tests');
  for (const control of model.monitoring.failing) {
    flow.text(control.controlCode, { font: flow.fonts.bold });
    for (const test of control.tests)
      flow.text(
        `${test.title} (${test.testId}): fails on ${test.resources} resource${test.resources === 1 ? '' : 's'}`,
        {
          indent: 14,
          marker: '•',
        },
      );
  }
}

/** Renders the readiness report; its metadata dates are the report's generation time. */
export async function renderReadinessPdf(model: TReadinessReportModel): Promise<Uint8Array> {
  const { doc, fonts } = await createReportDocument({
    title: `SOC 2 readiness report: ${model.organization.name}`,
    subject: `Readiness as of ${model.asOf}`,
    keywords: ['SOC 2', 'readiness', `as-of:${model.asOf}`],
    stamp: new Date(model.generatedAt),
  });
  const flow = new PdfFlow(doc, fonts);
  summary(flow, model);
  criteriaTable(flow, model);
  gapsSection(flow, model);
  failingSection(flow, model);
  flow.footers(
    (page, total) =>
      `${model.organization.name}: SOC 2 readiness as of ${model.asOf}. Page ${page} of ${total}`,
  );
  return doc.save();
}
