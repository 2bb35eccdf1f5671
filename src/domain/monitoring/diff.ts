import { forEachVerdict, groupByType, type TSummary, toOutcome } from './evaluate.ts';
import type { TEvaluationContext, TOutcome, TOutcomeStatus, TResource, TTestDefinition } from './model.ts';

// A run keeps only what changed. The state of a (test, resource) pair is its status, since when, and when
// it was last seen; a run compares its outcomes with the stored state and writes transitions: new pairs,
// changed statuses, and pairs whose resource has gone.

export interface TPairState {
  testId: string;
  resourceId: string;
  status: TOutcomeStatus;
  reason: string;
  since: Date;
}

export type TTransition =
  | { kind: 'new'; outcome: TOutcome }
  | { kind: 'changed'; outcome: TOutcome; from: TOutcomeStatus }
  | { kind: 'gone'; testId: string; resourceId: string; from: TOutcomeStatus };

/**
 * The stored states by test id, then resource id. Nested rather than keyed by a joined string: a run of a
 * million pairs would otherwise build (and hash) a million new key strings twice over.
 */
export type TStateIndex<S extends TPairState = TPairState> = ReadonlyMap<string, ReadonlyMap<string, S>>;

export function indexStates<S extends TPairState>(states: Iterable<S>): Map<string, Map<string, S>> {
  const index = new Map<string, Map<string, S>>();
  for (const state of states) {
    const byResource = index.get(state.testId);
    if (byResource) byResource.set(state.resourceId, state);
    else index.set(state.testId, new Map([[state.resourceId, state]]));
  }
  return index;
}

const EMPTY = new Map<string, never>();

/** Transitions from the previous state to this run's outcomes; unchanged pairs produce nothing. */
export function diffOutcomes(previous: TStateIndex, outcomes: readonly TOutcome[]): TTransition[] {
  const transitions: TTransition[] = [];
  const seen = new Map<string, Set<string>>();
  // Outcomes come grouped by test, so the per-test lookups are done once per group, not once per outcome.
  let testId: string | undefined;
  let before: ReadonlyMap<string, TPairState> = EMPTY;
  let seenOfTest = new Set<string>();
  for (const outcome of outcomes) {
    if (outcome.testId !== testId) {
      testId = outcome.testId;
      before = previous.get(testId) ?? EMPTY;
      seenOfTest = seen.get(testId) ?? new Set();
      seen.set(testId, seenOfTest);
    }
    seenOfTest.add(outcome.resourceId);
    const state = before.get(outcome.resourceId);
    if (!state) transitions.push({ kind: 'new', outcome });
    else if (state.status !== outcome.status)
      transitions.push({ kind: 'changed', outcome, from: state.status });
  }
  for (const [id, states] of previous) pushGone(transitions, states, seen.get(id));
  return transitions;
}

function pushGone(
  transitions: TTransition[],
  states: ReadonlyMap<string, TPairState>,
  present: ReadonlySet<string> | undefined,
): void {
  for (const [resourceId, state] of states) {
    if (!present?.has(resourceId))
      transitions.push({ kind: 'gone', testId: state.testId, resourceId, from: state.status });
  }
}

export interface TJudgedRun {
  summary: TSummary;
  transitions: TTransition[];
}

/**
 * evaluateInventory then diffOutcomes in one pass, keeping only the counts and the transitions: a run of a
 * large inventory never holds an outcome for every pair, only for the pairs it must write. Same result as
 * the two steps: `summarize(n, outcomes)` and `diffOutcomes(previous, outcomes)`.
 */
export function judgeRun(
  resources: readonly TResource[],
  tests: readonly TTestDefinition[],
  context: TEvaluationContext,
  previous: TStateIndex,
): TJudgedRun {
  const summary: TSummary = {
    resources: resources.length,
    outcomes: 0,
    pass: 0,
    fail: 0,
    not_applicable: 0,
    error: 0,
  };
  const transitions: TTransition[] = [];
  let testId: string | undefined;
  let before: ReadonlyMap<string, TPairState> = EMPTY;
  const byType = groupByType(resources);
  forEachVerdict(byType, tests, context, (test, resource, verdict) => {
    summary.outcomes += 1;
    summary[verdict.status] += 1;
    if (test.id !== testId) {
      testId = test.id;
      before = previous.get(testId) ?? EMPTY;
    }
    const state = before.get(resource.id);
    if (state && state.status === verdict.status) return;
    const outcome = toOutcome(test, resource, verdict);
    transitions.push(state ? { kind: 'changed', outcome, from: state.status } : { kind: 'new', outcome });
  });
  // Every test judges every resource of its type, so a pair was seen exactly when its test ran and a
  // resource of the test's type has its id: no per-pair bookkeeping is needed to find the gone ones.
  const typesOf = new Map<string, string[]>();
  for (const test of tests) typesOf.set(test.id, [...(typesOf.get(test.id) ?? []), test.resourceType]);
  const idsOf = new Map<string, Set<string>>();
  const idsOfType = (type: string) => {
    let ids = idsOf.get(type);
    if (!ids) {
      ids = new Set((byType.get(type) ?? []).map((r) => r.id));
      idsOf.set(type, ids);
    }
    return ids;
  };
  for (const [id, states] of previous) {
    const types = typesOf.get(id) ?? [];
    if (types.length === 1) pushGone(transitions, states, idsOfType(types[0] as string));
    else pushGone(transitions, states, new Set(types.flatMap((type) => [...idsOfType(type)])));
  }
  return { summary, transitions };
}
