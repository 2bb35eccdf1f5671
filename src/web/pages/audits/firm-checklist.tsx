import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FIRM_CHECKLIST } from '../../../domain/audit/audit.ts';
import { api, unwrap } from '../../api/client.ts';
import { FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import type { TAuditView } from './queries.ts';

/** What to check before engaging a firm: each item ticked with a note; read-only without audits:manage. */
export function FirmChecklist({ audit }: { audit: TAuditView }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const manage = org.can('audits:manage');
  const [items, setItems] = useState(() =>
    Object.fromEntries(
      FIRM_CHECKLIST.map(({ key }) => [key, audit.firmChecklist[key] ?? { done: false, note: '' }]),
    ),
  );
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org}/audits/{auditId}', {
          params: { path: { org: org.slug, auditId: audit.id } },
          body: { version: audit.version, firmChecklist: items },
        }),
      ),
    onSuccess: async () => {
      setSaved(true);
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'audits'] });
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setSaved(false);
    save.mutate();
  }

  const done = FIRM_CHECKLIST.filter(({ key }) => audit.firmChecklist[key]?.done).length;
  return (
    <form className="card stack-tight" onSubmit={submit} aria-labelledby="firm-checklist" noValidate>
      <h2 id="firm-checklist" className="card-title">
        Choosing the firm ({done} of {FIRM_CHECKLIST.length})
      </h2>
      <ul className="audits-checklist">
        {FIRM_CHECKLIST.map(({ key, label }) => {
          const item = items[key] ?? { done: false, note: '' };
          return (
            <li key={key}>
              {manage ? (
                <>
                  <label className="audits-check">
                    <input
                      type="checkbox"
                      checked={item.done}
                      onChange={(e) => setItems({ ...items, [key]: { ...item, done: e.target.checked } })}
                    />{' '}
                    {label}
                  </label>
                  <input
                    aria-label={`Note on “${label}”`}
                    className="audits-note"
                    value={item.note}
                    maxLength={1000}
                    placeholder="Note"
                    onChange={(e) => setItems({ ...items, [key]: { ...item, note: e.target.value } })}
                  />
                </>
              ) : (
                <>
                  <span className={`badge badge-${item.done ? 'good' : 'neutral'}`}>
                    {item.done ? 'Done' : 'Open'}
                  </span>{' '}
                  {label}
                  {item.note && <span className="muted"> — {item.note}</span>}
                </>
              )}
            </li>
          );
        })}
      </ul>
      <FormError error={errors.form ?? errors.fields.firmChecklist} />
      {manage && (
        <div className="row">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save checklist'}
          </button>
          {saved && (
            <span role="status" className="muted">
              Saved.
            </span>
          )}
        </div>
      )}
    </form>
  );
}
