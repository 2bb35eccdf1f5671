import type { Kysely } from 'kysely';
import type { Repositories } from '../../../app/ports.ts';
import type { TOwnerRole } from '../../../domain/catalog-types.ts';
import type { DB } from '../schema.ts';

/** The default owner per owner role, and handing unowned controls and policies to them. */
export function ownerRolesRepo(db: Kysely<DB>): Repositories['ownerRoles'] {
  return {
    async list(scope) {
      const rows = await db
        .selectFrom('owner_role_assignments')
        .innerJoin('users', 'users.id', 'owner_role_assignments.user_id')
        .select([
          'owner_role_assignments.owner_role',
          'owner_role_assignments.user_id',
          'users.email',
          'users.display_name',
        ])
        .where('owner_role_assignments.org_id', '=', scope.orgId)
        .orderBy('owner_role_assignments.owner_role')
        .execute();
      return rows.map((r) => ({
        ownerRole: r.owner_role as TOwnerRole,
        userId: r.user_id,
        email: r.email,
        name: r.display_name,
      }));
    },
    async set(scope, ownerRole, userId, at) {
      if (userId === null) {
        await db
          .deleteFrom('owner_role_assignments')
          .where('org_id', '=', scope.orgId)
          .where('owner_role', '=', ownerRole)
          .execute();
        return;
      }
      await db
        .insertInto('owner_role_assignments')
        .values({ org_id: scope.orgId, owner_role: ownerRole, user_id: userId, updated_at: at })
        .onConflict((oc) =>
          oc.columns(['org_id', 'owner_role']).doUpdateSet({ user_id: userId, updated_at: at }),
        )
        .execute();
    },
    async assignUnowned(scope, ownerRole, userId, at) {
      const controls = await db
        .updateTable('controls')
        .set((eb) => ({ owner_user_id: userId, version: eb('version', '+', 1), updated_at: at }))
        .where('org_id', '=', scope.orgId)
        .where('owner_role', '=', ownerRole)
        .where('owner_user_id', 'is', null)
        .returning('code')
        .execute();
      const policies = await db
        .updateTable('policies')
        .set({ owner_user_id: userId })
        .where('org_id', '=', scope.orgId)
        .where('owner_role', '=', ownerRole)
        .where('owner_user_id', 'is', null)
        .returning('id')
        .execute();
      return {
        controlCodes: controls.map((c) => c.code).sort(),
        policyIds: policies.map((p) => p.id).sort(),
      };
    },
  };
}
