import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import type { TPersonDetail } from './queries.ts';

/** Adds a person by hand, or edits one at the version shown (an end date makes them a leaver). */
export function PersonForm({
  person,
  onDone,
  onCancel,
}: {
  person?: TPersonDetail | undefined;
  onDone: (person: TPersonDetail) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [form, setForm] = useState({
    email: person?.email ?? '',
    name: person?.name ?? '',
    type: person?.type ?? 'employee',
    department: person?.department ?? '',
    title: person?.title ?? '',
    managerEmail: person?.managerEmail ?? '',
    startDate: person?.startDate ?? '',
    endDate: person?.endDate ?? '',
    inScope: person?.inScope ?? true,
  });
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });

  const save = useMutation({
    mutationFn: async (): Promise<TPersonDetail> => {
      const fields = {
        email: form.email.trim(),
        name: form.name.trim(),
        type: form.type,
        department: form.department.trim() || null,
        title: form.title.trim() || null,
        managerEmail: form.managerEmail.trim() || null,
        startDate: form.startDate,
        endDate: form.endDate || null,
        inScope: form.inScope,
      };
      if (!person)
        return unwrap(
          api.POST('/api/v1/orgs/{org}/people', { params: { path: { org: org.slug } }, body: fields }),
        );
      return unwrap(
        api.PATCH('/api/v1/orgs/{org}/people/{id}', {
          params: { path: { org: org.slug, id: person.id } },
          body: { version: person.version, ...fields },
        }),
      );
    },
    onSuccess: async (saved) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onDone(saved);
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    save.mutate();
  }

  const text = (
    key: 'email' | 'name' | 'department' | 'title' | 'managerEmail',
    label: string,
    hint?: string,
  ) => (
    <Field label={label} hint={hint} error={errors.fields[key]}>
      {(p) => (
        <input
          {...p}
          type={key === 'email' || key === 'managerEmail' ? 'email' : 'text'}
          value={form[key]}
          maxLength={key.endsWith('mail') ? 254 : 200}
          onChange={(e) => set({ [key]: e.target.value })}
        />
      )}
    </Field>
  );
  const heading = person ? `Edit ${person.name}` : 'Add a person';
  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label={heading}>
      <h2>{heading}</h2>
      <div className="two-col">
        {text(
          'email',
          'Email',
          'The work email: it matches their Attestly account and identity-provider accounts.',
        )}
        {text('name', 'Name')}
        <Field label="Type" error={errors.fields.type}>
          {(p) => (
            <select
              {...p}
              value={form.type}
              onChange={(e) => set({ type: e.target.value as typeof form.type })}
            >
              <option value="employee">Employee</option>
              <option value="contractor">Contractor</option>
            </select>
          )}
        </Field>
        {text('department', 'Department')}
        {text('title', 'Title or role')}
        {text('managerEmail', 'Manager email')}
        <Field label="Start date" error={errors.fields.startDate}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.startDate}
              onChange={(e) => set({ startDate: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="End date"
          hint="The last working day; empty while they stay."
          error={errors.fields.endDate}
        >
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.endDate}
              onChange={(e) => set({ endDate: e.target.value })}
            />
          )}
        </Field>
      </div>
      <label className="choice">
        <input type="checkbox" checked={form.inScope} onChange={(e) => set({ inScope: e.target.checked })} />{' '}
        In the audit's scope (their checklist is tested)
      </label>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : person ? 'Save person' : 'Add person'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
