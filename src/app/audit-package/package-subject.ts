import { auditPeriod, type TAudit } from '../../domain/audit/audit.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

// What a package covers: one audit and its period, or, without an audit, the program's as-of date (Type 1)
// or observation window (Type 2).

export interface TPackageSubject {
  /** The audit the package is for; null when it covers the program's period. */
  audit: TAudit | null;
  /** The audit, or the program's period in the shape of one, for the control timelines. */
  timelineAudit: TAudit;
  /** Inclusive calendar dates. */
  period: { from: string; to: string };
  /** The period as instants: from the first millisecond of `from` to the last of `to` (UTC). */
  range: { from: Date; to: Date };
}

function rangeOf(period: { from: string; to: string }) {
  return { from: new Date(`${period.from}T00:00:00.000Z`), to: new Date(`${period.to}T23:59:59.999Z`) };
}

export async function packageSubject(
  deps: Pick<AppDeps, 'store'>,
  scope: OrgScope,
  auditId: string | undefined,
): Promise<TPackageSubject> {
  if (auditId !== undefined) {
    const audit = await deps.store.repos.audits.find(scope, auditId);
    if (!audit) throw new AttestlyError('NOT_FOUND', `no audit ${auditId} in this organization`);
    const period = auditPeriod(audit);
    return { audit, timelineAudit: audit, period, range: rangeOf(period) };
  }
  const program = await deps.store.repos.programs.find(scope);
  if (!program) throw new AttestlyError('NOT_INITIALIZED', 'the organization has no SOC 2 program yet');
  const period = program.window
    ? { from: program.window.start, to: program.window.end }
    : { from: program.asOf ?? '', to: program.asOf ?? '' };
  if (!period.from || !period.to)
    throw new AttestlyError('NOT_INITIALIZED', 'the program has neither an as-of date nor a window');
  const timelineAudit: TAudit = {
    id: '',
    firmName: '',
    contacts: [],
    reportType: program.reportType,
    asOfDate: program.window ? null : period.from,
    windowStart: program.window ? period.from : null,
    windowEnd: program.window ? period.to : null,
    phase: 'planning',
    firmChecklist: {},
    version: 0,
  };
  return { audit: null, timelineAudit, period, range: rangeOf(period) };
}
