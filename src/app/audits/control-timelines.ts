import type { TAudit } from '../../domain/audit/audit.ts';
import { auditPeriod } from '../../domain/audit/audit.ts';
import { periodBounds } from '../../domain/audit/audit-scope.ts';
import { buildControlTimelines, type TControlTimeline } from '../../domain/audit/timeline.ts';
import { toIsoDate } from '../../domain/dates.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

export type { TControlTimeline } from '../../domain/audit/timeline.ts';

/** The instants of an audit's period, both ends inclusive, as the repositories take them. */
export function auditRange(audit: TAudit): { from: Date; to: Date } {
  const { start, end } = periodBounds(auditPeriod(audit));
  return { from: start, to: new Date(end.getTime() - 1) };
}

/**
 * How every control in scope (all but those marked not applicable) operated on each day of the audit's
 * period up to today: monitoring results and runs, evidence validity, coverage and exceptions. Reads each
 * source once for the whole organization (controls, custom tests, integrations, transitions, run days,
 * evidence), never per control or per day.
 */
export async function controlTimelines(
  deps: AppDeps,
  scope: OrgScope,
  audit: TAudit,
): Promise<TControlTimeline[]> {
  const { repos } = deps.store;
  const range = auditRange(audit);
  const [controls, custom, integrations, transitions, runDays, evidence] = await Promise.all([
    repos.controls.list(scope),
    repos.customTests.list(scope),
    repos.monitoring.listIntegrations(scope),
    repos.timelineSources.transitions(scope, range),
    repos.timelineSources.runDays(scope, range),
    repos.timelineSources.evidenceValidity(scope),
  ]);
  const tests = new Map(
    [...deps.monitoring.library.tests, ...custom].map((t) => [
      t.id,
      { title: t.title, controls: t.controls },
    ]),
  );
  return buildControlTimelines({
    period: auditPeriod(audit),
    through: toIsoDate(deps.clock.now()),
    controls: controls
      .filter((c) => c.status !== 'not_applicable')
      .map((c) => ({ code: c.code, frequency: c.frequency })),
    tests,
    transitions,
    runDays,
    integrationNames: new Map(integrations.map((i) => [i.id, i.name])),
    evidence,
  });
}
