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
          .select(['id', 'slug', 'name', 'require_mfa as requireMfa'])
          .where('slug', '=', slug)
          .executeTakeFirst()) ?? null
      );
    },
    list: () =>
      db
        .selectFrom('organizations')
        .select(['id', 'slug', 'name', 'require_mfa as requireMfa'])
        .orderBy('slug')
        .execute(),
    async setRequireMfa(scope, requireMfa) {
      await db
        .updateTable('organizations')
        .set({ require_mfa: requireMfa })
        .where('id', '=', scope.orgId)
        .execute();
    },
  };
}

function authQuery(db: Kysely<DB>) {
  return db.selectFrom('users').select((eb) => [
    'id',
    'email',
    'password_hash as passwordHash',
    'totp_secret_sealed as totpSecretSealed',
    'totp_enabled_at as totpEnabledAt',
    'totp_last_step as totpLastStep',
    // The one definition of "has a second factor" (ports.ts TUserAuth): TOTP, or any passkey.
    eb
      .or([
        eb('totp_enabled_at', 'is not', null),
        eb.exists(
          eb
            .selectFrom('webauthn_credentials')
            .select('webauthn_credentials.id')
            .whereRef('webauthn_credentials.user_id', '=', 'users.id'),
        ),
      ])
      // PostgreSQL answers a real boolean (Kysely's SqlBool also allows the 0/1 of other engines).
      .$castTo<boolean>()
      .as('hasSecondFactor'),
  ]);
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
    async count() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async findAuthByEmail(email) {
      const row = await authQuery(db).where('email', '=', email.toLowerCase()).executeTakeFirst();
      return row ?? null;
    },
    async getAuth(userId) {
      return authQuery(db).where('id', '=', userId).executeTakeFirstOrThrow();
    },
    async setPasswordHash(userId, hash) {
      await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    },
    async setTotp(userId, totp) {
      await db
        .updateTable('users')
        .set({ totp_secret_sealed: totp.sealed, totp_enabled_at: totp.enabledAt, totp_last_step: null })
        .where('id', '=', userId)
        .execute();
    },
    async listSealedTotp() {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'totp_secret_sealed'])
        .where('totp_secret_sealed', 'is not', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ userId: r.id, sealed: r.totp_secret_sealed ?? '' }));
    },
    async replaceSealedTotp(userId, sealed) {
      await db.updateTable('users').set({ totp_secret_sealed: sealed }).where('id', '=', userId).execute();
    },
    async advanceTotpStep(userId, step) {
      const result = await db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
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
    async listForUser(userId) {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
        .select([
          'organizations.id',
          'organizations.slug',
          'organizations.name',
          'organizations.require_mfa',
          'memberships.role',
        ])
        .where('memberships.user_id', '=', userId)
        .orderBy('organizations.slug')
        .execute();
      return rows.map((r) => ({
        org: { id: r.id, slug: r.slug, name: r.name, requireMfa: r.require_mfa },
        role: r.role as TMemberRole,
      }));
    },
    async lockOwners(scope) {
      const rows = await db
        .selectFrom('memberships')
        .select('user_id')
        .where('org_id', '=', scope.orgId)
        .where('role', '=', 'owner')
        .orderBy('user_id')
        .forUpdate()
        .execute();
      return rows.map((r) => r.user_id);
    },
    async setRole(scope, userId, role) {
      const result = await db
        .updateTable('memberships')
        .set({ role })
        .where('org_id', '=', scope.orgId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async remove(scope, userId) {
      const result = await db
        .deleteFrom('memberships')
        .where('org_id', '=', scope.orgId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
