import { OWNER_ROLES, type TOwnerRole } from '../../domain/catalog-types.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TOwnerRoleAssignment } from '../ports.ts';

export interface TOwnerRolesResult {
  assignments: TOwnerRoleAssignment[];
  /** Controls and policies that had no owner and now have the role's default owner. */
  assigned: { controls: string[]; policies: number };
}

/**
 * Names the default owner of owner roles (onboarding's "the team" step): a user id sets it, null clears it,
 * a role left out stays as it was. Every control and policy of a named role that has no owner yet gets
 * that person; owners already chosen are kept. Each person must be a member of the organization.
 */
export async function assignOwnerRoles(
  deps: AppDeps,
  scope: OrgScope,
  assignments: Partial<Record<TOwnerRole, string | null>>,
): Promise<TOwnerRolesResult> {
  const roles = OWNER_ROLES.filter((role) => assignments[role] !== undefined);
  if (roles.length === 0) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `name an owner for at least one role: ${OWNER_ROLES.join(', ')}`,
    );
  }
  return deps.store.transaction(async (repos) => {
    const members = new Map((await repos.memberships.list(scope)).map((m) => [m.userId, m]));
    for (const role of roles) {
      const userId = assignments[role];
      if (userId && !members.has(userId)) {
        throw new AttestlyError(
          'INVALID_INPUT',
          `assignments.${role}: this user is not a member of the organization`,
          {
            field: `assignments.${role}`,
          },
        );
      }
    }
    const now = deps.clock.now();
    const controls: string[] = [];
    let policies = 0;
    const changes: Record<string, unknown> = {};
    for (const role of roles) {
      const userId = assignments[role] ?? null;
      await repos.ownerRoles.set(scope, role, userId, now);
      if (userId === null) {
        changes[role] = null;
        continue;
      }
      const assigned = await repos.ownerRoles.assignUnowned(scope, role, userId, now);
      controls.push(...assigned.controlCodes);
      policies += assigned.policyIds.length;
      changes[role] = {
        email: members.get(userId)?.email,
        controls: assigned.controlCodes,
        policies: assigned.policyIds.length,
      };
    }
    await recordChange(repos, scope, deps, 'owner_roles.assigned', { type: 'owner_role', id: null }, changes);
    return {
      assignments: await repos.ownerRoles.list(scope),
      assigned: { controls: controls.sort(), policies },
    };
  });
}
