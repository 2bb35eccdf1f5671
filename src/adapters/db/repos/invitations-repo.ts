import type { Kysely } from 'kysely';
import type { Repositories, TInvitation, TMemberRole } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

const COLUMNS = [
  'id',
  'org_id as orgId',
  'email',
  'role',
  'invited_by as invitedBy',
  'created_at as createdAt',
  'expires_at as expiresAt',
  'accepted_at as acceptedAt',
  'revoked_at as revokedAt',
  'audit_id as auditId',
] as const;

const asInvitation = (row: Omit<TInvitation, 'role'> & { role: string }): TInvitation => ({
  ...row,
  role: row.role as TMemberRole,
});

export function invitationsRepo(db: Kysely<DB>): Repositories['invitations'] {
  return {
    async create(scope, i) {
      await db
        .insertInto('invitations')
        .values({
          id: i.id,
          org_id: scope.orgId,
          email: i.email,
          role: i.role,
          token_hash: i.tokenHash,
          invited_by: i.invitedBy,
          created_at: i.createdAt,
          expires_at: i.expiresAt,
          accepted_at: null,
          revoked_at: null,
          audit_id: i.auditId ?? null,
        })
        .execute();
    },
    async list(scope) {
      const rows = await db
        .selectFrom('invitations')
        .select(COLUMNS)
        .where('org_id', '=', scope.orgId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(asInvitation);
    },
    async findByHash(tokenHash) {
      const row = await db
        .selectFrom('invitations')
        .select(COLUMNS)
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? asInvitation(row) : null;
    },
    async accept(id, at) {
      const result = await db
        .updateTable('invitations')
        .set({ accepted_at: at })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async revoke(scope, id, at) {
      const result = await db
        .updateTable('invitations')
        .set({ revoked_at: at })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
