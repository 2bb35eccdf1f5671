import type { Kysely } from 'kysely';
import type { PrivacyRepo, TPrivacyEntry } from '../../../app/privacy/privacy-ports.ts';
import type { TPrivacyRegister } from '../../../domain/privacy.ts';
import type { DB } from '../schema.ts';

const toEntry = (r: {
  id: string;
  register: string;
  data: Record<string, unknown>;
  version: number;
  created_at: Date;
  updated_at: Date;
}): TPrivacyEntry => ({
  id: r.id,
  register: r.register as TPrivacyRegister,
  data: r.data,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function privacyRepo(db: Kysely<DB>): PrivacyRepo {
  return {
    async list(scope, register) {
      const rows = await db
        .selectFrom('privacy_entries')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('register', '=', register)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toEntry);
    },
    async find(scope, id) {
      const row = await db
        .selectFrom('privacy_entries')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    async insert(scope, entry) {
      await db
        .insertInto('privacy_entries')
        .values({
          id: entry.id,
          org_id: scope.orgId,
          register: entry.register,
          data: JSON.stringify(entry.data),
          version: entry.version,
          created_at: entry.createdAt,
          updated_at: entry.updatedAt,
        })
        .execute();
    },
    async update(scope, id, data, expectedVersion, at) {
      const result = await db
        .updateTable('privacy_entries')
        .set({ data: JSON.stringify(data), version: expectedVersion + 1, updated_at: at })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async counts(scope) {
      const rows = await db
        .selectFrom('privacy_entries')
        .select(['register', db.fn.countAll<string>().as('n')])
        .where('org_id', '=', scope.orgId)
        .groupBy('register')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.register, Number(r.n)]));
    },
  };
}
