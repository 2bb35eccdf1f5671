import type { TEvaluationContext, TOutcome, TResource, TTestDefinition } from './model.ts';

/**
 * Runs every test over every resource of its type. A test that throws judges that resource `error`
 * (with the message), never `pass`: a broken test must not look like a green one.
 */
export function evaluateInventory(
  resources: readonly TResource[],
  tests: readonly TTestDefinition[],
  context: TEvaluationContext,
): TOutcome[] {
  const byType = new Map<string, TResource[]>();
  for (const resource of resources) {
    const list = byType.get(resource.type);
    if (list) list.push(resource);
    else byType.set(resource.type, [resource]);
  }
  const outcomes: TOutcome[] = [];
  for (const test of tests) {
    for (const resource of byType.get(test.resourceType) ?? []) {
      let verdict: ReturnType<TTestDefinition['evaluate']>;
      try {
        verdict = test.evaluate(resource, context);
      } catch (error) {
        verdict = { status: 'error', reason: `the test failed: ${(error as Error).message}`, fields: {} };
      }
      outcomes.push({
        ...verdict,
        testId: test.id,
        resourceType: resource.type,
        resourceId: resource.id,
        resourceName: resource.name,
      });
    }
  }
  return outcomes;
}

export interface TSummary {
  resources: number;
  outcomes: number;
  pass: number;
  fail: number;
  not_applicable: number;
  error: number;
}

export function summarize(resources: number, outcomes: readonly TOutcome[]): TSummary {
  const summary: TSummary = {
    resources,
    outcomes: outcomes.length,
    pass: 0,
    fail: 0,
    not_applicable: 0,
    error: 0,
  };
  for (const outcome of outcomes) summary[outcome.status] += 1;
  return summary;
}
