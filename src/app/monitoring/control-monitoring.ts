import type { TControlMonitoring } from '../../domain/readiness.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

/**
 * What the latest results say of each control: failing when any mapped test fails or errs on any resource,
 * passing when at least one passes and none fails. Controls without results are left out.
 */
export async function controlMonitoring(
  deps: AppDeps,
  scope: OrgScope,
): Promise<Map<string, TControlMonitoring>> {
  const custom = await deps.store.repos.customTests.list(scope);
  const tests = new Map([...deps.monitoring.library.tests, ...custom].map((t) => [t.id, t]));
  const result = new Map<string, TControlMonitoring>();
  for (const state of await deps.store.repos.monitoring.states(scope)) {
    const test = tests.get(state.testId);
    if (!test || state.status === 'not_applicable') continue;
    for (const code of test.controls) {
      const entry = result.get(code) ?? { status: 'passing', failing: [] };
      if (state.status === 'fail' || state.status === 'error') {
        entry.status = 'failing';
        entry.failing.push({
          testId: test.id,
          title: test.title,
          resourceName: state.resourceName,
          reason: state.reason,
        });
      }
      result.set(code, entry);
    }
  }
  return result;
}
