import type { Kysely } from 'kysely';
import type { Repositories, TTask } from '../../../app/ports.ts';
import type { DB } from '../schema.ts';

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
        })
        .execute();
    },
    async list(scope) {
      const rows = await db
        .selectFrom('tasks')
        .selectAll()
        .where('org_id', '=', scope.orgId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(
        (r): TTask => ({
          id: r.id,
          title: r.title,
          description: r.description,
          controlId: r.control_id,
          criterionId: r.criterion_id,
          assigneeUserId: r.assignee_user_id,
          status: r.status as TTask['status'],
          dueDate: r.due_date,
        }),
      );
    },
  };
}
