import type { TCategoryId } from '../../domain/catalog-types.ts';
import { toIsoDate } from '../../domain/dates.ts';
import type { TComponentKind, TReportType } from '../../domain/program.ts';
import type { TGap, TReadinessStatus, TRollup } from '../../domain/readiness.ts';
import { addDays } from '../../domain/report-period.ts';
import { controlMonitoring } from '../monitoring/control-monitoring.ts';
import type { AppDeps, OrgScope, TOrganization } from '../ports.ts';
import { getReadiness } from '../readiness/get-readiness.ts';

// The readiness report (journey step 4, for leadership and the auditor's first look): the gap assessment
// of getReadiness with its history and what monitoring says, as plain data. Renderers (the PDF) draw it;
// the golden test keeps it as JSON, so a change to what the report says shows in review.

/** How far back the report's trend reaches. */
export const REPORT_HISTORY_DAYS = 365;

export interface TReadinessReportModel {
  organization: { slug: string; name: string };
  /** When the report was made (ISO instant); the PDF's metadata dates too, so one model gives one file. */
  generatedAt: string;
  asOf: string;
  program: {
    reportType: TReportType;
    asOf: string | null;
    window: { start: string; end: string } | null;
    categories: Array<{ id: TCategoryId; name: string }>;
    componentKinds: TComponentKind[];
    components: Array<{ kind: TComponentKind; name: string }>;
  };
  overall: { status: TReadinessStatus; score: number | null; criteria: Record<TReadinessStatus, number> };
  categories: TRollup[];
  criteria: Array<{
    id: string;
    series: string;
    seriesName: string;
    category: TCategoryId;
    /** Attestly's own summary of the criterion. */
    topic: string;
    status: TReadinessStatus;
    score: number | null;
    notApplicableReason: string | null;
    controls: { total: number; applicable: number; implemented: number; evidenced: number };
    controlCodes: string[];
  }>;
  gaps: TGap[];
  history: Array<{ day: string; overall: number | null; categories: Record<string, number | null> }>;
  monitoring: {
    integrations: Array<{
      name: string;
      type: string;
      status: string;
      enabled: boolean;
      lastRunAt: string | null;
    }>;
    /** Controls whose tests all pass, controls with a failing test, in-scope controls no test covers. */
    controls: { passing: number; failing: number; untested: number };
    failing: Array<{
      controlCode: string;
      tests: Array<{ testId: string; title: string; resources: number }>;
    }>;
  };
}

/** Builds the readiness report of an organization as of a date (today by default). */
export async function buildReadinessReport(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  asOf: string = toIsoDate(deps.clock.now()),
): Promise<TReadinessReportModel> {
  const { repos } = deps.store;
  const readiness = await getReadiness(deps, org, scope, asOf);
  const [components, snapshots, integrations, monitoring, controls] = await Promise.all([
    repos.components.list(scope),
    repos.readinessSnapshots.listSince(scope, addDays(asOf, -(REPORT_HISTORY_DAYS - 1))),
    repos.monitoring.listIntegrations(scope),
    controlMonitoring(deps, scope),
    repos.controls.list(scope),
  ]);
  const catalogCriteria = new Map(deps.catalog.criteria.map((c) => [c.id, c]));
  const seriesNames = new Map(deps.catalog.series.map((s) => [s.id, s.name]));
  const categoryNames = new Map(deps.catalog.categories.map((c) => [c.id, c.name]));

  // Controls that count: applicable and mapped to a criterion in scope.
  const inScope = new Set(readiness.criteria.map((c) => c.id));
  const counted = controls.filter(
    (c) => c.status !== 'not_applicable' && c.criteria.some((id) => inScope.has(id)),
  );
  const failing = counted
    .map((c) => ({ code: c.code, monitoring: monitoring.get(c.code) }))
    .filter((c) => c.monitoring?.status === 'failing')
    .map((c) => {
      const tests = new Map<string, { testId: string; title: string; resources: number }>();
      for (const f of c.monitoring?.failing ?? []) {
        const test = tests.get(f.testId) ?? { testId: f.testId, title: f.title, resources: 0 };
        test.resources += 1;
        tests.set(f.testId, test);
      }
      return {
        controlCode: c.code,
        tests: [...tests.values()].sort((a, b) => a.testId.localeCompare(b.testId, 'en')),
      };
    })
    .sort((a, b) => a.controlCode.localeCompare(b.controlCode, 'en'));

  const { program } = readiness;
  return {
    organization: readiness.organization,
    generatedAt: deps.clock.now().toISOString(),
    asOf,
    program: {
      reportType: program.reportType,
      asOf: program.asOf,
      window: program.window,
      categories: program.categories.map((id) => ({ id, name: categoryNames.get(id) ?? id })),
      componentKinds: program.componentKinds,
      components: [...components].sort(
        (a, b) => a.kind.localeCompare(b.kind, 'en') || a.name.localeCompare(b.name, 'en'),
      ),
    },
    overall: readiness.overall,
    categories: readiness.categories,
    criteria: readiness.criteria.map((c) => ({
      id: c.id,
      series: c.series,
      seriesName: seriesNames.get(c.series) ?? c.series,
      category: c.category,
      topic: catalogCriteria.get(c.id)?.summary ?? '',
      status: c.status,
      score: c.score,
      notApplicableReason: c.notApplicableReason,
      controls: c.controls,
      controlCodes: c.controlCodes,
    })),
    gaps: readiness.gaps,
    history: snapshots
      .filter((s) => s.day <= asOf)
      .map((s) => ({ day: s.day, overall: s.overall, categories: s.categories })),
    monitoring: {
      integrations: integrations
        .map((i) => ({
          name: i.name,
          type: i.type,
          status: i.status,
          enabled: i.enabled,
          lastRunAt: i.lastRunAt ? i.lastRunAt.toISOString() : null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en')),
      controls: {
        passing: counted.filter((c) => monitoring.get(c.code)?.status === 'passing').length,
        failing: failing.length,
        untested: counted.filter((c) => !monitoring.has(c.code)).length,
      },
      failing,
    },
  };
}
