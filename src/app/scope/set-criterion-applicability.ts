import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { recordReadinessSnapshot } from '../readiness/record-readiness-snapshot.ts';

function criterionId(deps: AppDeps, raw: string): string {
  const id = raw.trim().toUpperCase();
  if (!deps.catalog.criteria.some((c) => c.id === id)) {
    throw new AttestlyError('NOT_FOUND', `unknown criterion "${raw}" (see "attestly catalog")`);
  }
  return id;
}

/** Marks a criterion not applicable to the system, with the reason the system description must give. */
export async function excludeCriterion(
  deps: AppDeps,
  scope: OrgScope,
  raw: string,
  reason: string,
): Promise<string> {
  const id = criterionId(deps, raw);
  const why = reason.trim();
  if (!why) throw new AttestlyError('INVALID_INPUT', `marking ${id} not applicable needs a reason`);
  await deps.store.transaction(async (repos) => {
    await repos.exclusions.set(scope, id, why);
    await recordChange(repos, scope, deps, 'criterion.excluded', { type: 'criterion', id }, { reason: why });
  });
  await recordReadinessSnapshot(deps, scope);
  return id;
}

/** Brings a criterion back into the assessment. */
export async function includeCriterion(deps: AppDeps, scope: OrgScope, raw: string): Promise<string> {
  const id = criterionId(deps, raw);
  await deps.store.transaction(async (repos) => {
    if (!(await repos.exclusions.remove(scope, id))) {
      throw new AttestlyError('INVALID_INPUT', `${id} is not marked not applicable`);
    }
    await recordChange(repos, scope, deps, 'criterion.included', { type: 'criterion', id });
  });
  await recordReadinessSnapshot(deps, scope);
  return id;
}
