import type { Kysely } from 'kysely';
import type { Repositories, TWebAuthnCredential } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

// Passkeys and their challenges belong to users, like sessions: no org_id, no scope.

const CREDENTIAL_COLUMNS = [
  'id',
  'user_id as userId',
  'public_key as publicKey',
  'counter',
  'transports',
  'name',
  'created_at as createdAt',
  'last_used_at as lastUsedAt',
] as const;

type TCredentialRow = Omit<TWebAuthnCredential, 'publicKey'> & { publicKey: Uint8Array };

// pg gives a Buffer and PGlite a Uint8Array over a shared pool: either way, hand out a plain copy.
const toCredential = (row: TCredentialRow): TWebAuthnCredential => ({
  ...row,
  publicKey: Uint8Array.from(row.publicKey),
});

export function webauthnRepo(db: Kysely<DB>): Repositories['webauthn'] {
  return {
    async createChallenge(c) {
      await db
        .insertInto('webauthn_challenges')
        .values({
          challenge_hash: c.challengeHash,
          user_id: c.userId,
          purpose: c.purpose,
          created_at: c.createdAt,
          expires_at: c.expiresAt,
          used_at: null,
        })
        .execute();
    },
    async consumeChallenge(challengeHash, expected, at) {
      // One UPDATE with its conditions, so two requests racing with one challenge cannot both win.
      const row = await db
        .updateTable('webauthn_challenges')
        .set({ used_at: at })
        .where('challenge_hash', '=', challengeHash)
        .where('purpose', '=', expected.purpose)
        .where('user_id', expected.userId === null ? 'is' : '=', expected.userId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .returning('challenge_hash')
        .executeTakeFirst();
      return row !== undefined;
    },
    async purgeChallenges(before) {
      const result = await db
        .deleteFrom('webauthn_challenges')
        .where('expires_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async addCredential(c) {
      const row = await db
        .insertInto('webauthn_credentials')
        .values({
          id: c.id,
          user_id: c.userId,
          public_key: Buffer.from(c.publicKey),
          counter: c.counter,
          transports: c.transports,
          name: c.name,
          created_at: c.createdAt,
          last_used_at: c.lastUsedAt,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async findCredential(id) {
      const row = await db
        .selectFrom('webauthn_credentials')
        .select(CREDENTIAL_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toCredential(row) : null;
    },
    async listCredentials(userId) {
      const rows = await db
        .selectFrom('webauthn_credentials')
        .select(CREDENTIAL_COLUMNS)
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toCredential);
    },
    async recordUse(id, use) {
      const result = await db
        .updateTable('webauthn_credentials')
        .set({ counter: use.toCounter, last_used_at: use.at })
        .where('id', '=', id)
        .where('counter', '=', use.fromCounter)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async removeCredential(userId, id) {
      const result = await db
        .deleteFrom('webauthn_credentials')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
