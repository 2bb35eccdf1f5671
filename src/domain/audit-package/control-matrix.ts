import type { TControl } from '../control.ts';
import type { TReadinessStatus } from '../readiness.ts';
import type { TWorkbook } from '../workbook.ts';

// The control matrix of the audit package: criteria ↔ controls ↔ tests ↔ evidence, each sheet with status
// and owners, as an auditor maps them in their workpapers. Built from facts gathered by the use-case, so the
// same facts always give the same workbook (and, written by the XLSX adapter, the same bytes).

export interface TMatrixCriterion {
  id: string;
  category: string;
  series: string;
  summary: string;
  status: TReadinessStatus;
  score: number | null;
  notApplicableReason: string | null;
}

export interface TMatrixTest {
  id: string;
  title: string;
  source: 'built-in' | 'custom';
  resourceType: string;
  severity: string;
  /** Control codes of the organization the test is mapped to. */
  controls: string[];
  /** Current results over the resources it judges. */
  passing: number;
  failing: number;
  errors: number;
  notApplicable: number;
}

export interface TMatrixEvidence {
  id: string;
  title: string;
  fileName: string;
  path: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  validFrom: string;
  validUntil: string | null;
  collectedAt: string;
  source: string;
  controlCodes: string[];
  ledgerSeq: number | null;
}

export interface TMatrixInput {
  controls: TControl[];
  criteria: TMatrixCriterion[];
  tests: TMatrixTest[];
  evidence: TMatrixEvidence[];
  /** Per control code, from the control timelines; absent when the period has no judged day. */
  timelines: ReadonlyMap<string, { coverage: number; exceptions: number }>;
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const list = (values: Iterable<string>) => [...new Set(values)].sort().join(', ');

function testStatus(t: TMatrixTest): string {
  if (t.failing + t.errors > 0) return 'failing';
  if (t.passing > 0) return 'passing';
  return 'not applicable';
}

export function controlMatrix(input: TMatrixInput): TWorkbook {
  const controls = [...input.controls].sort(byCode);
  const testsByControl = new Map<string, TMatrixTest[]>();
  for (const test of input.tests) {
    for (const code of test.controls) {
      const tests = testsByControl.get(code);
      if (tests) tests.push(test);
      else testsByControl.set(code, [test]);
    }
  }
  const evidenceByControl = new Map<string, number>();
  for (const item of input.evidence) {
    for (const code of item.controlCodes) evidenceByControl.set(code, (evidenceByControl.get(code) ?? 0) + 1);
  }
  const controlsByCriterion = new Map<string, TControl[]>();
  for (const control of controls) {
    for (const id of control.criteria) {
      const mapped = controlsByCriterion.get(id);
      if (mapped) mapped.push(control);
      else controlsByCriterion.set(id, [control]);
    }
  }

  const controlRows = controls.map((c) => {
    const tests = testsByControl.get(c.code) ?? [];
    const timeline = input.timelines.get(c.code);
    const monitoring =
      tests.length === 0 ? null : tests.some((t) => testStatus(t) === 'failing') ? 'failing' : 'passing';
    return [
      c.code,
      c.title,
      c.status,
      c.ownerEmail,
      c.ownerRole,
      c.frequency,
      c.criteria.join(', '),
      tests.length,
      monitoring,
      evidenceByControl.get(c.code) ?? 0,
      timeline ? timeline.coverage : null,
      timeline ? timeline.exceptions : null,
      c.notApplicableReason,
    ];
  });

  const criterionRows = [...input.criteria].sort(byId).map((criterion) => {
    const mapped = controlsByCriterion.get(criterion.id) ?? [];
    return [
      criterion.id,
      criterion.category,
      criterion.series,
      criterion.summary,
      criterion.status,
      criterion.score,
      mapped.map((c) => c.code).join(', '),
      list(mapped.flatMap((c) => (c.ownerEmail ? [c.ownerEmail] : []))),
      criterion.notApplicableReason,
    ];
  });

  const owners = new Map(controls.map((c) => [c.code, c]));
  const testRows = [...input.tests]
    .sort(byId)
    .flatMap((test) =>
      [...test.controls]
        .sort()
        .map((code) => [
          test.id,
          test.title,
          code,
          owners.get(code)?.ownerEmail ?? null,
          test.source,
          test.resourceType,
          test.severity,
          testStatus(test),
          test.passing,
          test.failing,
          test.errors,
          test.notApplicable,
        ]),
    );

  const evidenceRows = [...input.evidence]
    .sort(byId)
    .map((e) => [
      e.id,
      e.title,
      e.controlCodes.join(', '),
      list(e.controlCodes.flatMap((code) => owners.get(code)?.criteria ?? [])),
      e.fileName,
      e.path,
      e.mediaType,
      e.sizeBytes,
      e.sha256,
      e.validFrom,
      e.validUntil,
      e.collectedAt,
      e.source,
      e.ledgerSeq,
    ]);

  return {
    sheets: [
      {
        name: 'Controls',
        header: [
          'Control',
          'Title',
          'Status',
          'Owner',
          'Owner role',
          'Frequency',
          'Criteria',
          'Tests',
          'Monitoring',
          'Evidence items',
          'Coverage %',
          'Exceptions',
          'Not applicable because',
        ],
        rows: controlRows,
      },
      {
        name: 'Criteria',
        header: [
          'Criterion',
          'Category',
          'Series',
          'Summary',
          'Readiness',
          'Score',
          'Controls',
          'Owners',
          'Not applicable because',
        ],
        rows: criterionRows,
      },
      {
        name: 'Tests',
        header: [
          'Test',
          'Title',
          'Control',
          'Control owner',
          'Source',
          'Resource type',
          'Severity',
          'Status',
          'Passing',
          'Failing',
          'Errors',
          'Not applicable',
        ],
        rows: testRows,
      },
      {
        name: 'Evidence',
        header: [
          'Evidence',
          'Title',
          'Controls',
          'Criteria',
          'File',
          'Package path',
          'Media type',
          'Size (bytes)',
          'SHA-256',
          'Valid from',
          'Valid until',
          'Collected at',
          'Source',
          'Ledger seq',
        ],
        rows: evidenceRows,
      },
    ],
  };
}
