import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TRisk } from '../ports.ts';
import { resolveControlCodes } from './risk-input.ts';

/** Sets the controls that treat a risk (by control code); the list replaces the previous one. */
export async function linkRiskControls(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  controlCodes: readonly string[],
): Promise<TRisk> {
  return deps.store.transaction(async (repos) => {
    const before = await repos.risks.find(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such risk');
    const controlIds = await resolveControlCodes(repos, scope, controlCodes);
    await repos.risks.setControls(scope, id, controlIds);
    await recordChange(
      repos,
      scope,
      deps,
      'risk.controls_linked',
      { type: 'risk', id },
      { before: before.controlIds, after: controlIds, controlCodes: [...controlCodes] },
    );
    return { ...before, controlIds };
  });
}
