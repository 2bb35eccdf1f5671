import { AttestlyError } from '../../domain/errors.ts';
import { mayOwnPolicy } from '../../domain/policy-lifecycle.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TPolicy } from '../ports.ts';
import { requirePolicy } from './policy-access.ts';

/** Names the person who owns (and so approves) a policy, or clears it (null). */
export async function setPolicyOwner(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  ownerUserId: string | null,
): Promise<TPolicy> {
  return deps.store.transaction(async (repos) => {
    const before = await requirePolicy(repos, scope, id, { forUpdate: true });
    if (ownerUserId !== null) {
      const role = await repos.memberships.find(scope, ownerUserId);
      if (!role) throw new AttestlyError('INVALID_INPUT', 'the owner must be a member of this organization');
      if (!mayOwnPolicy(role))
        throw new AttestlyError('INVALID_INPUT', `a ${role} cannot own a policy: its owner approves it`, {
          role,
        });
    }
    if (before.ownerUserId === ownerUserId) return before;
    await repos.policies.setOwner(scope, id, ownerUserId);
    const after = await requirePolicy(repos, scope, id);
    await recordChange(
      repos,
      scope,
      deps,
      'policy.owner_changed',
      { type: 'policy', id },
      {
        title: before.title,
        before: { ownerUserId: before.ownerUserId, owner: before.ownerEmail },
        after: { ownerUserId: after.ownerUserId, owner: after.ownerEmail },
      },
    );
    return after;
  });
}
