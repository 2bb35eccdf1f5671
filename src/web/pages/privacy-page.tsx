import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { PRIVACY_REGISTER_KINDS, REGISTER_LABELS, type TPrivacyRegister } from '../../domain/privacy.ts';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/openapi.d.ts';
import { Badge } from '../components/badge.tsx';
import { Field, FormError } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { usePaged } from '../components/pager.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { useOrg } from '../org.ts';
import { fromInput, REGISTER_FIELDS, type TFieldSpec, toInput } from './privacy/register-fields.ts';

type TEntry =
  paths['/api/v1/orgs/{org}/privacy/{register}']['get']['responses']['200']['content']['application/json']['items'][number];

const keys = {
  summary: (slug: string) => ['org', slug, 'privacy'] as const,
  register: (slug: string, register: string) => ['org', slug, 'privacy', register] as const,
};

/**
 * The data inventory (C1.1, C1.2) and, with Privacy in scope, the privacy registers: notices, consent,
 * data-subject requests, disclosures, breaches and vendor commitments, with their deadlines.
 */
export function PrivacyPage() {
  const org = useOrg();
  const summary = useQuery({
    queryKey: keys.summary(org.slug),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/privacy', { params: { path: { org: org.slug } } })),
  });
  const [current, setCurrent] = useState<TPrivacyRegister>('data_asset');
  return (
    <Page
      title="Data & privacy"
      subtitle="What data you hold, where, how it is classified, how long you keep it and how it is disposed of; with Privacy in scope, the privacy registers too."
    >
      <Query query={summary} what="Loading the registers">
        {(data) => (
          <>
            {data.privacyInScope ? null : (
              <p className="small muted">
                Privacy is not in scope: only the data inventory is kept. Add the Privacy category to the
                program to keep notices, consent, requests, disclosures, breaches and vendor commitments.
              </p>
            )}
            <nav className="privacy-tabs" aria-label="Registers">
              <ul>
                {data.registers
                  .filter((r) => r.open)
                  .map((r) => (
                    <li key={r.register}>
                      <button
                        type="button"
                        className={r.register === current ? 'button button-primary' : 'button'}
                        aria-pressed={r.register === current}
                        onClick={() => setCurrent(r.register as TPrivacyRegister)}
                      >
                        {r.label} ({r.entries}){r.overdue > 0 ? ` · ${r.overdue} overdue` : ''}
                      </button>
                    </li>
                  ))}
              </ul>
            </nav>
            {PRIVACY_REGISTER_KINDS.includes(current) ? <Register key={current} register={current} /> : null}
          </>
        )}
      </Query>
    </Page>
  );
}

