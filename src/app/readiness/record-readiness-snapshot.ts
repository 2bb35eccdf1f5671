import { CONTROL_STATUSES } from '../../domain/control.ts';
import { parseIsoDate, toIsoDate } from '../../domain/dates.ts';
import type { AppDeps, OrgScope, TReadinessSnapshot } from '../ports.ts';
import { assessProgram } from './get-readiness.ts';

/**
 * Writes the organization's readiness for a day (today by the clock, or a given past day for a seeder) into
 * the trend the dashboard draws; a second write the same day replaces the first. Returns null, writing
 * nothing, while the organization has no program. Call it after the change commits, so it sees the change.
 */
export async function recordReadinessSnapshot(
  deps: AppDeps,
  scope: OrgScope,
  day?: string,
): Promise<TReadinessSnapshot | null> {
  const asOf = day === undefined ? toIsoDate(deps.clock.now()) : parseIsoDate(day, 'snapshot day');
  const assessed = await assessProgram(deps, scope, asOf);
  if (!assessed) return null;
  const controls: Record<string, number> = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0]));
  for (const control of await deps.store.repos.controls.list(scope))
    controls[control.status] = (controls[control.status] ?? 0) + 1;
  const snapshot: TReadinessSnapshot = {
    day: asOf,
    overall: assessed.overall.score,
    categories: Object.fromEntries(assessed.categories.map((c) => [c.id, c.score])),
    counts: { criteria: { ...assessed.overall.criteria }, controls, gaps: assessed.gaps.length },
  };
  await deps.store.repos.readinessSnapshots.upsert(scope, snapshot, deps.clock.now());
  return snapshot;
}
