import { toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import {
  type TOscalAssessmentResults,
  type TOscalSsp,
  ZOscalAssessmentResults,
  ZOscalSsp,
} from '../../domain/reports/oscal-schema.ts';
import { controlTimelines } from '../audits/control-timelines.ts';
import { controlMonitoring } from '../monitoring/control-monitoring.ts';
import type { AppDeps, OrgScope, TOrganization } from '../ports.ts';
import { assessProgram } from '../readiness/get-readiness.ts';
import { oscalContext } from './oscal-context.ts';
import { oscalAssessmentResults } from './oscal-results.ts';
import { oscalSsp } from './oscal-ssp.ts';

// OSCAL exports (NIST's Open Security Controls Assessment Language, JSON, version 1.1.x) of the SOC 2
// system: the System Security Plan and the Assessment Results of the period. UUIDs are derived from the
// organization and the object, so two exports of the same state are identical. Each export is checked
// against Attestly's zod reading of the OSCAL structure before it leaves (domain/reports/oscal-schema.ts).

export const OSCAL_KINDS = ['ssp', 'assessment-results'] as const;
export type TOscalKind = (typeof OSCAL_KINDS)[number];

function checked<T>(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, doc: T): T {
  const result = schema.safeParse(doc);
  if (!result.success)
    throw new AttestlyError(
      'INTERNAL',
      `the OSCAL export does not match its schema: ${String(result.error)}`,
    );
  return doc;
}

/** The System Security Plan for the program's period, or an audit's (by id). */
export async function exportOscalSsp(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  auditId: string | null = null,
): Promise<TOscalSsp> {
  return checked(ZOscalSsp, oscalSsp(await oscalContext(deps, org, scope, auditId)));
}

/** The Assessment Results for the program's period, or an audit's (by id), with its control timelines. */
export async function exportOscalAssessmentResults(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  auditId: string | null = null,
): Promise<TOscalAssessmentResults> {
  const ctx = await oscalContext(deps, org, scope, auditId);
  const today = toIsoDate(deps.clock.now());
  // The period's end, or today while it runs (dates as text: the earlier sorts first).
  const asOf = [ctx.window.to, today].sort()[0] ?? today;
  const [assessed, monitoring, evidence, timelines] = await Promise.all([
    assessProgram(deps, scope, asOf),
    controlMonitoring(deps, scope),
    deps.store.repos.evidence.validityByControl(scope),
    ctx.audit ? controlTimelines(deps, scope, ctx.audit) : Promise.resolve([]),
  ]);
  if (!assessed) throw new AttestlyError('NOT_INITIALIZED', 'the organization has no SOC 2 program yet');
  const doc = oscalAssessmentResults(ctx, {
    asOf,
    readiness: assessed,
    monitoring,
    evidence,
    timelines: timelines.map((t) => ({
      controlCode: t.controlCode,
      coverage: t.coverage,
      exceptions: t.exceptions,
    })),
  });
  return checked(ZOscalAssessmentResults, doc);
}
