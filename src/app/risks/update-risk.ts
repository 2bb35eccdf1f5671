import { AttestlyError } from '../../domain/errors.ts';
import { checkRiskAssessment } from '../../domain/risk.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TRisk } from '../ports.ts';
import { checkTitle, resolveRiskRefs, type TRiskInput } from './risk-input.ts';

/**
 * Changes a risk at the version the caller edited. Moving the treatment away from "accept" withdraws a
 * recorded acceptance: it no longer describes the risk.
 */
export async function updateRisk(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  expectedVersion: number,
  input: TRiskInput,
): Promise<TRisk> {
  return deps.store.transaction(async (repos) => {
    const before = await repos.risks.find(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such risk');
    const refs = await resolveRiskRefs(repos, scope, input);
    const after: TRisk = {
      ...before,
      ...refs,
      title: input.title !== undefined ? checkTitle(input.title) : before.title,
      description: input.description !== undefined ? input.description.trim() : before.description,
      category: input.category ?? before.category,
      inherentLikelihood: input.inherentLikelihood ?? before.inherentLikelihood,
      inherentImpact: input.inherentImpact ?? before.inherentImpact,
      residualLikelihood: input.residualLikelihood ?? before.residualLikelihood,
      residualImpact: input.residualImpact ?? before.residualImpact,
      treatment: input.treatment ?? before.treatment,
      status: input.status ?? before.status,
      version: expectedVersion + 1,
    };
    checkRiskAssessment(after);
    if (after.treatment !== 'accept') {
      after.acceptedBy = null;
      after.acceptedByLabel = null;
      after.acceptedAt = null;
      after.acceptanceNote = null;
    }
    if (!(await repos.risks.update(scope, after, expectedVersion, deps.clock.now()))) {
      throw new AttestlyError(
        'CONFLICT',
        `the risk changed since version ${expectedVersion} (now ${before.version}); reload and try again`,
        { currentVersion: before.version },
      );
    }
    await recordChange(repos, scope, deps, 'risk.updated', { type: 'risk', id }, { before, after });
    return after;
  });
}
