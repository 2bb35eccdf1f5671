import type { TOutcome, TOutcomeStatus } from './model.ts';

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

export const pairKey = (testId: string, resourceId: string) => `${testId}\u0000${resourceId}`;

/** Transitions from the previous state to this run's outcomes; unchanged pairs produce nothing. */
export function diffOutcomes(
  previous: ReadonlyMap<string, TPairState>,
  outcomes: readonly TOutcome[],
): TTransition[] {
  const transitions: TTransition[] = [];
  const seen = new Set<string>();
  for (const outcome of outcomes) {
    const key = pairKey(outcome.testId, outcome.resourceId);
    seen.add(key);
    const before = previous.get(key);
    if (!before) transitions.push({ kind: 'new', outcome });
    else if (before.status !== outcome.status)
      transitions.push({ kind: 'changed', outcome, from: before.status });
  }
  for (const [key, state] of previous) {
    if (!seen.has(key))
      transitions.push({
        kind: 'gone',
        testId: state.testId,
        resourceId: state.resourceId,
        from: state.status,
      });
  }
  return transitions;
}
