import type { TEvaluationContext, TOutcome, TResource, TTestDefinition, TVerdict } from './model.ts';

/** The resources of each type, in inventory order. */
export function groupByType(resources: readonly TResource[]): Map<string, TResource[]> {
  const byType = new Map<string, TResource[]>();
  for (const resource of resources) {
    const list = byType.get(resource.type);
    if (list) list.push(resource);
    else byType.set(resource.type, [resource]);
  }
  return byType;
}

/**
 * Runs every test over every resource of its type (grouped by groupByType), test by test, and hands each
 * verdict to `visit`. A test that throws judges that resource `error` (with the message), never `pass`: a
 * broken test must not look like a green one.
 */
export function forEachVerdict(
  byType: ReadonlyMap<string, readonly TResource[]>,
  tests: readonly TTestDefinition[],
  context: TEvaluationContext,
  visit: (test: TTestDefinition, resource: TResource, verdict: TVerdict) => void,
): void {
  for (const test of tests) {
    const list = byType.get(test.resourceType);
    if (!list) continue;
    for (const resource of list) {
      let verdict: TVerdict;
      try {
        verdict = test.evaluate(resource, context);
      } catch (error) {
        verdict = { status: 'error', reason: `the test failed: ${(error as Error).message}`, fields: {} };
      }
      visit(test, resource, verdict);
    }
  }
}

/** Every test over every resource of its type: one outcome per (test, resource) pair. */
export function evaluateInventory(
  resources: readonly TResource[],
  tests: readonly TTestDefinition[],
  context: TEvaluationContext,
): TOutcome[] {
  const byType = groupByType(resources);
  // Sized once: an array of millions of outcomes grown by push would be copied again and again.
  let count = 0;
  for (const test of tests) count += byType.get(test.resourceType)?.length ?? 0;
  const outcomes = new Array<TOutcome>(count);
  let next = 0;
  forEachVerdict(byType, tests, context, (test, resource, verdict) => {
    outcomes[next++] = toOutcome(test, resource, verdict);
  });
  return outcomes;
}

/** One literal of a fixed shape (not a spread of the verdict): cheaper to build and to keep. */
export function toOutcome(test: TTestDefinition, resource: TResource, verdict: TVerdict): TOutcome {
  return {
    status: verdict.status,
    reason: verdict.reason,
    fields: verdict.fields,
    testId: test.id,
    resourceType: resource.type,
    resourceId: resource.id,
    resourceName: resource.name,
  };
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
