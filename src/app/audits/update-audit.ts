import {
  checkAuditPeriod,
  checkFirm,
  checkFirmChecklist,
  firmChecklistOf,
  type TAudit,
} from '../../domain/audit/audit.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { getAudit, type TAuditInput } from './audit-input.ts';

/**
 * Changes an audit's firm, contacts, dates or firm checklist at the version the caller edited. A checklist
 * change names only the items it changes.
 */
export async function updateAudit(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  expectedVersion: number,
  input: TAuditInput,
): Promise<TAudit> {
  return deps.store.transaction(async (repos) => {
    const before = await getAudit(repos, scope, id);
    const firm = checkFirm(input.firmName ?? before.firmName, input.contacts ?? before.contacts);
    const reportType = input.reportType ?? before.reportType;
    // Switching the report type drops the other type's dates unless new ones are given.
    const keep = reportType === before.reportType;
    const period = checkAuditPeriod({
      reportType,
      asOfDate: input.asOfDate !== undefined ? input.asOfDate : keep ? before.asOfDate : null,
      windowStart: input.windowStart !== undefined ? input.windowStart : keep ? before.windowStart : null,
      windowEnd: input.windowEnd !== undefined ? input.windowEnd : keep ? before.windowEnd : null,
    });
    const change = checkFirmChecklist(input.firmChecklist ?? {});
    const firmChecklist = firmChecklistOf(before.firmChecklist);
    for (const [key, item] of Object.entries(change)) {
      const current = firmChecklist[key as keyof typeof firmChecklist];
      firmChecklist[key as keyof typeof firmChecklist] = {
        done: item.done ?? current.done,
        note: item.note !== undefined ? item.note.trim() : current.note,
      };
    }
    const after: TAudit = { ...before, ...firm, ...period, firmChecklist, version: expectedVersion + 1 };
    if (!(await repos.audits.update(scope, after, expectedVersion, deps.clock.now()))) {
      throw new AttestlyError(
        'CONFLICT',
        `the audit changed since version ${expectedVersion} (now ${before.version}); reload and try again`,
        { currentVersion: before.version },
      );
    }
    await recordChange(repos, scope, deps, 'audit.updated', { type: 'audit', id }, { before, after });
    return after;
  });
}
