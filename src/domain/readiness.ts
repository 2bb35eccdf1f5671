import {
  OWNER_ROLE_LABELS,
  type TCategory,
  type TCategoryId,
  type TCriterion,
  type TSeries,
} from './catalog-types.ts';
import type { TControl } from './control.ts';

// The gap assessment (journey step 4): for each in-scope criterion, which controls address it, whether
// they are implemented and evidenced, a status and a score; the same rolled up per series, category and
// overall. Pure: the date it is judged at and every fact are passed in.

export const READINESS_STATUSES = ['ready', 'partial', 'gap', 'not_applicable'] as const;
export type TReadinessStatus = (typeof READINESS_STATUSES)[number];

export interface TEvidenceValidity {
  validFrom: string;
  validUntil: string | null;
}

/** What continuous monitoring says of a control: every mapped test passes, or some fail (and where). */
export interface TControlMonitoring {
  status: 'passing' | 'failing';
  failing: Array<{ testId: string; title: string; resourceName: string; reason: string }>;
}

export interface TReadinessControl extends TControl {
  evidence: TEvidenceValidity[];
  monitoring?: TControlMonitoring | undefined;
}

export interface TReadinessInput {
  asOf: string;
  categories: TCategory[];
  series: TSeries[];
  criteria: TCriterion[];
  scope: TCategoryId[];
  exclusions: ReadonlyMap<string, string>;
  controls: TReadinessControl[];
}

export interface TCriterionReadiness {
  id: string;
  category: TCategoryId;
  series: string;
  status: TReadinessStatus;
  score: number | null;
  notApplicableReason: string | null;
  controls: { total: number; applicable: number; implemented: number; evidenced: number };
  controlCodes: string[];
}

export interface TRollup {
  id: string;
  name: string;
  status: TReadinessStatus;
  score: number | null;
  criteria: Record<TReadinessStatus, number>;
}

export interface TGap {
  criterionId: string;
  status: 'partial' | 'gap';
  score: number;
  controlCode: string | null;
  nextAction: string;
}

export interface TReadiness {
  asOf: string;
  overall: Omit<TRollup, 'id' | 'name'>;
  categories: TRollup[];
  series: TRollup[];
  criteria: TCriterionReadiness[];
  gaps: TGap[];
}

export function hasValidEvidence(evidence: TEvidenceValidity[], asOf: string): boolean {
  return evidence.some((e) => e.validFrom <= asOf && (e.validUntil === null || e.validUntil >= asOf));
}

function latestExpiry(evidence: TEvidenceValidity[], asOf: string): string | null {
  const expired = evidence.map((e) => e.validUntil).filter((d): d is string => d !== null && d < asOf);
  return expired.sort().at(-1) ?? null;
}

/**
 * Evidence that the control operates: its automated tests, when it has any, decide (a failing test outweighs
 * any uploaded file); otherwise a file valid on the date.
 */
export function isEvidenced(control: TReadinessControl, asOf: string): boolean {
  if (control.monitoring) return control.monitoring.status === 'passing';
  return hasValidEvidence(control.evidence, asOf);
}

/** Half the weight is putting the control in place, half is having current evidence that it operates. */
function controlProgress(control: TReadinessControl, asOf: string): number {
  const implementation = control.status === 'implemented' ? 1 : control.status === 'in_progress' ? 0.5 : 0;
  return implementation * 0.5 + (isEvidenced(control, asOf) ? 0.5 : 0);
}

function nextActionFor(control: TReadinessControl, asOf: string): string {
  const owner = control.ownerEmail
    ? `owner ${control.ownerEmail}`
    : `no owner yet: usually the ${OWNER_ROLE_LABELS[control.ownerRole]}`;
  const name = `${control.code} "${control.title}"`;
  if (control.status === 'not_started') return `Start implementing ${name} (${owner})`;
  if (control.status === 'in_progress') return `Finish implementing ${name} (${owner})`;
  const [first, ...more] = control.monitoring?.status === 'failing' ? control.monitoring.failing : [];
  if (first) {
    const others = more.length > 0 ? ` and ${more.length} more` : '';
    return `Fix ${control.code}: "${first.title}" fails on ${first.resourceName}${others}`;
  }
  const expired = latestExpiry(control.evidence, asOf);
  if (expired) return `Renew the evidence for ${name}: the latest expired on ${expired}`;
  return `Add evidence that ${name} operates`;
}

