import type { Kysely } from 'kysely';
import type { Repositories, TMemberRole, TSsoLoginState } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

const STATE_COLUMNS = [
  'state_hash as stateHash',
  'org_id as orgId',
  'code_verifier_sealed as codeVerifierSealed',
  'nonce',
  'redirect_after as redirectAfter',
  'created_at as createdAt',
  'expires_at as expiresAt',
] as const;

export function ssoRepo(db: Kysely<DB>): Repositories['sso'] {
  return {
    async find(scope) {
      const row = await db
        .selectFrom('sso_connections')
        .select([
          'org_id as orgId',
          'issuer',
          'client_id as clientId',
          'client_secret_sealed as clientSecretSealed',
          'allowed_domains as allowedDomains',
          'jit_role as jitRole',
          'enabled',
          'created_at as createdAt',
          'updated_at as updatedAt',
        ])
        .where('org_id', '=', scope.orgId)
        .executeTakeFirst();
      return row ? { ...row, jitRole: row.jitRole as TMemberRole } : null;
    },
    async save(scope, c) {
      const values = {
        issuer: c.issuer,
        client_id: c.clientId,
        client_secret_sealed: c.clientSecretSealed,
        allowed_domains: c.allowedDomains,
        jit_role: c.jitRole,
        enabled: c.enabled,
        updated_at: c.updatedAt,
      };
      await db
        .insertInto('sso_connections')
        .values({ org_id: scope.orgId, created_at: c.createdAt, ...values })
        .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
        .execute();
    },
    async createLoginState(scope, s) {
      await db
        .insertInto('sso_login_states')
        .values({
          state_hash: s.stateHash,
          org_id: scope.orgId,
          code_verifier_sealed: s.codeVerifierSealed,
          nonce: s.nonce,
          redirect_after: s.redirectAfter,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
          used_at: null,
        })
        .execute();
    },
    async consumeLoginState(stateHash, at) {
      // One UPDATE with its conditions, so two callbacks racing with one state cannot both win.
      const row = await db
        .updateTable('sso_login_states')
        .set({ used_at: at })
        .where('state_hash', '=', stateHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .returning(STATE_COLUMNS)
        .executeTakeFirst();
      return (row as TSsoLoginState | undefined) ?? null;
    },
    async purgeLoginStates(before) {
      const result = await db
        .deleteFrom('sso_login_states')
        .where('expires_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
