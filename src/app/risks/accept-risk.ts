import { AttestlyError } from '../../domain/errors.ts';
import type { TMemberRole } from '../../domain/permissions.ts';
import { checkRiskAcceptance } from '../../domain/risk.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TRisk } from '../ports.ts';

/**
 * Records that an owner or admin accepts a risk whose treatment is "accept": who (the user, or the token
 * as the audit log names it), when and why.
 */
export async function acceptRisk(
  deps: AppDeps,
  scope: OrgScope,
  by: { role: TMemberRole; userId: string | null },
  id: string,
  expectedVersion: number,
  note: string,
): Promise<TRisk> {
  return deps.store.transaction(async (repos) => {
    const before = await repos.risks.find(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such risk');
    checkRiskAcceptance(before, by.role, note);
    const after: TRisk = {
      ...before,
      acceptedBy: by.userId,
      acceptedByLabel: deps.actor.id,
      acceptedAt: deps.clock.now(),
      acceptanceNote: note.trim(),
      version: expectedVersion + 1,
    };
    if (!(await repos.risks.update(scope, after, expectedVersion, deps.clock.now()))) {
      throw new AttestlyError(
        'CONFLICT',
        `the risk changed since version ${expectedVersion} (now ${before.version}); reload and try again`,
        { currentVersion: before.version },
      );
    }
    await recordChange(
      repos,
      scope,
      deps,
      'risk.accepted',
      { type: 'risk', id },
      { acceptedBy: by.userId, acceptedAt: after.acceptedAt, note: after.acceptanceNote },
    );
    return after;
  });
}
