import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import type { TVendor } from './queries.ts';

type TRow = { key: number; description: string; criteria: string };

export const splitCriteria = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

/**
 * Whether the vendor is a subservice organization of the system description, by which method, where it
 * appears in the report, and the complementary subservice organization controls (CSOCs) expected of it.
 */
export function SubserviceForm({
  vendor,
  onDone,
  onCancel,
}: {
  vendor: TVendor;
  onDone: () => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [method, setMethod] = useState<'' | 'carve_out' | 'inclusive'>(vendor.subservice?.method ?? '');
  const [sections, setSections] = useState(vendor.subservice?.reportSections ?? '');
  const [next, setNext] = useState(1000);
  const [rows, setRows] = useState<TRow[]>(
    (vendor.subservice?.csocs ?? []).map((c, i) => ({
      key: i,
      description: c.description,
      criteria: c.criteria.join(', '),
    })),
  );
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/vendors/{id}/subservice', {
          params: { path: { org: org.slug, id: vendor.id } },
          body: {
            version: vendor.version,
            method: method || null,
            reportSections: sections.trim() || null,
            csocs: method
              ? rows
                  .filter((r) => r.description.trim())
                  .map((r) => ({ description: r.description.trim(), criteria: splitCriteria(r.criteria) }))
              : [],
          },
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onDone();
    },
    onError: (error) => errors.show(error),
  });

  const change = (key: number, patch: Partial<TRow>) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    save.mutate();
  }

  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label="Subservice settings">
      <h3>Subservice settings</h3>
      <div className="two-col">
        <Field
          label="Subservice method"
          hint="Carve-out: its controls are excluded from your report and named as CSOCs. Inclusive: its controls are described and tested with yours."
          error={errors.fields.method}
        >
          {(p) => (
            <select {...p} value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
              <option value="">Not a subservice organization</option>
              <option value="carve_out">Yes, carve-out method</option>
              <option value="inclusive">Yes, inclusive method</option>
            </select>
          )}
        </Field>
        {method && (
          <Field
            label="Where it appears in the report"
            hint="For example: Section 3, Subservice organizations; Section 4, CC6.4."
            error={errors.fields.reportSections}
          >
            {(p) => (
              <input {...p} value={sections} maxLength={500} onChange={(e) => setSections(e.target.value)} />
            )}
          </Field>
        )}
      </div>
      {method && (
        <fieldset className="fieldset stack">
          <legend>Complementary subservice organization controls (CSOCs)</legend>
          {rows.length === 0 && (
            <p className="muted">None yet: add the controls you rely on the vendor to operate.</p>
          )}
          {rows.map((r, i) => (
            <div key={r.key} className="vendor-csoc">
              <Field label={`CSOC ${i + 1}`} error={errors.fields[`csocs.${i}`]}>
                {(p) => (
                  <textarea
                    {...p}
                    className="short"
                    value={r.description}
                    maxLength={2000}
                    onChange={(e) => change(r.key, { description: e.target.value })}
                  />
                )}
              </Field>
              <Field label={`Criteria of CSOC ${i + 1}`} hint="Optional, e.g. CC6.4, A1.2.">
                {(p) => (
                  <input
                    {...p}
                    value={r.criteria}
                    onChange={(e) => change(r.key, { criteria: e.target.value })}
                  />
                )}
              </Field>
              <button
                type="button"
                className="button button-small button-quiet"
                aria-label={`Remove CSOC ${i + 1}`}
                onClick={() => setRows(rows.filter((x) => x.key !== r.key))}
              >
                Remove
              </button>
            </div>
          ))}
          <div>
            <button
              type="button"
              className="button"
              onClick={() => {
                setRows([...rows, { key: next, description: '', criteria: '' }]);
                setNext(next + 1);
              }}
            >
              Add CSOC
            </button>
          </div>
        </fieldset>
      )}
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save subservice settings'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
