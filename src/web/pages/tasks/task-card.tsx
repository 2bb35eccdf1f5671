import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { useMembers } from '../../api/members.ts';
import { Badge } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { formatDay } from '../controls/format.ts';
import { isOverdue, TASK_COLUMNS, type TTask, type TTaskStatus } from './queries.ts';

type TTaskChange = {
  status?: TTaskStatus;
  assigneeEmail?: string | null;
  dueDate?: string | null;
};

/** One task on the board: moved with a select, its assignee and due date edited in place. */
export function TaskCard({
  task,
  today,
  focusStatus,
  onMoved,
}: {
  task: TTask;
  today: string;
  /** After a move the card lands in another column: give its select the focus back there. */
  focusStatus: boolean;
  onMoved: (task: TTask) => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [editing, setEditing] = useState(false);
  const overdue = isOverdue(task, today);
  const statusSelect = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (focusStatus) statusSelect.current?.focus();
  }, [focusStatus]);
  const change = useMutation({
    mutationFn: (body: TTaskChange) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org}/tasks/{id}', {
          params: { path: { org: org.slug, id: task.id } },
          body: { version: task.version, ...body },
        }),
      ),
    onSuccess: async (updated, body) => {
      setEditing(false);
      if (body.status) onMoved(updated);
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        errors.show(
          new Error('Someone else changed this task meanwhile; it now shows their change. Try again.'),
        );
        await queries.invalidateQueries({ queryKey: ['org', org.slug, 'tasks'] });
      } else errors.show(error);
    },
  });

  return (
    <article
      id={`task-${task.id}`}
      className={`task-card${overdue ? ' overdue' : ''}`}
      aria-labelledby={`task-${task.id}-title`}
    >
      <h3 id={`task-${task.id}-title`}>{task.title}</h3>
      {task.description && <p className="task-text">{task.description}</p>}
      <dl className="task-meta">
        {task.controlCode && (
          <>
            <dt>Control</dt>
            <dd>
              <Link to={`/o/${org.slug}/controls/${encodeURIComponent(task.controlCode)}`}>
                {task.controlCode}
              </Link>
            </dd>
          </>
        )}
        {task.criterionId && (
          <>
            <dt>Criterion</dt>
            <dd>
              <Link to={`/o/${org.slug}/criteria/${encodeURIComponent(task.criterionId)}`}>
                {task.criterionId}
              </Link>
            </dd>
          </>
        )}
        <dt>Assignee</dt>
        <dd>{task.assigneeEmail ?? <span className="muted">Nobody yet</span>}</dd>
        <dt>Due</dt>
        <dd>
          {task.dueDate ? formatDay(task.dueDate) : <span className="muted">No date</span>}{' '}
          {overdue && <Badge status="overdue" />}
        </dd>
      </dl>
      {org.can('tasks:write') && !editing && (
        <div className="task-actions">
          <label className="visually-hidden" htmlFor={`task-${task.id}-status`}>
            Move "{task.title}" to
          </label>
          <select
            ref={statusSelect}
            id={`task-${task.id}-status`}
            className="input"
            value={task.status}
            disabled={change.isPending}
            onChange={(e) => {
              errors.clear();
              change.mutate({ status: e.target.value as TTaskStatus });
            }}
          >
            {TASK_COLUMNS.map((c) => (
              <option key={c.status} value={c.status}>
                {c.title}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              errors.clear();
              setEditing(true);
            }}
            aria-label={`Edit assignee and due date of "${task.title}"`}
          >
            Edit
          </button>
        </div>
      )}
      {editing && (
        <EditTask
          task={task}
          busy={change.isPending}
          errors={errors}
          onSave={(body) => change.mutate(body)}
          onCancel={() => {
            errors.clear();
            setEditing(false);
          }}
        />
      )}
      {!editing && <FormError error={errors.form} />}
    </article>
  );
}

function EditTask({
  task,
  busy,
  errors,
  onSave,
  onCancel,
}: {
  task: TTask;
  busy: boolean;
  errors: ReturnType<typeof useFormErrors>;
  onSave: (body: TTaskChange) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const members = useMembers(org.slug, org.can('members:read'));
  const [assignee, setAssignee] = useState(task.assigneeEmail ?? '');
  const [dueDate, setDueDate] = useState(task.dueDate ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const body: TTaskChange = {};
    if ((assignee || null) !== task.assigneeEmail) body.assigneeEmail = assignee || null;
    if ((dueDate || null) !== task.dueDate) body.dueDate = dueDate || null;
    if (Object.keys(body).length === 0) return onCancel();
    onSave(body);
  }

  const emails = (members.data?.items ?? []).map((m) => m.email);
  if (task.assigneeEmail && !emails.includes(task.assigneeEmail)) emails.unshift(task.assigneeEmail);

  return (
    <form className="stack task-edit" onSubmit={submit} noValidate>
      {org.can('members:read') && (
        <Field label="Assignee" error={errors.fields.assigneeEmail}>
          {(p) => (
            <select {...p} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">Nobody</option>
              {emails.map((email) => (
                <option key={email} value={email}>
                  {email}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Due date" hint="Empty: no due date." error={errors.fields.dueDate}>
        {(p) => <input {...p} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />}
      </Field>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary button-small" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button-small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
