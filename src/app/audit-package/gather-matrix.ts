import type { TMatrixCriterion, TMatrixTest } from '../../domain/audit-package/control-matrix.ts';
import type { TControl } from '../../domain/control.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { assessProgram } from '../readiness/get-readiness.ts';

// The control matrix's criteria and tests: the readiness of each criterion in scope as of the period's last
// judged day, and every test that judged a resource of the organization (or that it wrote), with its
// current results and the organization's controls it is mapped to.

export async function matrixCriteria(
  deps: AppDeps,
  scope: OrgScope,
  asOf: string,
): Promise<TMatrixCriterion[]> {
  const assessed = await assessProgram(deps, scope, asOf);
  const catalog = new Map(deps.catalog.criteria.map((c) => [c.id, c]));
  return (assessed?.criteria ?? []).map((c) => ({
    id: c.id,
    category: c.category,
    series: c.series,
    summary: catalog.get(c.id)?.summary ?? '',
    status: c.status,
    score: c.score,
    notApplicableReason: c.notApplicableReason,
  }));
}

export async function matrixTests(
  deps: AppDeps,
  scope: OrgScope,
  controls: TControl[],
): Promise<TMatrixTest[]> {
  const [custom, states] = await Promise.all([
    deps.store.repos.customTests.list(scope),
    deps.store.repos.monitoring.states(scope),
  ]);
  const codes = new Set(controls.map((c) => c.code));
  const tests = new Map<string, TMatrixTest>();
  const add = (
    t: { id: string; title: string; resourceType: string; severity: string; controls: string[] },
    source: TMatrixTest['source'],
  ) =>
    tests.set(t.id, {
      id: t.id,
      title: t.title,
      source,
      resourceType: t.resourceType,
      severity: t.severity,
      controls: t.controls.filter((code) => codes.has(code)),
      passing: 0,
      failing: 0,
      errors: 0,
      notApplicable: 0,
    });
  const library = new Map(deps.monitoring.library.tests.map((t) => [t.id, t]));
  for (const test of custom) add(test, 'custom');
  for (const state of states) {
    let test = tests.get(state.testId);
    if (!test) {
      const definition = library.get(state.testId);
      if (!definition) continue;
      add(definition, 'built-in');
      test = tests.get(state.testId);
    }
    if (!test) continue;
    if (state.status === 'pass') test.passing += 1;
    else if (state.status === 'fail') test.failing += 1;
    else if (state.status === 'error') test.errors += 1;
    else test.notApplicable += 1;
  }
  return [...tests.values()].filter((t) => t.controls.length > 0);
}
