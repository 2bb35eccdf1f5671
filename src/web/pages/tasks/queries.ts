import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { fetchAll } from '../controls/queries.ts';

export type TTask =
  paths['/api/v1/orgs/{org}/tasks']['get']['responses']['200']['content']['application/json']['items'][number];
export type TTaskStatus = TTask['status'];

export const TASK_COLUMNS: { status: TTaskStatus; title: string }[] = [
  { status: 'todo', title: 'To do' },
  { status: 'in_progress', title: 'In progress' },
  { status: 'done', title: 'Done' },
];

/** The tasks the caller may see (an employee gets only their own: the server filters). */
export function useTasks(org: string, enabled = true) {
  return useQuery({
    queryKey: ['org', org, 'tasks'],
    enabled,
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/tasks', { params: { path: { org }, query: { limit: 500, offset } } }),
        ),
      ),
  });
}

/** Not done and due before today. */
export function isOverdue(task: Pick<TTask, 'status' | 'dueDate'>, today: string): boolean {
  return task.status !== 'done' && task.dueDate !== null && task.dueDate < today;
}
