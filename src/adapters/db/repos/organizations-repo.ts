import type { Kysely } from 'kysely';
import type { OrgScope, Repositories, TMemberRole } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

// Organizations and users are the only tables without an org_id: they are what a scope is made from.

export function organizationsRepo(db: Kysely<DB>): Repositories['organizations'] {
  return {
    async create(org) {
      await db.insertInto('organizations').values(org).execute();
    },
    async findBySlug(slug) {
      return (
        (await db
          .selectFrom('organizations')
          .select(['id', 'slug', 'name'])
          .where('slug', '=', slug)
          .executeTakeFirst()) ?? null
      );
    },
    list: () => db.selectFrom('organizations').select(['id', 'slug', 'name']).orderBy('slug').execute(),
  };
}

export function usersRepo(db: Kysely<DB>): Repositories['users'] {
  return {
    async findByEmail(email) {
      return (
        (await db
          .selectFrom('users')
          .select(['id', 'email'])
          .where('email', '=', email.toLowerCase())
          .executeTakeFirst()) ?? null
      );
    },
    async create(user) {
      await db.insertInto('users').values({ id: user.id, email: user.email.toLowerCase() }).execute();
    },
  };
}

export function membershipsRepo(db: Kysely<DB>): Repositories['memberships'] {
  return {
    async add(scope: OrgScope, userId, role) {
      await db
        .insertInto('memberships')
        .values({ org_id: scope.orgId, user_id: userId, role })
        .onConflict((oc) => oc.columns(['org_id', 'user_id']).doNothing())
        .execute();
    },
    async find(scope, userId) {
      const row = await db
        .selectFrom('memberships')
        .select('role')
        .where('org_id', '=', scope.orgId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return (row?.role as TMemberRole | undefined) ?? null;
    },
    async list(scope) {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['memberships.user_id as userId', 'users.email', 'memberships.role'])
        .where('memberships.org_id', '=', scope.orgId)
        .orderBy('users.email')
        .execute();
      return rows.map((r) => ({ ...r, role: r.role as TMemberRole }));
    },
  };
}
