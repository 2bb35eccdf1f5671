import { checkPhaseMove, type TAudit, type TAuditPhase } from '../../domain/audit/audit.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { getAudit } from './audit-input.ts';

/** Moves an audit on to its next phase (planning → fieldwork → reporting → done), at a version. */
export async function moveAuditPhase(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  expectedVersion: number,
  phase: TAuditPhase,
): Promise<TAudit> {
  return deps.store.transaction(async (repos) => {
    const before = await getAudit(repos, scope, id);
    checkPhaseMove(before.phase, phase);
    const after: TAudit = { ...before, phase, version: expectedVersion + 1 };
    if (!(await repos.audits.update(scope, after, expectedVersion, deps.clock.now()))) {
      throw new AttestlyError(
        'CONFLICT',
        `the audit changed since version ${expectedVersion} (now ${before.version}); reload and try again`,
        { currentVersion: before.version },
      );
    }
    await recordChange(
      repos,
      scope,
      deps,
      'audit.phase_changed',
      { type: 'audit', id },
      { from: before.phase, to: phase },
    );
    return after;
  });
}
