import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Field } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { todayIso } from './controls/format.ts';
import { isOverdue, type TTask, useTasks } from './tasks/queries.ts';
import { TaskBoard } from './tasks/task-board.tsx';
import { TaskForm } from './tasks/task-form.tsx';

const NOBODY = '-';

/**
 * Remediation tasks as a board. The new-task form opens with ?new=1 (and ?control=AC-01 to point it at a
 * control); the assignee filter is ?assignee=. Employees see only their own tasks: the server filters.
 */
export function TasksPage() {
  const org = useOrg();
  const tasks = useTasks(org.slug);
  const [params, setParams] = useSearchParams();
  const [created, setCreated] = useState<string | null>(null);
  const creating = params.get('new') === '1' && org.can('tasks:write');
  const assignee = params.get('assignee') ?? '';

  function closeForm() {
    const next = new URLSearchParams(params);
    next.delete('new');
    next.delete('control');
    setParams(next);
  }

  return (
    <Page
      title="Tasks"
      subtitle={
        org.role === 'employee'
          ? 'The tasks assigned to you.'
          : 'Who fixes which gap, by when. Overdue tasks are marked.'
      }
      actions={
        org.can('tasks:write') && !creating ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setCreated(null);
              const next = new URLSearchParams(params);
              next.set('new', '1');
              setParams(next);
            }}
          >
            New task
          </button>
        ) : null
      }
    >
      {creating && (
        <TaskForm
          initialControl={params.get('control') ?? ''}
          onCancel={closeForm}
          onDone={(task) => {
            setCreated(task.title);
            closeForm();
          }}
        />
      )}
      {created && (
        <p className="notice" role="status">
          Created "{created}".
        </p>
      )}
      <Query query={tasks} what="Loading tasks">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={org.role === 'employee' ? 'No tasks for you' : 'No tasks yet'}>
              {org.can('tasks:write')
                ? 'Create a task for each gap: a title, the control it fixes, who does it and by when.'
                : 'Tasks assigned to you will show here.'}
            </EmptyState>
          ) : (
            <>
              <Summary
                tasks={items}
                assignee={assignee}
                onAssignee={(value) => {
                  const next = new URLSearchParams(params);
                  if (value) next.set('assignee', value);
                  else next.delete('assignee');
                  setParams(next, { replace: true });
                }}
              />
              <TaskBoard tasks={items.filter((t) => !assignee || (t.assigneeEmail ?? NOBODY) === assignee)} />
            </>
          )
        }
      </Query>
    </Page>
  );
}

function Summary({
  tasks,
  assignee,
  onAssignee,
}: {
  tasks: TTask[];
  assignee: string;
  onAssignee: (value: string) => void;
}) {
  const org = useOrg();
  const today = todayIso();
  const overdue = tasks.filter((t) => isOverdue(t, today)).length;
  const open = tasks.filter((t) => t.status !== 'done').length;
  const people = [...new Set(tasks.map((t) => t.assigneeEmail).filter((e): e is string => !!e))].sort();
  return (
    <div className="filters">
      <p className="muted" aria-live="polite">
        {open} open{overdue > 0 ? `, ${overdue} overdue` : ''}.
      </p>
      {org.role !== 'employee' && (
        <Field label="Assignee">
          {(p) => (
            <select {...p} value={assignee} onChange={(e) => onAssignee(e.target.value)}>
              <option value="">Everyone</option>
              <option value={NOBODY}>Nobody yet</option>
              {people.map((email) => (
                <option key={email} value={email}>
                  {email === org.session.user.email ? `${email} (you)` : email}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </div>
  );
}
