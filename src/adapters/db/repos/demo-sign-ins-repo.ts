import type { Kysely } from 'kysely';
import type { Repositories } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

// Not organization-owned: a link names the user it signs in, like a session.
export function demoSignInsRepo(db: Kysely<DB>): Repositories['demoSignIns'] {
  return {
    async create(tokenHash, userId, at, expiresAt) {
      await db
        .insertInto('demo_sign_in_tokens')
        .values({
          token_hash: tokenHash,
          user_id: userId,
          created_at: at,
          expires_at: expiresAt,
          used_at: null,
        })
        .execute();
    },
    async consume(tokenHash, at) {
      const row = await db
        .updateTable('demo_sign_in_tokens')
        .set({ used_at: at })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .returning('user_id')
        .executeTakeFirst();
      return row?.user_id ?? null;
    },
  };
}
