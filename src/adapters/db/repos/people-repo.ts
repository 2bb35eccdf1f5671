import type { Kysely, Selectable } from 'kysely';
import type { Repositories } from '../../../app/ports.ts';
import type {
  TChecklistMark,
  TMarkedItem,
  TPerson,
  TPersonAccount,
  TTrainingCompletion,
} from '../../../domain/people/person.ts';
import type { DB, PeopleTable } from '../schema.ts';

const BATCH = 500;

const toPerson = (r: Selectable<PeopleTable>): TPerson => ({
  id: r.id,
  version: r.version,
  email: r.email,
  name: r.name,
  type: r.type as TPerson['type'],
  department: r.department,
  title: r.title,
  managerEmail: r.manager_email,
  startDate: r.start_date,
  endDate: r.end_date,
  inScope: r.in_scope,
  source: r.source as TPerson['source'],
  sourceIntegration: r.source_integration,
  backgroundCheck: {
    status: r.background_check_status as TPerson['backgroundCheck']['status'],
    date: r.background_check_date,
    provider: r.background_check_provider,
    exemption: r.background_check_exemption,
  },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = (p: TPerson) => ({
  email: p.email,
  name: p.name,
  type: p.type,
  department: p.department,
  title: p.title,
  manager_email: p.managerEmail,
  start_date: p.startDate,
  end_date: p.endDate,
  in_scope: p.inScope,
  source: p.source,
  source_integration: p.sourceIntegration,
  background_check_status: p.backgroundCheck.status,
  background_check_date: p.backgroundCheck.date,
  background_check_provider: p.backgroundCheck.provider,
  background_check_exemption: p.backgroundCheck.exemption,
});

export function peopleRepo(db: Kysely<DB>): Repositories['people'] {
  return {
    async list(scope) {
      const rows = await db
        .selectFrom('people')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy('name')
        .orderBy('email')
        .execute();
      return rows.map(toPerson);
    },
    async find(scope, id) {
      const row = await db
        .selectFrom('people')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toPerson(row) : null;
    },
    async findByEmail(scope, email) {
      const row = await db
        .selectFrom('people')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row ? toPerson(row) : null;
    },
    async insert(scope, person) {
      await db
        .insertInto('people')
        .values({
          id: person.id,
          org_id: scope.orgId,
          ...columns(person),
          version: person.version,
          created_at: person.createdAt,
          updated_at: person.updatedAt,
        })
        .execute();
    },
    async update(scope, person, expectedVersion, at) {
      const result = await db
        .updateTable('people')
        .set((eb) => ({ ...columns(person), updated_at: at, version: eb('version', '+', 1) }))
        .where('org_id', '=', scope.orgId)
        .where('id', '=', person.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async listMarks(scope) {
      const rows = await db
        .selectFrom('person_checklist_marks')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .execute();
      return rows.map(
        (r): TChecklistMark => ({
          personId: r.person_id,
          item: r.item as TMarkedItem,
          doneOn: r.done_on,
          note: r.note,
          deviceId: r.device_id,
          recordedBy: r.recorded_by,
          recordedAt: r.recorded_at,
        }),
      );
    },
    async setMark(scope, mark) {
      const values = {
        done_on: mark.doneOn,
        note: mark.note,
        device_id: mark.deviceId,
        recorded_by: mark.recordedBy,
        recorded_at: mark.recordedAt,
      };
      await db
        .insertInto('person_checklist_marks')
        .values({ org_id: scope.orgId, person_id: mark.personId, item: mark.item, ...values })
        .onConflict((oc) => oc.columns(['org_id', 'person_id', 'item']).doUpdateSet(values))
        .execute();
    },
    async removeMark(scope, personId, item) {
      const result = await db
        .deleteFrom('person_checklist_marks')
        .where('org_id', '=', scope.orgId)
        .where('person_id', '=', personId)
        .where('item', '=', item)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async listCompletions(scope, personId) {
      let query = db.selectFrom('training_completions').selectAll().where('org_id', '=', scope.orgId);
      if (personId !== undefined) query = query.where('person_id', '=', personId);
      const rows = await query.orderBy('completed_at').orderBy('id').execute();
      return rows.map(
        (r): TTrainingCompletion => ({
          id: r.id,
          personId: r.person_id,
          courseId: r.course_id,
          courseVersion: r.course_version,
          completedAt: r.completed_at,
          source: r.source as TTrainingCompletion['source'],
          recordedBy: r.recorded_by,
        }),
      );
    },
    async addCompletion(scope, c) {
      const inserted = await db
        .insertInto('training_completions')
        .values({
          id: c.id,
          org_id: scope.orgId,
          person_id: c.personId,
          course_id: c.courseId,
          course_version: c.courseVersion,
          completed_at: c.completedAt,
          source: c.source,
          recorded_by: c.recordedBy,
        })
        .onConflict((oc) =>
          oc.columns(['org_id', 'person_id', 'course_id', 'course_version', 'completed_at']).doNothing(),
        )
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async listAccounts(scope) {
      const rows = await db
        .selectFrom('person_accounts')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy('system')
        .orderBy('account_name')
        .execute();
      return rows.map(
        (r): TPersonAccount => ({
          personId: r.person_id,
          integrationId: r.integration_id,
          system: r.system,
          resourceType: r.resource_type,
          accountId: r.account_id,
          accountName: r.account_name,
          status: r.status,
          active: r.active,
          seenAt: r.seen_at,
        }),
      );
    },
    async replaceAccounts(scope, accounts) {
      await db.deleteFrom('person_accounts').where('org_id', '=', scope.orgId).execute();
      for (let i = 0; i < accounts.length; i += BATCH) {
        await db
          .insertInto('person_accounts')
          .values(
            accounts.slice(i, i + BATCH).map((a) => ({
              org_id: scope.orgId,
              person_id: a.personId,
              integration_id: a.integrationId,
              system: a.system,
              resource_type: a.resourceType,
              account_id: a.accountId,
              account_name: a.accountName,
              status: a.status,
              active: a.active,
              seen_at: a.seenAt,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['org_id', 'person_id', 'integration_id', 'resource_type', 'account_id']).doNothing(),
          )
          .execute();
      }
    },
    async dueForRefresh(now, limit, types) {
      const rows = await db
        .selectFrom('organizations as o')
        .leftJoin('integrations as p', (join) =>
          join.onRef('p.org_id', '=', 'o.id').on('p.type', '=', types.people),
        )
        .select(['o.id as org_id', 'p.id as integration_id', 'p.next_run_at'])
        .where((eb) =>
          eb.or([
            eb.and([eb('p.id', 'is not', null), eb('p.next_run_at', '<=', now)]),
            eb.and([
              eb('p.id', 'is', null),
              eb.exists(
                eb
                  .selectFrom('integrations as i')
                  .select('i.id')
                  .whereRef('i.org_id', '=', 'o.id')
                  .where('i.type', 'in', [...types.accounts]),
              ),
            ]),
          ]),
        )
        .orderBy('p.next_run_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        orgId: r.org_id,
        integrationId: r.integration_id,
        nextRunAt: r.next_run_at,
      }));
    },
  };
}
