import type { Kysely } from 'kysely';
import type { OrgScope, Repositories } from '../../../app/ports.ts';
import type { TFrequency, TOwnerRole } from '../../../domain/catalog-types.ts';
import type { TControl, TControlStatus } from '../../../domain/control.ts';
import type { DB } from '../schema.ts';

const BATCH = 500;

export function controlsRepo(db: Kysely<DB>): Repositories['controls'] {
  async function select(scope: OrgScope, code?: string): Promise<TControl[]> {
    let query = db
      .selectFrom('controls')
      .leftJoin('users', 'users.id', 'controls.owner_user_id')
      .select([
        'controls.id',
        'controls.code',
        'controls.library_id',
        'controls.title',
        'controls.frequency',
        'controls.owner_role',
        'users.email as owner_email',
        'controls.automatable',
        'controls.status',
        'controls.not_applicable_reason',
        'controls.version',
      ])
      .where('controls.org_id', '=', scope.orgId)
      .orderBy('controls.code');
    if (code !== undefined) query = query.where('controls.code', '=', code);
    const rows = await query.execute();
    if (rows.length === 0) return [];
    const links = await db
      .selectFrom('control_criteria')
      .select(['control_id', 'criterion_id'])
      .where('org_id', '=', scope.orgId)
      .where(
        'control_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('criterion_id')
      .execute();
    const criteria = new Map<string, string[]>();
    for (const link of links)
      criteria.set(link.control_id, [...(criteria.get(link.control_id) ?? []), link.criterion_id]);
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      libraryId: r.library_id,
      title: r.title,
      frequency: r.frequency as TFrequency,
      ownerRole: r.owner_role as TOwnerRole,
      ownerEmail: r.owner_email ?? null,
      automatable: r.automatable,
      status: r.status as TControlStatus,
      notApplicableReason: r.not_applicable_reason,
      criteria: criteria.get(r.id) ?? [],
      version: r.version,
    }));
  }

  return {
    async insertMany(scope, controls) {
      for (let i = 0; i < controls.length; i += BATCH) {
        const batch = controls.slice(i, i + BATCH);
        await db
          .insertInto('controls')
          .values(
            batch.map((c) => ({
              id: c.id,
              org_id: scope.orgId,
              code: c.code,
              library_id: c.libraryId,
              title: c.title,
              requirement: c.requirement,
              evidence_guidance: c.evidenceGuidance,
              frequency: c.frequency,
              owner_role: c.ownerRole,
              automatable: c.automatable,
              status: 'not_started',
              updated_at: new Date(),
            })),
          )
          .execute();
        const links = batch.flatMap((c) =>
          c.criteria.map((criterion) => ({ org_id: scope.orgId, control_id: c.id, criterion_id: criterion })),
        );
        if (links.length > 0) await db.insertInto('control_criteria').values(links).execute();
      }
    },
    list: (scope) => select(scope),
    async findByCode(scope, code) {
      return (await select(scope, code))[0] ?? null;
    },
    async findText(scope, id) {
      const row = await db
        .selectFrom('controls')
        .select(['requirement', 'evidence_guidance'])
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? { requirement: row.requirement, evidenceGuidance: row.evidence_guidance } : null;
    },
    async update(scope, id, patch, at, expectedVersion) {
      let query = db
        .updateTable('controls')
        .set((eb) => ({
          version: eb('version', '+', 1),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(patch.notApplicableReason !== undefined
            ? { not_applicable_reason: patch.notApplicableReason }
            : {}),
          ...(patch.ownerUserId !== undefined ? { owner_user_id: patch.ownerUserId } : {}),
          updated_at: at,
        }))
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id);
      if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
