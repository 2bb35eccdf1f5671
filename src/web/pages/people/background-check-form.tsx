import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import type { TPersonDetail } from './queries.ts';

/** Records the background check (status, date, provider) or an exemption with its reason. */
export function BackgroundCheckForm({
  person,
  onClose,
}: {
  person: TPersonDetail;
  onClose: (saved: boolean) => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const check = person.backgroundCheck;
  const [exempt, setExempt] = useState(check.exemption !== null);
  const [form, setForm] = useState({
    status: check.status,
    date: check.date ?? '',
    provider: check.provider ?? '',
    exemption: check.exemption ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/people/{id}/background-check', {
          params: { path: { org: org.slug, id: person.id } },
          body: {
            version: person.version,
            status: form.status,
            date: form.date || null,
            provider: form.provider.trim() || null,
            exemption: exempt ? form.exemption : null,
          },
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onClose(true);
    },
    onError: (error) => errors.show(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    save.mutate();
  }
  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label="Background check">
      <h3>Background check</h3>
      <label className="choice">
        <input type="checkbox" checked={exempt} onChange={(e) => setExempt(e.target.checked)} /> Exempt from
        the check
      </label>
      {exempt ? (
        <Field
          label="Reason for the exemption"
          hint="Who approved it and why: a legal limit where they work, screening done by the contractor's agency…"
          error={errors.fields.exemption}
        >
          {(p) => (
            <textarea
              {...p}
              className="short"
              value={form.exemption}
              maxLength={2000}
              onChange={(e) => setForm({ ...form, exemption: e.target.value })}
            />
          )}
        </Field>
      ) : (
        <div className="two-col">
          <Field label="Status" error={errors.fields.status}>
            {(p) => (
              <select
                {...p}
                value={form.status}
                onChange={(e) => setForm({ ...form, status: e.target.value as typeof form.status })}
              >
                <option value="not_started">Not started</option>
                <option value="in_progress">In progress</option>
                <option value="completed">Completed</option>
              </select>
            )}
          </Field>
          <Field label="Date" hint="When it completed (or started)." error={errors.fields.date}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={form.date}
                onChange={(e) => setForm({ ...form, date: e.target.value })}
              />
            )}
          </Field>
          <Field label="Provider" error={errors.fields.provider}>
            {(p) => (
              <input
                {...p}
                value={form.provider}
                maxLength={200}
                onChange={(e) => setForm({ ...form, provider: e.target.value })}
              />
            )}
          </Field>
        </div>
      )}
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save background check'}
        </button>
        <button type="button" className="button" onClick={() => onClose(false)} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
