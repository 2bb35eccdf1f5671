import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import type { TAuditView } from './queries.ts';

type TContact = { name: string; email: string; role: string };

/**
 * Records an audit, or edits its firm, contacts and dates at the version shown. A new audit left on "as the
 * program" covers the program's as-of date or window.
 */
export function AuditForm({
  audit,
  onDone,
  onCancel,
}: {
  audit?: TAuditView | undefined;
  onDone: (audit: TAuditView) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [form, setForm] = useState({
    firmName: audit?.firmName ?? '',
    reportType: (audit?.reportType ?? '') as '' | 'type1' | 'type2',
    asOfDate: audit?.asOfDate ?? '',
    windowStart: audit?.windowStart ?? '',
    windowEnd: audit?.windowEnd ?? '',
  });
  const [contacts, setContacts] = useState<TContact[]>(
    audit?.contacts.map((c) => ({ ...c, role: c.role ?? '' })) ?? [{ name: '', email: '', role: '' }],
  );

  const save = useMutation({
    mutationFn: async (): Promise<TAuditView> => {
      const dates =
        form.reportType === 'type1'
          ? {
              reportType: form.reportType,
              asOfDate: form.asOfDate || null,
              windowStart: null,
              windowEnd: null,
            }
          : form.reportType === 'type2'
            ? {
                reportType: form.reportType,
                asOfDate: null,
                windowStart: form.windowStart || null,
                windowEnd: form.windowEnd || null,
              }
            : {};
      const fields = {
        firmName: form.firmName.trim(),
        contacts: contacts
          .filter((c) => c.name.trim() || c.email.trim())
          .map((c) => ({ name: c.name, email: c.email, role: c.role.trim() || null })),
        ...dates,
      };
      if (!audit)
        return unwrap(
          api.POST('/api/v1/orgs/{org}/audits', { params: { path: { org: org.slug } }, body: fields }),
        );
      return unwrap(
        api.PATCH('/api/v1/orgs/{org}/audits/{auditId}', {
          params: { path: { org: org.slug, auditId: audit.id } },
          body: { version: audit.version, ...fields },
        }),
      );
    },
    onSuccess: async (saved) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'audits'] });
      onDone(saved);
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    save.mutate();
  }

  const setContact = (i: number, change: Partial<TContact>) =>
    setContacts(contacts.map((c, j) => (j === i ? { ...c, ...change } : c)));
  const heading = audit ? 'Edit the audit' : 'New audit';
  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label={heading}>
      <h2>{heading}</h2>
      <Field label="Audit firm" error={errors.fields.firmName}>
        {(p) => (
          <input
            {...p}
            value={form.firmName}
            maxLength={200}
            required
            onChange={(e) => setForm({ ...form, firmName: e.target.value })}
          />
        )}
      </Field>
      <fieldset className="stack-tight">
        <legend>Contacts at the firm</legend>
        {contacts.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: contacts have no id; rows are only appended
          <div className="audits-contact" key={i}>
            <Field label={`Contact ${i + 1} name`}>
              {(p) => (
                <input {...p} value={c.name} onChange={(e) => setContact(i, { name: e.target.value })} />
              )}
            </Field>
            <Field label={`Contact ${i + 1} email`}>
              {(p) => (
                <input
                  {...p}
                  type="email"
                  value={c.email}
                  onChange={(e) => setContact(i, { email: e.target.value })}
                />
              )}
            </Field>
            <Field label={`Contact ${i + 1} role`}>
              {(p) => (
                <input {...p} value={c.role} onChange={(e) => setContact(i, { role: e.target.value })} />
              )}
            </Field>
          </div>
        ))}
        {errors.fields.contacts && (
          <div className="field-error" role="alert">
            {errors.fields.contacts}
          </div>
        )}
        <div className="row">
          <button
            type="button"
            className="button button-small"
            onClick={() => setContacts([...contacts, { name: '', email: '', role: '' }])}
          >
            Another contact
          </button>
        </div>
      </fieldset>
      <div className="two-col">
        <Field
          label="Report type"
          hint={audit ? undefined : 'Left as the program, the audit covers its as-of date or window.'}
          error={errors.fields.reportType}
        >
          {(p) => (
            <select
              {...p}
              value={form.reportType}
              onChange={(e) => setForm({ ...form, reportType: e.target.value as typeof form.reportType })}
            >
              {!audit && <option value="">As the program</option>}
              <option value="type1">Type 1 (as of a date)</option>
              <option value="type2">Type 2 (an observation window)</option>
            </select>
          )}
        </Field>
        {form.reportType === 'type1' && (
          <Field label="As-of date" error={errors.fields.asOfDate}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={form.asOfDate}
                onChange={(e) => setForm({ ...form, asOfDate: e.target.value })}
              />
            )}
          </Field>
        )}
      </div>
      {form.reportType === 'type2' && (
        <div className="two-col">
          <Field label="Window start" error={errors.fields.windowStart}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={form.windowStart}
                onChange={(e) => setForm({ ...form, windowStart: e.target.value })}
              />
            )}
          </Field>
          <Field label="Window end" hint="3 to 12 months after the start." error={errors.fields.windowEnd}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={form.windowEnd}
                onChange={(e) => setForm({ ...form, windowEnd: e.target.value })}
              />
            )}
          </Field>
        </div>
      )}
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : audit ? 'Save audit' : 'Record audit'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
