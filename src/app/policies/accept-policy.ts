import { AttestlyError } from '../../domain/errors.ts';
import { publishedVersion } from '../../domain/policy-lifecycle.ts';
import { recordChange } from '../audit/record-change.ts';
import { judgePeople } from '../people/people-integration.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { requirePolicy, type TPolicyActor } from './policy-access.ts';

export interface TPolicyAcceptanceResult {
  policyId: string;
  version: number;
  sha256: string;
  acceptedAt: Date;
  /** True when this user had already accepted this version: nothing was recorded again. */
  alreadyAccepted: boolean;
}

/** The signed-in user accepts the policy's published version; accepting it twice changes nothing. */
export async function acceptPolicy(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  actor: Pick<TPolicyActor, 'userId'>,
  /** The version the person read: if another was published meanwhile, they have not read that one. */
  expected: { version?: number | undefined } = {},
): Promise<TPolicyAcceptanceResult> {
  const result = await deps.store.transaction(async (repos) => {
    const policy = await requirePolicy(repos, scope, id);
    const userId = actor.userId;
    if (userId === null)
      throw new AttestlyError('FORBIDDEN', 'a person accepts a policy: sign in to accept it');
    const current = publishedVersion(await repos.policies.listVersions(scope, id));
    if (!current) throw new AttestlyError('CONFLICT', 'this policy has no published version to accept yet');
    if (expected.version !== undefined && expected.version !== current.version)
      throw new AttestlyError(
        'CONFLICT',
        `version ${expected.version} is no longer the one in force: read version ${current.version} and accept that`,
        { publishedVersion: current.version },
      );
    const now = deps.clock.now();
    const recorded = await repos.policies.accept(scope, {
      id: deps.newId(),
      policyVersionId: current.id,
      userId,
      acceptedAt: now,
    });
    const base = { policyId: id, version: current.version, sha256: current.sha256 };
    if (!recorded) {
      const earlier = await repos.policies.findAcceptance(scope, current.id, userId);
      return { ...base, acceptedAt: earlier?.acceptedAt ?? now, alreadyAccepted: true };
    }
    await recordChange(
      repos,
      scope,
      deps,
      'policy.accepted',
      { type: 'policy', id },
      { title: policy.title, version: current.version, sha256: current.sha256, userId },
    );
    return { ...base, acceptedAt: now, alreadyAccepted: false };
  });
  // The person's onboarding checklist counts acceptances of the versions in force.
  if (!result.alreadyAccepted) await judgePeople(deps, scope);
  return result;
}
