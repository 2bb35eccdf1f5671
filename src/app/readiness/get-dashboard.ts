import { CONTROL_STATUSES, type TControlStatus } from '../../domain/control.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { evidenceExpiry } from '../../domain/evidence-expiry.ts';
import { addDays, reportPeriod, type TReportPeriod } from '../../domain/report-period.ts';
import { controlMonitoring } from '../monitoring/control-monitoring.ts';
import type { AppDeps, OrgScope, TOrganization, TOverdueTask } from '../ports.ts';
import { listVendorWarnings, type TVendorWarningRow } from '../vendors/list-vendor-warnings.ts';
import { getReadiness, type TReadinessReport } from './get-readiness.ts';

/** How far back the dashboard's trend reaches. */
export const HISTORY_DAYS = 180;

export interface TExpiringEvidence {
  id: string;
  title: string;
  validUntil: string;
  expiry: 'expiring' | 'expired';
  controlCodes: string[];
}

export interface TDashboard {
  today: string;
  readiness: TReadinessReport;
  history: Array<{ day: string; overall: number | null; categories: Record<string, number | null> }>;
  overdueTasks: TOverdueTask[];
  expiringEvidence: TExpiringEvidence[];
  /** Vendors' SOC 2 reports expiring or missing, renewals and reviews due (domain/vendor.ts). */
  vendorWarnings: TVendorWarningRow[];
  period: TReportPeriod;
  counts: {
    controls: Record<TControlStatus, number>;
    openTasks: number;
    evidence: number;
    /** Distinct monitoring tests failing (or erring) on at least one resource. */
    failingTests: number;
    /** Controls whose monitoring fails. */
    failingControls: number;
  };
}

/**
 * Everything the dashboard shows, in one read: readiness now and over the last 180 days, what is late
 * (tasks past their due date, evidence that lapsed or is about to), and where the report period stands.
 */
export async function getDashboard(deps: AppDeps, org: TOrganization, scope: OrgScope): Promise<TDashboard> {
  const { repos } = deps.store;
  const today = toIsoDate(deps.clock.now());
  const readiness = await getReadiness(deps, org, scope, today);
  const [snapshots, overdueTasks, evidence, openTasks, monitoring, vendorWarnings] = await Promise.all([
    repos.readinessSnapshots.listSince(scope, addDays(today, -(HISTORY_DAYS - 1))),
    repos.tasks.listOverdue(scope, today),
    repos.evidence.list(scope),
    repos.tasks.list(scope),
    controlMonitoring(deps, scope),
    listVendorWarnings(deps, scope, today),
  ]);
  const controls = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as Record<TControlStatus, number>;
  for (const control of await repos.controls.list(scope)) controls[control.status] += 1;

  const expiringEvidence: TExpiringEvidence[] = [];
  for (const item of evidence) {
    const expiry = evidenceExpiry(item.validUntil, today);
    if (item.validUntil === null || expiry === 'valid') continue;
    if (expiry === 'expired' && item.controlCodes.length === 0) continue;
    expiringEvidence.push({
      id: item.id,
      title: item.title,
      validUntil: item.validUntil,
      expiry,
      controlCodes: item.controlCodes,
    });
  }
  expiringEvidence.sort((a, b) => a.validUntil.localeCompare(b.validUntil) || a.id.localeCompare(b.id));

  const failing = [...monitoring.values()].filter((m) => m.status === 'failing');
  return {
    today,
    readiness,
    history: snapshots.map((s) => ({ day: s.day, overall: s.overall, categories: s.categories })),
    overdueTasks,
    expiringEvidence,
    vendorWarnings,
    period: reportPeriod(readiness.program, today),
    counts: {
      controls,
      openTasks: openTasks.filter((t) => t.status !== 'done').length,
      evidence: evidence.length,
      failingTests: new Set(failing.flatMap((m) => m.failing.map((f) => f.testId))).size,
      failingControls: failing.length,
    },
  };
}
