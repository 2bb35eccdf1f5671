import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { type TCuec, useCuecs } from './queries.ts';
import { splitCriteria } from './subservice-form.tsx';

/** The complementary user entity controls: what the organization expects its customers to do. */
export function CuecsTab() {
  const org = useOrg();
  const cuecs = useCuecs(org.slug);
  const [editing, setEditing] = useState<TCuec | 'new' | null>(null);
  const writable = org.can('vendors:write');
  return (
    <div className="stack">
      <p className="muted">
        Controls your customers must operate for your controls to work (managing their own users, protecting
        their credentials, telling you of changes). They are listed in your system description.
      </p>
      {writable && editing === null && (
        <div>
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            New CUEC
          </button>
        </div>
      )}
      {editing !== null && (
        <CuecForm
          key={editing === 'new' ? 'new' : editing.id}
          cuec={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <Query query={cuecs} what="Loading CUECs">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No CUECs yet">
              {writable ? 'Add what you expect of your customers.' : 'None recorded.'}
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table aria-label="Complementary user entity controls">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Control expected of customers</th>
                    <th scope="col">Criteria</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c, i) => (
                    <tr key={c.id}>
                      <td>{i + 1}</td>
                      <td className="prose">{c.description}</td>
                      <td className="mono">{c.criteria.join(', ') || '—'}</td>
                      <td>
                        {writable && editing === null && (
                          <button
                            type="button"
                            className="button button-small"
                            aria-label={`Edit CUEC ${i + 1}`}
                            onClick={() => setEditing(c)}
                          >
                            Edit
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Query>
    </div>
  );
}

function CuecForm({ cuec, onClose }: { cuec?: TCuec | undefined; onClose: () => void }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [description, setDescription] = useState(cuec?.description ?? '');
  const [criteria, setCriteria] = useState(cuec?.criteria.join(', ') ?? '');
  const done = async () => {
    await queries.invalidateQueries({ queryKey: ['org', org.slug, 'cuecs'] });
    onClose();
  };
  const save = useMutation({
    mutationFn: () => {
      const body = { description: description.trim(), criteria: splitCriteria(criteria) };
      return cuec
        ? unwrap(
            api.PATCH('/api/v1/orgs/{org}/cuecs/{id}', {
              params: { path: { org: org.slug, id: cuec.id } },
              body,
            }),
          )
        : unwrap(api.POST('/api/v1/orgs/{org}/cuecs', { params: { path: { org: org.slug } }, body }));
    },
    onSuccess: done,
    onError: (error) => errors.show(error),
  });
  const remove = useMutation({
    mutationFn: async () => {
      if (!cuec) return;
      const { response, error } = await api.DELETE('/api/v1/orgs/{org}/cuecs/{id}', {
        params: { path: { org: org.slug, id: cuec.id } },
      });
      if (!response.ok) throw new ApiError(response.status, error);
    },
    onSuccess: done,
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    save.mutate();
  }

  const busy = save.isPending || remove.isPending;
  return (
    <form
      className="card stack panel"
      onSubmit={submit}
      noValidate
      aria-label={cuec ? 'Edit CUEC' : 'New CUEC'}
    >
      <h2>{cuec ? 'Edit CUEC' : 'New CUEC'}</h2>
      <Field label="Control expected of customers" error={errors.fields.description}>
        {(p) => (
          <textarea
            {...p}
            className="short"
            value={description}
            maxLength={2000}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <Field label="Criteria" hint="Optional, e.g. CC6.1, CC6.2." error={errors.fields.criteria}>
        {(p) => <input {...p} value={criteria} onChange={(e) => setCriteria(e.target.value)} />}
      </Field>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {save.isPending ? 'Saving…' : cuec ? 'Save CUEC' : 'Add CUEC'}
        </button>
        {cuec && (
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => remove.mutate()}
          >
            Remove
          </button>
        )}
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
