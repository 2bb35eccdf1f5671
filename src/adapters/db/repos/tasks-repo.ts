import type { Kysely } from 'kysely';
import type { Repositories, TTask } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

type Row = {
  id: string;
  title: string;
  description: string;
  control_id: string | null;
  criterion_id: string | null;
  assignee_user_id: string | null;
  status: string;
  due_date: string | null;
  version: number;
};

const toTask = (r: Row): TTask => ({
  id: r.id,
  version: r.version,
  title: r.title,
  description: r.description,
  controlId: r.control_id,
  criterionId: r.criterion_id,
  assigneeUserId: r.assignee_user_id,
  status: r.status as TTask['status'],
  dueDate: r.due_date,
});

export function tasksRepo(db: Kysely<DB>): Repositories['tasks'] {
  return {
    async insert(scope, task) {
      await db
        .insertInto('tasks')
        .values({
          id: task.id,
          org_id: scope.orgId,
          title: task.title,
          description: task.description,
          control_id: task.controlId,
          criterion_id: task.criterionId,
          assignee_user_id: task.assigneeUserId,
          status: task.status,
          due_date: task.dueDate,
          completed_at: null,
        })
        .execute();
    },
    async list(scope, filter = {}) {
      let query = db.selectFrom('tasks').selectAll().where('org_id', '=', scope.orgId);
      if (filter.assigneeUserId !== undefined)
        query = query.where('assignee_user_id', '=', filter.assigneeUserId);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      const rows = await query.orderBy('created_at').orderBy('id').execute();
      return rows.map(toTask);
    },
    async find(scope, id) {
      const row = await db
        .selectFrom('tasks')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toTask(row) : null;
    },
    async update(scope, task, expectedVersion, at) {
      const result = await db
        .updateTable('tasks')
        .set((eb) => ({
          title: task.title,
          description: task.description,
          control_id: task.controlId,
          criterion_id: task.criterionId,
          assignee_user_id: task.assigneeUserId,
          status: task.status,
          due_date: task.dueDate,
          completed_at: task.status === 'done' ? at : null,
          updated_at: at,
          version: eb('version', '+', 1),
        }))
        .where('org_id', '=', scope.orgId)
        .where('id', '=', task.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async listOverdue(scope, today) {
      const rows = await db
        .selectFrom('tasks')
        .leftJoin('users', 'users.id', 'tasks.assignee_user_id')
        .leftJoin('controls', (join) =>
          join.onRef('controls.id', '=', 'tasks.control_id').onRef('controls.org_id', '=', 'tasks.org_id'),
        )
        .select([
          'tasks.id',
          'tasks.title',
          'tasks.due_date',
          'tasks.status',
          'tasks.assignee_user_id',
          'users.email',
          'users.display_name',
          'controls.code',
        ])
        .where('tasks.org_id', '=', scope.orgId)
        .where('tasks.status', '!=', 'done')
        .where('tasks.due_date', '<', today)
        .orderBy('tasks.due_date')
        .orderBy('tasks.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        dueDate: r.due_date ?? '',
        status: r.status as 'todo' | 'in_progress',
        assignee:
          r.assignee_user_id && r.email
            ? { userId: r.assignee_user_id, email: r.email, name: r.display_name ?? null }
            : null,
        controlCode: r.code ?? null,
      }));
    },
  };
}
