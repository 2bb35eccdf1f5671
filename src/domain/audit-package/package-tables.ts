import type { TAuditRequest } from '../audit/audit-request.ts';
import type { TPopulationAttribute } from '../audit/populations.ts';
import type { TControlTimeline } from '../audit/timeline.ts';
import { type TCsvCell, toCsv } from '../csv.ts';
import type { TMatrixEvidence } from './control-matrix.ts';
import { EVIDENCE_INDEX_HEADER, samplePath } from './package-format.ts';

// The CSV files of the audit package, one function each, from facts the use-case gathered. Instants are
// ISO 8601 (UTC), dates YYYY-MM-DD; every file has a header row.

export function evidenceIndexCsv(evidence: TMatrixEvidence[]): string {
  const sorted = [...evidence].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = sorted.map(
    (e): Record<(typeof EVIDENCE_INDEX_HEADER)[number], TCsvCell> => ({
      id: e.id,
      sha256: e.sha256,
      fileName: e.fileName,
      mediaType: e.mediaType,
      sizeBytes: e.sizeBytes,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
      collectedAt: e.collectedAt,
      ledgerSeq: e.ledgerSeq,
      path: e.path,
      title: e.title,
      controls: e.controlCodes.join(' '),
      source: e.source,
    }),
  );
  return toCsv(
    [...EVIDENCE_INDEX_HEADER],
    rows.map((r) => EVIDENCE_INDEX_HEADER.map((name) => r[name])),
  );
}

export function requestsCsv(requests: TAuditRequest[]): string {
  return toCsv(
    ['ref', 'title', 'description', 'control', 'criterion', 'dueDate', 'status', 'flagReason', 'evidence'],
    requests.map((r) => [
      r.ref,
      r.title,
      r.description,
      r.controlCode,
      r.criterionId,
      r.dueDate,
      r.status,
      r.flagReason,
      r.evidenceIds.join(' '),
    ]),
  );
}

export interface TPackagePopulationItem {
  externalId: string;
  occurredAt: Date;
  title: string;
  attributes: Record<string, TPopulationAttribute>;
  source: { kind: string; ref: string; collectedAt: Date };
}

/** A population (or a sample's items): fixed columns, then one column per attribute any item has. */
export function populationCsv(items: TPackagePopulationItem[]): string {
  const attributes = [...new Set(items.flatMap((i) => Object.keys(i.attributes)))].sort();
  return toCsv(
    ['externalId', 'occurredAt', 'title', 'sourceKind', 'sourceRef', 'collectedAt', ...attributes],
    items.map((i) => [
      i.externalId,
      i.occurredAt.toISOString(),
      i.title,
      i.source.kind,
      i.source.ref,
      i.source.collectedAt.toISOString(),
      ...attributes.map((name) => i.attributes[name] ?? null),
    ]),
  );
}

export interface TPackageSample {
  id: string;
  controlCode: string;
  kind: string;
  seed: string;
  size: number;
  populationCount: number;
  populationDigest: string;
  itemIds: string[];
  drawnBy: string;
  drawnAt: Date;
}

export function samplesCsv(samples: TPackageSample[]): string {
  return toCsv(
    [
      'id',
      'control',
      'population',
      'seed',
      'size',
      'populationCount',
      'populationDigest',
      'drawnBy',
      'drawnAt',
      'items',
    ],
    samples.map((s) => [
      s.id,
      s.controlCode,
      s.kind,
      s.seed,
      s.size,
      s.populationCount,
      s.populationDigest,
      s.drawnBy,
      s.drawnAt.toISOString(),
      samplePath(s.id),
    ]),
  );
}

export function coverageCsv(timelines: TControlTimeline[]): string {
  return toCsv(
    ['control', 'coverage', 'exceptions', 'details'],
    timelines.map((t) => [
      t.controlCode,
      t.coverage,
      t.exceptions.length,
      t.exceptions.map((e) => `${e.kind} ${e.from}..${e.to}: ${e.detail}`).join(' | '),
    ]),
  );
}

export function daysCsv(timelines: TControlTimeline[]): string {
  return toCsv(
    ['control', 'date', 'tests', 'evidence'],
    timelines.flatMap((t) => t.days.map((d) => [t.controlCode, d.date, d.tests, d.evidence])),
  );
}
