import { AttestlyError } from '../../domain/errors.ts';
import { canGrant, type TMemberRole } from '../../domain/permissions.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

/**
 * Takes someone out of the organization: their access ends at their next request. Nobody removes someone
 * who outranks them, and the last owner cannot be removed.
 */
export async function removeMember(
  deps: AppDeps,
  scope: OrgScope,
  remover: { role: TMemberRole },
  userId: string,
): Promise<void> {
  await deps.store.transaction(async (repos) => {
    const owners = await repos.memberships.lockOwners(scope);
    const member = (await repos.memberships.list(scope)).find((m) => m.userId === userId);
    if (!member) throw new AttestlyError('NOT_FOUND', 'no such member');
    if (!canGrant(remover.role, member.role))
      throw new AttestlyError('FORBIDDEN', `a ${remover.role} cannot remove a ${member.role}`);
    if (member.role === 'owner' && owners.length <= 1)
      throw new AttestlyError('CONFLICT', `${member.email} is the last owner and cannot be removed`);
    await repos.memberships.remove(scope, member.userId);
    await recordChange(
      repos,
      scope,
      deps,
      'membership.removed',
      { type: 'user', id: member.userId },
      { email: member.email, role: member.role },
    );
  });
}
