import { toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { TProgram } from '../../domain/program.ts';
import { assessReadiness, type TReadiness } from '../../domain/readiness.ts';
import { controlMonitoring } from '../monitoring/control-monitoring.ts';
import type { AppDeps, OrgScope, TOrganization } from '../ports.ts';

export interface TReadinessReport extends TReadiness {
  organization: { slug: string; name: string };
  program: TProgram;
}

/** The gap assessment of an organization's program as of a date (today by default). */
export async function getReadiness(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  asOf: string = toIsoDate(deps.clock.now()),
): Promise<TReadinessReport> {
  const assessed = await assessProgram(deps, scope, asOf);
  if (!assessed)
    throw new AttestlyError('NOT_INITIALIZED', `organization "${org.slug}" has no SOC 2 program yet`);
  return { organization: { slug: org.slug, name: org.name }, ...assessed };
}

/** The program and its gap assessment as of a date, or null when the organization has no program yet. */
export async function assessProgram(
  deps: AppDeps,
  scope: OrgScope,
  asOf: string,
): Promise<(TReadiness & { program: TProgram }) | null> {
  const { repos } = deps.store;
  const program = await repos.programs.find(scope);
  if (!program) return null;
  const [controls, validity, exclusions, monitoring] = await Promise.all([
    repos.controls.list(scope),
    repos.evidence.validityByControl(scope),
    repos.exclusions.list(scope),
    controlMonitoring(deps, scope),
  ]);
  const readiness = assessReadiness({
    asOf,
    categories: deps.catalog.categories,
    series: deps.catalog.series,
    criteria: deps.catalog.criteria,
    scope: program.categories,
    exclusions,
    controls: controls.map((c) => ({
      ...c,
      evidence: validity.get(c.id) ?? [],
      monitoring: monitoring.get(c.code),
    })),
  });
  return { program, ...readiness };
}
