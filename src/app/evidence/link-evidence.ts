import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TEvidenceRecord } from '../ports.ts';
import { recordReadinessSnapshot } from '../readiness/record-readiness-snapshot.ts';

/**
 * Sets which controls an existing evidence item supports: one file (a policy acknowledgement export, an
 * access review) often proves several controls. An empty list unlinks it from all of them.
 */
export async function linkEvidence(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  controlCodes: string[],
): Promise<TEvidenceRecord> {
  const codes = [...new Set(controlCodes.map((c) => c.trim()).filter(Boolean))].sort();
  const updated = await deps.store.transaction(async (repos) => {
    const before = await repos.evidence.find(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such evidence');
    const controls = await repos.controls.list(scope);
    const linked = codes.map((code) => {
      const control = controls.find((c) => c.code === code);
      if (!control) {
        throw new AttestlyError('NOT_FOUND', `unknown control "${code}"`, { field: 'controlCodes' });
      }
      return control;
    });
    await repos.evidence.setControls(
      scope,
      id,
      linked.map((c) => c.id),
    );
    await recordChange(
      repos,
      scope,
      deps,
      'evidence.linked',
      { type: 'evidence', id },
      {
        before: before.controlCodes,
        after: codes,
        added: codes.filter((c) => !before.controlCodes.includes(c)),
        removed: before.controlCodes.filter((c) => !codes.includes(c)),
      },
    );
    return { ...before, controlCodes: codes };
  });
  await recordReadinessSnapshot(deps, scope);
  return updated;
}
