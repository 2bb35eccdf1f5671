import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import type { TAuditRequestView } from './queries.ts';

/** Adds one request to the audit's list (the auditor's, or an owner's or admin's). */
export function RequestForm({
  auditId,
  onDone,
  onCancel,
}: {
  auditId: string;
  onDone: (request: TAuditRequestView) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [form, setForm] = useState({
    ref: '',
    title: '',
    description: '',
    controlCode: '',
    criterionId: '',
    dueDate: '',
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/audits/{auditId}/requests', {
          params: { path: { org: org.slug, auditId } },
          body: {
            ...(form.ref.trim() ? { ref: form.ref.trim() } : {}),
            title: form.title.trim(),
            description: form.description.trim(),
            controlCode: form.controlCode.trim() || null,
            criterionId: form.criterionId.trim() || null,
            dueDate: form.dueDate || null,
          },
        }),
      ),
    onSuccess: async (r) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'audits'] });
      onDone(r);
    },
    onError: (error) => errors.show(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    save.mutate();
  }
  const text = (key: keyof typeof form, label: string, hint?: string, type = 'text') => (
    <Field label={label} hint={hint} error={errors.fields[key]}>
      {(p) => (
        <input
          {...p}
          type={type}
          value={form[key]}
          onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label="New request">
      <h2>New request</h2>
      <div className="two-col">
        {text('title', 'Title')}
        {text('ref', 'Reference', 'Optional: the next R-NNN otherwise.')}
      </div>
      <Field label="Description" error={errors.fields.description}>
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
        {text('controlCode', 'Control', 'Optional, e.g. AC-01.')}
        {text('criterionId', 'Criterion', 'Optional, e.g. CC6.1.')}
        {text('dueDate', 'Due date', undefined, 'date')}
      </div>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Adding…' : 'Add request'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
