import { nextRequestRef } from '../../domain/audit/audit-request.ts';
import { readRequestList, type TRequestListProblem } from '../../domain/audit/request-list.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TNewAuditRequest } from '../ports.ts';
import { getAudit } from './audit-input.ts';

/**
 * Imports the firm's request list (CSV: ref,title,description,control,criterion,due_date) into an audit.
 * All or nothing: any bad row (unknown control or criterion, a reference the audit has, a bad date) refuses
 * the whole list, with every problem and its line number in the error's details.
 */
export async function importRequestList(
  deps: AppDeps,
  scope: OrgScope,
  auditId: string,
  csv: string,
): Promise<{ imported: number }> {
  const { rows, problems } = readRequestList(csv);
  const refuse = (all: TRequestListProblem[]) =>
    new AttestlyError(
      'INVALID_INPUT',
      `the request list has ${all.length} bad row${all.length === 1 ? '' : 's'}; nothing was imported. ${all
        .slice(0, 5)
        .map((p) => `Line ${p.line}: ${p.message}.`)
        .join(' ')}`,
      { field: 'csv', problems: all },
    );
  if (problems.length > 0) throw refuse(problems);
  return deps.store.transaction(async (repos) => {
    await getAudit(repos, scope, auditId);
    const existing = await repos.auditRequests.list(scope, auditId);
    const refs = new Set(existing.map((r) => r.ref.toLowerCase()));
    const controls = new Map((await repos.controls.list(scope)).map((c) => [c.code, c.id]));
    const criteria = new Set(deps.catalog.criteria.map((c) => c.id));
    const taken = existing.map((r) => r.ref).concat(rows.flatMap((r) => (r.ref ? [r.ref] : [])));
    const at = deps.clock.now();
    const found: TRequestListProblem[] = [];
    const requests: TNewAuditRequest[] = [];
    for (const row of rows) {
      const problem = (message: string) => found.push({ line: row.line, message });
      if (row.ref && refs.has(row.ref.toLowerCase())) problem(`the audit has a request ${row.ref} already`);
      const controlId = row.controlCode ? controls.get(row.controlCode) : null;
      if (controlId === undefined) problem(`unknown control "${row.controlCode}"`);
      if (row.criterionId && !criteria.has(row.criterionId))
        problem(`unknown criterion "${row.criterionId}"`);
      const ref = row.ref ?? nextRequestRef(taken);
      if (!row.ref) taken.push(ref);
      requests.push({
        id: deps.newId(),
        auditId,
        ref,
        title: row.title,
        description: row.description,
        controlId: controlId ?? null,
        criterionId: row.criterionId,
        dueDate: row.dueDate,
        createdBy: deps.actor.id,
        createdAt: at,
      });
    }
    if (found.length > 0) throw refuse(found);
    await repos.auditRequests.insertMany(scope, requests);
    await recordChange(
      repos,
      scope,
      deps,
      'audit_request.list_imported',
      { type: 'audit', id: auditId },
      { imported: requests.length, refs: requests.map((r) => r.ref) },
    );
    return { imported: requests.length };
  });
}
