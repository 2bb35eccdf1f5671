import {
  checkAuditPeriod,
  checkFirm,
  checkFirmChecklist,
  firmChecklistOf,
  type TAudit,
  type TAuditPeriodInput,
} from '../../domain/audit/audit.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import type { TAuditInput } from './audit-input.ts';

/**
 * Records an audit in planning. Without a report type and dates, the audit covers what the organization's
 * program says (its Type 1 as-of date or its Type 2 window).
 */
export async function createAudit(
  deps: AppDeps,
  scope: OrgScope,
  input: TAuditInput & { firmName: string },
): Promise<TAudit> {
  const firm = checkFirm(input.firmName, input.contacts ?? []);
  const checklist = firmChecklistOf(checkFirmChecklist(input.firmChecklist ?? {}));
  return deps.store.transaction(async (repos) => {
    let period: TAuditPeriodInput;
    if (input.reportType !== undefined) period = { ...input, reportType: input.reportType };
    else {
      const program = await repos.programs.find(scope);
      if (!program)
        throw new AttestlyError(
          'INVALID_INPUT',
          'choose the report type and its dates: the organization has no program to take them from',
          { field: 'reportType' },
        );
      period = {
        reportType: program.reportType,
        asOfDate: program.asOf,
        windowStart: program.window?.start ?? null,
        windowEnd: program.window?.end ?? null,
      };
    }
    const audit: TAudit = {
      id: deps.newId(),
      ...firm,
      ...checkAuditPeriod(period),
      phase: 'planning',
      firmChecklist: checklist,
      version: 1,
    };
    await repos.audits.insert(scope, audit);
    await recordChange(repos, scope, deps, 'audit.created', { type: 'audit', id: audit.id }, { ...audit });
    return audit;
  });
}
