import { AttestlyError } from '../../domain/errors.ts';
import type { AppDeps, OrgScope, TPolicy, TPolicyVersion } from '../ports.ts';
import { requirePolicy, type TPolicyActor, visibleTo } from './policy-access.ts';

/** One version of a policy with its body, for reading it or rendering it as a PDF. */
export async function getPolicyVersion(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  version: number,
  actor: Pick<TPolicyActor, 'role'>,
): Promise<{ policy: TPolicy; version: TPolicyVersion }> {
  const { repos } = deps.store;
  const policy = await requirePolicy(repos, scope, id);
  const found = await repos.policies.findVersion(scope, id, version);
  if (!found || !visibleTo(actor.role, found))
    throw new AttestlyError('NOT_FOUND', `the policy has no version ${version}`);
  return { policy, version: found };
}
