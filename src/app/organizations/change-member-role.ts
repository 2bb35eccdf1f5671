import { AttestlyError } from '../../domain/errors.ts';
import { canGrant, isMemberRole, type TMemberRole } from '../../domain/permissions.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

/**
 * Gives a member another role. Nobody grants a role above their own or changes someone who outranks them,
 * and the last owner stays an owner, so an organization can never be left without one.
 */
export async function changeMemberRole(
  deps: AppDeps,
  scope: OrgScope,
  changer: { role: TMemberRole },
  input: { userId: string; role: string },
): Promise<{ userId: string; email: string; role: TMemberRole }> {
  const role = input.role;
  if (!isMemberRole(role))
    throw new AttestlyError('INVALID_INPUT', `unknown role "${role}"`, { field: 'role' });
  return deps.store.transaction(async (repos) => {
    const owners = await repos.memberships.lockOwners(scope);
    const member = (await repos.memberships.list(scope)).find((m) => m.userId === input.userId);
    if (!member) throw new AttestlyError('NOT_FOUND', 'no such member');
    if (!canGrant(changer.role, member.role))
      throw new AttestlyError('FORBIDDEN', `a ${changer.role} cannot change the role of a ${member.role}`);
    if (!canGrant(changer.role, role))
      throw new AttestlyError('FORBIDDEN', `a ${changer.role} cannot make someone ${role}`, {
        field: 'role',
      });
    if (member.role === role) return member;
    if (member.role === 'owner' && owners.length <= 1)
      throw new AttestlyError(
        'CONFLICT',
        `${member.email} is the last owner: make someone else owner first`,
        { field: 'role' },
      );
    await repos.memberships.setRole(scope, member.userId, role);
    await recordChange(
      repos,
      scope,
      deps,
      'membership.role_changed',
      { type: 'user', id: member.userId },
      { email: member.email, before: member.role, after: role },
    );
    return { ...member, role };
  });
}
