import { auditPeriod, type TAudit } from '../../domain/audit/audit.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { TProgram, TReportType } from '../../domain/program.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The dates a report covers: an audit's when one is named, otherwise the program's. */
export interface TReportWindow {
  reportType: TReportType;
  /** Inclusive calendar dates (YYYY-MM-DD); both the as-of date for a Type 1. */
  from: string;
  to: string;
  source: 'program' | 'audit';
}

export function programWindow(program: TProgram): TReportWindow {
  if (program.reportType === 'type1' && program.asOf)
    return { reportType: 'type1', from: program.asOf, to: program.asOf, source: 'program' };
  if (program.window)
    return { reportType: 'type2', from: program.window.start, to: program.window.end, source: 'program' };
  throw new AttestlyError('INTERNAL', 'the program has neither an as-of date nor an observation window');
}

/** The program, and the window a report covers: the audit's (by id) when one is given, else the program's. */
export async function resolveReportWindow(
  deps: AppDeps,
  scope: OrgScope,
  auditId: string | null = null,
): Promise<{ program: TProgram; window: TReportWindow; audit: TAudit | null }> {
  const { repos } = deps.store;
  const program = await repos.programs.find(scope);
  if (!program) throw new AttestlyError('NOT_INITIALIZED', 'the organization has no SOC 2 program yet');
  if (auditId === null) return { program, window: programWindow(program), audit: null };
  const audit = UUID.test(auditId) ? await repos.audits.find(scope, auditId) : null;
  if (!audit) throw new AttestlyError('NOT_FOUND', 'no such audit');
  const { from, to } = auditPeriod(audit);
  if (!from || !to) throw new AttestlyError('INVALID_INPUT', 'the audit has no dates yet');
  return { program, window: { reportType: audit.reportType, from, to, source: 'audit' }, audit };
}
