import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AUDIT_PHASES } from '../../../domain/audit/audit.ts';
import { api, unwrap } from '../../api/client.ts';
import { FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { AuditForm } from './audit-form.tsx';
import { AuditorsPanel } from './auditors-panel.tsx';
import { FirmChecklist } from './firm-checklist.tsx';
import { describePeriod, PHASE_LABEL, useAuditContext } from './queries.ts';

/** The audit's overview: its phase and the next step, the firm and its contacts, the firm checklist, the auditors. */
export function AuditOverviewTab() {
  const audit = useAuditContext();
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const manage = org.can('audits:manage');
  const advance = useMutation({
    mutationFn: (phase: NonNullable<typeof audit.nextPhase>) =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/audits/{auditId}/phase', {
          params: { path: { org: org.slug, auditId: audit.id } },
          body: { version: audit.version, phase },
        }),
      ),
    onSuccess: async (a) => {
      setNotice(`The audit is in ${PHASE_LABEL[a.phase].toLowerCase()}.`);
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'audits'] });
    },
    onError: (error) => errors.show(error),
  });

  return (
    <div className="stack">
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <section className="card stack-tight" aria-labelledby="audit-phase">
        <h2 id="audit-phase" className="card-title">
          Phase
        </h2>
        <ol className="audits-phases">
          {AUDIT_PHASES.map((p) => (
            <li key={p} className={p === audit.phase ? 'audits-phase-current' : undefined}>
              {PHASE_LABEL[p]}
              {p === audit.phase && <span className="visually-hidden"> (current)</span>}
            </li>
          ))}
        </ol>
        {manage && audit.nextPhase && (
          <div className="row">
            <button
              type="button"
              className="button button-primary"
              disabled={advance.isPending}
              onClick={() => {
                errors.clear();
                if (audit.nextPhase) advance.mutate(audit.nextPhase);
              }}
            >
              Move to {PHASE_LABEL[audit.nextPhase].toLowerCase()}
            </button>
          </div>
        )}
        <FormError error={errors.form ?? errors.fields.phase} />
      </section>

      {editing ? (
        <AuditForm
          audit={audit}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            setNotice('Saved the audit.');
          }}
        />
      ) : (
        <section className="card stack-tight" aria-labelledby="audit-firm">
          <div className="row audits-card-head">
            <h2 id="audit-firm" className="card-title">
              {audit.firmName}
            </h2>
            {manage && (
              <button type="button" className="button button-small" onClick={() => setEditing(true)}>
                Edit
              </button>
            )}
          </div>
          <p className="muted">{describePeriod(audit)}</p>
          {audit.contacts.length === 0 ? (
            <p className="muted">No contacts recorded.</p>
          ) : (
            <ul className="audits-contacts">
              {audit.contacts.map((c) => (
                <li key={c.email}>
                  <strong>{c.name}</strong>
                  {c.role ? `, ${c.role}` : ''} · <a href={`mailto:${c.email}`}>{c.email}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <FirmChecklist audit={audit} />
      <AuditorsPanel audit={audit} />
    </div>
  );
}
