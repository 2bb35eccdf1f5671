import type { Kysely, Selectable } from 'kysely';
import type { Repositories, TRisk } from '../../../app/ports.ts';
import type { DB, RisksTable } from '../schema.ts';

const toRisk = (r: Selectable<RisksTable>, controlIds: string[]): TRisk => ({
  id: r.id,
  version: r.version,
  title: r.title,
  description: r.description,
  category: r.category as TRisk['category'],
  libraryId: r.library_id,
  inherentLikelihood: r.inherent_likelihood,
  inherentImpact: r.inherent_impact,
  residualLikelihood: r.residual_likelihood,
  residualImpact: r.residual_impact,
  ownerUserId: r.owner_user_id,
  treatment: r.treatment as TRisk['treatment'],
  reviewDate: r.review_date,
  status: r.status as TRisk['status'],
  acceptedBy: r.accepted_by,
  acceptedByLabel: r.accepted_by_label,
  acceptedAt: r.accepted_at,
  acceptanceNote: r.acceptance_note,
  controlIds,
});

const columns = (risk: TRisk) => ({
  title: risk.title,
  description: risk.description,
  category: risk.category,
  library_id: risk.libraryId,
  inherent_likelihood: risk.inherentLikelihood,
  inherent_impact: risk.inherentImpact,
  residual_likelihood: risk.residualLikelihood,
  residual_impact: risk.residualImpact,
  owner_user_id: risk.ownerUserId,
  treatment: risk.treatment,
  review_date: risk.reviewDate,
  status: risk.status,
  accepted_by: risk.acceptedBy,
  accepted_by_label: risk.acceptedByLabel,
  accepted_at: risk.acceptedAt,
  acceptance_note: risk.acceptanceNote,
});

export function risksRepo(db: Kysely<DB>): Repositories['risks'] {
  async function controlsOf(orgId: string, riskIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (riskIds.length === 0) return out;
    const rows = await db
      .selectFrom('risk_controls')
      .select(['risk_id', 'control_id'])
      .where('org_id', '=', orgId)
      .where('risk_id', 'in', riskIds)
      .orderBy('control_id')
      .execute();
    for (const row of rows) out.set(row.risk_id, [...(out.get(row.risk_id) ?? []), row.control_id]);
    return out;
  }

  return {
    async insert(scope, risk) {
      await db
        .insertInto('risks')
        .values({ id: risk.id, org_id: scope.orgId, ...columns(risk) })
        .execute();
    },
    async list(scope) {
      const rows = await db
        .selectFrom('risks')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const links = await controlsOf(
        scope.orgId,
        rows.map((r) => r.id),
      );
      return rows.map((r) => toRisk(r, links.get(r.id) ?? []));
    },
    async find(scope, id) {
      const row = await db
        .selectFrom('risks')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      return toRisk(row, (await controlsOf(scope.orgId, [id])).get(id) ?? []);
    },
    async update(scope, risk, expectedVersion, at) {
      const result = await db
        .updateTable('risks')
        .set((eb) => ({ ...columns(risk), updated_at: at, version: eb('version', '+', 1) }))
        .where('org_id', '=', scope.orgId)
        .where('id', '=', risk.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async setControls(scope, riskId, controlIds) {
      await db
        .deleteFrom('risk_controls')
        .where('org_id', '=', scope.orgId)
        .where('risk_id', '=', riskId)
        .execute();
      if (controlIds.length === 0) return;
      await db
        .insertInto('risk_controls')
        .values(controlIds.map((control_id) => ({ org_id: scope.orgId, risk_id: riskId, control_id })))
        .execute();
    },
  };
}