function Register({ register }: { register: TPrivacyRegister }) {
  const org = useOrg();
  const queries = useQueryClient();
  const entries = useQuery({
    queryKey: keys.register(org.slug, register),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/privacy/{register}', {
          params: { path: { org: org.slug, register }, query: { limit: 500 } },
        }),
      ),
  });
  const [editing, setEditing] = useState<TEntry | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const writable = org.can('privacy:write');
  const file = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/privacy/{register}/evidence', {
          params: { path: { org: org.slug, register } },
        }),
      ),
    onSuccess: (r) => {
      setNotice(`Filed "${r.title}" as evidence for ${r.controlCodes.join(', ')}.`);
      void queries.invalidateQueries({ queryKey: ['org', org.slug, 'evidence'] });
    },
    onError: (e) => setNotice((e as Error).message),
  });
  const paged = usePaged(entries.data?.items ?? []);
  const fields = REGISTER_FIELDS[register];

  return (
    <section className="stack" aria-label={REGISTER_LABELS[register]}>
      <div className="row">
        {writable && editing === null ? (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            New entry
          </button>
        ) : null}
        {org.can('evidence:write') && (entries.data?.items.length ?? 0) > 0 ? (
          <button type="button" className="button" disabled={file.isPending} onClick={() => file.mutate()}>
            File as evidence
          </button>
        ) : null}
      </div>
      {notice ? (
        <p className="small" role="status">
          {notice}
        </p>
      ) : null}
      {editing !== null ? (
        <EntryForm
          key={editing === 'new' ? 'new' : editing.id}
          register={register}
          entry={editing === 'new' ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            setNotice(`Saved "${saved.label}".`);
            void queries.invalidateQueries({ queryKey: keys.summary(org.slug) });
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <Query query={entries} what={`Loading ${REGISTER_LABELS[register]}`}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={`No entries in ${REGISTER_LABELS[register]} yet`} />
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Entry</th>
                    <th scope="col">{fields[1]?.label}</th>
                    <th scope="col">Deadline</th>
                    <th scope="col">Updated</th>
                    {writable ? <th scope="col">Actions</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {paged.items.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <strong>{e.label}</strong>
                      </td>
                      <td>{fields[1] ? toInput(fields[1], e.data[fields[1].key]) : ''}</td>
                      <td>
                        {e.deadline ? (
                          <Badge status={e.deadline.overdue ? 'overdue' : 'todo'}>
                            {`${e.deadline.overdue ? 'Overdue since' : 'Due'} ${e.deadline.due.slice(0, 16).replace('T', ' ')}`}
                          </Badge>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>{new Date(e.updatedAt).toLocaleDateString()}</td>
                      {writable ? (
                        <td>
                          <button type="button" className="button" onClick={() => setEditing(e)}>
                            Edit
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              {paged.pager}
            </div>
          )
        }
      </Query>
    </section>
  );
}

function EntryForm({
  register,
  entry,
  onDone,
  onCancel,
}: {
  register: TPrivacyRegister;
  entry: TEntry | null;
  onDone: (saved: TEntry) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const fields = REGISTER_FIELDS[register];
  const [form, setForm] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      fields.map((f) => [f.key, entry ? toInput(f, entry.data[f.key]) : (f.initial ?? toInput(f, null))]),
    ),
  );
  const save = useMutation({
    mutationFn: () => {
      const data = Object.fromEntries(fields.map((f) => [f.key, fromInput(f, form[f.key] ?? '')]));
      const path = { org: org.slug, register };
      return entry
        ? unwrap(
            api.PUT('/api/v1/orgs/{org}/privacy/{register}/{id}', {
              params: { path: { ...path, id: entry.id } },
              body: { version: entry.version, data },
            }),
          )
        : unwrap(api.POST('/api/v1/orgs/{org}/privacy/{register}', { params: { path }, body: { data } }));
    },
    onSuccess: (saved) => {
      void queries.invalidateQueries({ queryKey: keys.register(org.slug, register) });
      onDone(saved);
    },
    onError: (e) => errors.show(e),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    save.mutate();
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label={entry ? 'Edit entry' : 'New entry'}>
      <div className="form-grid">
        {fields.map((f) => (
          <FieldInput
            key={f.key}
            spec={f}
            value={form[f.key] ?? ''}
            error={errors.fields[f.key]}
            onChange={(v) => setForm({ ...form, [f.key]: v })}
          />
        ))}
      </div>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {entry ? 'Save changes' : 'Record entry'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function FieldInput({
  spec,
  value,
  error,
  onChange,
}: {
  spec: TFieldSpec;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const label = spec.optional ? `${spec.label} (optional)` : spec.label;
  return (
    <Field label={label} hint={spec.hint} error={error}>
      {(p) => {
        switch (spec.type) {
          case 'bool':
            return (
              <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
                <option value="false">No</option>
                <option value="true">Yes</option>
              </select>
            );
          case 'select':
            return (
              <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
                <option value="">Choose…</option>
                {spec.options?.map((o) => (
                  <option key={o} value={o}>
                    {o.replaceAll('_', ' ')}
                  </option>
                ))}
              </select>
            );
          case 'textarea':
            return <textarea {...p} value={value} rows={3} onChange={(e) => onChange(e.target.value)} />;
          default:
            return (
              <input
                {...p}
                type={
                  spec.type === 'date'
                    ? 'date'
                    : spec.type === 'datetime'
                      ? 'datetime-local'
                      : spec.type === 'number'
                        ? 'number'
                        : 'text'
                }
                value={value}
                onChange={(e) => onChange(e.target.value)}
              />
            );
        }
      }}
    </Field>
  );
}
