import type { Kysely } from 'kysely';
import type { OrgScope, Repositories } from '../../../app/ports.ts';
import type { TAuditRequest, TRequestStatus } from '../../../domain/audit/audit-request.ts';
import type { DB } from '../schema.ts';

/** The requests of an audit with their evidence, comments and walkthroughs; always within one organization. */
export function auditRequestsRepo(db: Kysely<DB>): Repositories['auditRequests'] {
  async function select(scope: OrgScope, auditId: string, id?: string): Promise<TAuditRequest[]> {
    let query = db
      .selectFrom('audit_requests as r')
      .leftJoin('controls as c', (join) =>
        join.onRef('c.org_id', '=', 'r.org_id').onRef('c.id', '=', 'r.control_id'),
      )
      .select([
        'r.id',
        'r.ref',
        'r.title',
        'r.description',
        'c.code as controlCode',
        'r.criterion_id as criterionId',
        'r.due_date as dueDate',
        'r.status',
        'r.flag_reason as flagReason',
      ])
      .where('r.org_id', '=', scope.orgId)
      .where('r.audit_id', '=', auditId);
    if (id !== undefined) query = query.where('r.id', '=', id);
    const rows = await query.orderBy('r.ref').orderBy('r.id').execute();
    if (rows.length === 0) return [];
    const links = await db
      .selectFrom('audit_request_evidence')
      .select(['request_id', 'evidence_id'])
      .where('org_id', '=', scope.orgId)
      .where(
        'request_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('attached_at')
      .orderBy('evidence_id')
      .execute();
    const evidence = new Map<string, string[]>();
    for (const l of links) evidence.set(l.request_id, [...(evidence.get(l.request_id) ?? []), l.evidence_id]);
    return rows.map((r) => ({
      ...r,
      status: r.status as TRequestStatus,
      evidenceIds: evidence.get(r.id) ?? [],
    }));
  }

  return {
    async insertMany(scope, requests) {
      if (requests.length === 0) return;
      await db
        .insertInto('audit_requests')
        .values(
          requests.map((r) => ({
            id: r.id,
            org_id: scope.orgId,
            audit_id: r.auditId,
            ref: r.ref,
            title: r.title,
            description: r.description,
            control_id: r.controlId,
            criterion_id: r.criterionId,
            due_date: r.dueDate,
            created_by: r.createdBy,
            created_at: r.createdAt,
            updated_at: r.createdAt,
          })),
        )
        .execute();
    },
    list: (scope, auditId) => select(scope, auditId),
    async find(scope, auditId, id) {
      return (await select(scope, auditId, id))[0] ?? null;
    },
    async setStatus(scope, id, change) {
      const result = await db
        .updateTable('audit_requests')
        .set({ status: change.to, flag_reason: change.flagReason, updated_at: change.at })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .where('status', '=', change.from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async attachEvidence(scope, id, evidenceIds, by, at) {
      if (evidenceIds.length === 0) return;
      await db
        .insertInto('audit_request_evidence')
        .values(
          evidenceIds.map((evidence_id) => ({
            org_id: scope.orgId,
            request_id: id,
            evidence_id,
            attached_by: by,
            attached_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['org_id', 'request_id', 'evidence_id']).doNothing())
        .execute();
    },
    async evidenceIdsOfAudit(scope, auditId) {
      const rows = await db
        .selectFrom('audit_request_evidence as e')
        .innerJoin('audit_requests as r', (join) =>
          join.onRef('r.org_id', '=', 'e.org_id').onRef('r.id', '=', 'e.request_id'),
        )
        .select('e.evidence_id')
        .distinct()
        .where('e.org_id', '=', scope.orgId)
        .where('r.audit_id', '=', auditId)
        .execute();
      return rows.map((r) => r.evidence_id);
    },
    async addComment(scope, comment) {
      await db
        .insertInto('audit_request_comments')
        .values({
          id: comment.id,
          org_id: scope.orgId,
          request_id: comment.requestId,
          author: comment.author,
          body: comment.body,
          created_at: comment.createdAt,
        })
        .execute();
    },
    async listComments(scope, auditId) {
      return db
        .selectFrom('audit_request_comments as c')
        .innerJoin('audit_requests as r', (join) =>
          join.onRef('r.org_id', '=', 'c.org_id').onRef('r.id', '=', 'c.request_id'),
        )
        .select(['c.id', 'c.request_id as requestId', 'c.author', 'c.body', 'c.created_at as createdAt'])
        .where('c.org_id', '=', scope.orgId)
        .where('r.audit_id', '=', auditId)
        .orderBy('c.created_at')
        .orderBy('c.id')
        .execute();
    },
    async addWalkthrough(scope, w) {
      await db
        .insertInto('audit_walkthroughs')
        .values({
          id: w.id,
          org_id: scope.orgId,
          request_id: w.requestId,
          scheduled_at: w.scheduledAt,
          attendees: JSON.stringify(w.attendees),
          notes: w.notes,
          created_by: w.createdBy,
          created_at: w.createdAt,
        })
        .execute();
    },
    async listWalkthroughs(scope, auditId) {
      return db
        .selectFrom('audit_walkthroughs as w')
        .innerJoin('audit_requests as r', (join) =>
          join.onRef('r.org_id', '=', 'w.org_id').onRef('r.id', '=', 'w.request_id'),
        )
        .select([
          'w.id',
          'w.request_id as requestId',
          'w.scheduled_at as scheduledAt',
          'w.attendees',
          'w.notes',
          'w.created_by as createdBy',
          'w.created_at as createdAt',
        ])
        .where('w.org_id', '=', scope.orgId)
        .where('r.audit_id', '=', auditId)
        .orderBy('w.scheduled_at')
        .orderBy('w.id')
        .execute();
    },
  };
}