function assessCriterion(
  criterion: TCriterion,
  controls: TReadinessControl[],
  exclusion: string | undefined,
  asOf: string,
): { readiness: TCriterionReadiness; gap: TGap | null } {
  const applicable = controls.filter((c) => c.status !== 'not_applicable');
  const evidenced = applicable.filter((c) => isEvidenced(c, asOf));
  const counts = {
    total: controls.length,
    applicable: applicable.length,
    implemented: applicable.filter((c) => c.status === 'implemented').length,
    evidenced: evidenced.length,
  };
  const base = {
    id: criterion.id,
    category: criterion.category,
    series: criterion.series,
    controls: counts,
    controlCodes: controls.map((c) => c.code),
  };
  if (exclusion !== undefined) {
    return {
      readiness: { ...base, status: 'not_applicable', score: null, notApplicableReason: exclusion },
      gap: null,
    };
  }
  if (applicable.length === 0) {
    const nextAction =
      controls.length === 0
        ? `No control addresses ${criterion.id}: adopt one from the library or write one`
        : `Every control for ${criterion.id} is marked not applicable: add a control, or mark the criterion not applicable with a reason`;
    return {
      readiness: { ...base, status: 'gap', score: 0, notApplicableReason: null },
      gap: { criterionId: criterion.id, status: 'gap', score: 0, controlCode: null, nextAction },
    };
  }
  const progress = applicable.map((c) => controlProgress(c, asOf));
  const score = Math.round((progress.reduce((a, b) => a + b, 0) / applicable.length) * 100);
  const status: TReadinessStatus = progress.every((p) => p === 1) ? 'ready' : score === 0 ? 'gap' : 'partial';
  const readiness: TCriterionReadiness = { ...base, status, score, notApplicableReason: null };
  if (status === 'ready') return { readiness, gap: null };
  const first = applicable.find((_control, i) => progress[i] !== 1);
  return {
    readiness,
    gap: {
      criterionId: criterion.id,
      status,
      score,
      controlCode: first?.code ?? null,
      nextAction: first ? nextActionFor(first, asOf) : '',
    },
  };
}

function rollUp(items: TCriterionReadiness[]): Omit<TRollup, 'id' | 'name'> {
  const criteria: Record<TReadinessStatus, number> = { ready: 0, partial: 0, gap: 0, not_applicable: 0 };
  for (const item of items) criteria[item.status] += 1;
  const scored = items.filter((i) => i.score !== null);
  if (scored.length === 0) return { status: 'not_applicable', score: null, criteria };
  const score = Math.round(scored.reduce((sum, i) => sum + (i.score ?? 0), 0) / scored.length);
  const status: TReadinessStatus =
    criteria.ready === scored.length ? 'ready' : criteria.gap === scored.length ? 'gap' : 'partial';
  return { status, score, criteria };
}

/** Assesses readiness of every criterion in scope, in catalog order. */
export function assessReadiness(input: TReadinessInput): TReadiness {
  const inScope = input.criteria.filter((c) => input.scope.includes(c.category));
  const byCriterion = new Map<string, TReadinessControl[]>();
  for (const control of [...input.controls].sort((a, b) => a.code.localeCompare(b.code, 'en'))) {
    for (const id of control.criteria) byCriterion.set(id, [...(byCriterion.get(id) ?? []), control]);
  }
  const criteria: TCriterionReadiness[] = [];
  const gaps: TGap[] = [];
  for (const criterion of inScope) {
    const { readiness, gap } = assessCriterion(
      criterion,
      byCriterion.get(criterion.id) ?? [],
      input.exclusions.get(criterion.id),
      input.asOf,
    );
    criteria.push(readiness);
    if (gap) gaps.push(gap);
  }
  const categories = input.categories
    .filter((c) => input.scope.includes(c.id))
    .map((c) => ({ id: c.id, name: c.name, ...rollUp(criteria.filter((r) => r.category === c.id)) }));
  const series = input.series
    .filter((s) => input.scope.includes(s.category))
    .map((s) => ({ id: s.id, name: s.name, ...rollUp(criteria.filter((r) => r.series === s.id)) }));
  return { asOf: input.asOf, overall: rollUp(criteria), categories, series, criteria, gaps };
}
