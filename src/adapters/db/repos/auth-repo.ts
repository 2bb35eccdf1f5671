import type { Kysely } from 'kysely';
import type { Repositories, TApiToken, TMemberRole, TSession } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

// Sessions, recovery codes, setup tokens and failed sign-ins belong to users, not organizations: a user
// signs in before choosing an organization. API tokens belong to one organization and are scoped.

export function recoveryCodesRepo(db: Kysely<DB>): Repositories['recoveryCodes'] {
  return {
    async replace(userId, hashes) {
      await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      if (hashes.length > 0) {
        await db
          .insertInto('recovery_codes')
          .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
          .execute();
      }
    },
    async unused(userId) {
      const rows = await db
        .selectFrom('recovery_codes')
        .select('code_hash')
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
      return rows.map((r) => r.code_hash);
    },
    async use(userId, hash, at) {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: at })
        .where('user_id', '=', userId)
        .where('code_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

const SESSION_COLUMNS = [
  'id_hash as idHash',
  'user_id as userId',
  'csrf_token as csrfToken',
  'mfa_verified as mfaVerified',
  'created_at as createdAt',
  'last_seen_at as lastSeenAt',
  'expires_at as expiresAt',
  'source_address as sourceAddress',
  'revoked_at as revokedAt',
  'org_id as orgId',
] as const;

export function sessionsRepo(db: Kysely<DB>): Repositories['sessions'] {
  return {
    async create(s: TSession) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          mfa_verified: s.mfaVerified,
          created_at: s.createdAt,
          last_seen_at: s.lastSeenAt,
          expires_at: s.expiresAt,
          source_address: s.sourceAddress,
          revoked_at: s.revokedAt,
          org_id: s.orgId,
        })
        .execute();
    },
    async find(idHash) {
      return (
        (await db
          .selectFrom('sessions')
          .select(SESSION_COLUMNS)
          .where('id_hash', '=', idHash)
          .executeTakeFirst()) ?? null
      );
    },
    async touch(idHash, at) {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },
    async setMfaVerified(idHash) {
      await db.updateTable('sessions').set({ mfa_verified: true }).where('id_hash', '=', idHash).execute();
    },
    async revoke(idHash, at) {
      await db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('id_hash', '=', idHash)
        .where('revoked_at', 'is', null)
        .execute();
    },
    async revokeAllForUser(userId, at) {
      const result = await db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

const TOKEN_COLUMNS = [
  'id',
  'org_id as orgId',
  'name',
  'role',
  'created_at as createdAt',
  'expires_at as expiresAt',
  'last_used_at as lastUsedAt',
  'revoked_at as revokedAt',
] as const;

const asToken = (row: Omit<TApiToken, 'role'> & { role: string }): TApiToken => ({
  ...row,
  role: row.role as TMemberRole,
});

export function apiTokensRepo(db: Kysely<DB>): Repositories['apiTokens'] {
  return {
    async create(scope, t) {
      await db
        .insertInto('api_tokens')
        .values({
          id: t.id,
          org_id: scope.orgId,
          name: t.name,
          token_hash: t.tokenHash,
          role: t.role,
          created_by: t.createdBy,
          created_at: t.createdAt,
          expires_at: t.expiresAt,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
    },
    async list(scope) {
      const rows = await db
        .selectFrom('api_tokens')
        .select(TOKEN_COLUMNS)
        .where('org_id', '=', scope.orgId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(asToken);
    },
    async findByHash(tokenHash) {
      const row = await db
        .selectFrom('api_tokens')
        .select(TOKEN_COLUMNS)
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? asToken(row) : null;
    },
    async revoke(scope, id, at) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async touch(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}

export function setupTokensRepo(db: Kysely<DB>): Repositories['setupTokens'] {
  return {
    async create(tokenHash, at, expiresAt) {
      await db
        .insertInto('setup_tokens')
        .values({ token_hash: tokenHash, created_at: at, expires_at: expiresAt, used_at: null })
        .execute();
    },
    async consume(tokenHash, at) {
      const result = await db
        .updateTable('setup_tokens')
        .set({ used_at: at })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export function signInFailuresRepo(db: Kysely<DB>): Repositories['signInFailures'] {
  return {
    async record(email, address, at) {
      await db
        .insertInto('sign_in_failures')
        .values({ email: email.toLowerCase(), source_address: address, at })
        .execute();
    },
    async count(filter, since) {
      let query = db
        .selectFrom('sign_in_failures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('at', '>=', since);
      if (filter.email !== undefined) query = query.where('email', '=', filter.email.toLowerCase());
      if (filter.address !== undefined) query = query.where('source_address', '=', filter.address);
      return Number((await query.executeTakeFirstOrThrow()).n);
    },
    async clearForEmail(email) {
      await db.deleteFrom('sign_in_failures').where('email', '=', email.toLowerCase()).execute();
    },
  };
}
