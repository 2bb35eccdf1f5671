import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { MemberField } from '../../components/member-field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { useControls } from '../controls/queries.ts';
import type { TTask } from './queries.ts';

/** A new remediation task: what, about which control, who, by when. */
export function TaskForm({
  initialControl,
  onDone,
  onCancel,
}: {
  initialControl: string;
  onDone: (task: TTask) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const controls = useControls(org.slug, org.can('controls:read'));
  const errors = useFormErrors();
  const [form, setForm] = useState({
    title: '',
    description: '',
    controlCode: initialControl,
    assigneeEmail: '',
    dueDate: '',
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/tasks', {
          params: { path: { org: org.slug } },
          body: {
            title: form.title.trim(),
            ...(form.description.trim() ? { description: form.description.trim() } : {}),
            ...(form.controlCode ? { controlCode: form.controlCode } : {}),
            ...(form.assigneeEmail ? { assigneeEmail: form.assigneeEmail } : {}),
            ...(form.dueDate ? { dueDate: form.dueDate } : {}),
          },
        }),
      ),
    onSuccess: async (task) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onDone(task);
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (!form.title.trim())
      return errors.show(
        new ApiError(400, { error: { message: 'Give the task a title.', details: { field: 'title' } } }),
      );
    create.mutate();
  }

  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-labelledby="new-task">
      <h2 id="new-task">New task</h2>
      <Field label="Title" error={errors.fields.title}>
        {(p) => (
          <input
            {...p}
            value={form.title}
            maxLength={200}
            required
            onChange={(e) => setForm({ ...form, title: e.target.value })}
          />
        )}
      </Field>
      <Field label="Description" hint="Optional: what done looks like." error={errors.fields.description}>
        {(p) => (
          <textarea
            {...p}
            className="short"
            value={form.description}
            maxLength={10_000}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        )}
      </Field>
      <div className="two-col">
        {org.can('controls:read') && (
          <Field
            label="Control"
            error={errors.fields.controlCode ?? (controls.error ? controls.error.message : undefined)}
          >
            {(p) => (
              <select
                {...p}
                value={form.controlCode}
                onChange={(e) => setForm({ ...form, controlCode: e.target.value })}
              >
                <option value="">{controls.isPending ? 'Loading controls…' : 'No control'}</option>
                {(controls.data ?? []).map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} {c.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <MemberField
          label="Assignee"
          value={form.assigneeEmail}
          onChange={(assigneeEmail) => setForm({ ...form, assigneeEmail })}
          error={errors.fields.assigneeEmail}
        />
        <Field label="Due date" hint="Optional." error={errors.fields.dueDate}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.dueDate}
              onChange={(e) => setForm({ ...form, dueDate: e.target.value })}
            />
          )}
        </Field>
      </div>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create task'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={create.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
