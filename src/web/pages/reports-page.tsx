import { useState } from 'react';
import { Field } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { useOrg } from '../org.ts';
import { useAudits } from './audits/queries.ts';

// Reports to download: the readiness report for leadership, and for the audit the system description
// draft and the OSCAL exports, over the program's period or an audit's. Each link is a plain download
// of the API route (the session cookie carries the sign-in).

function periodOf(a: {
  reportType: string;
  asOfDate: string | null;
  windowStart: string | null;
  windowEnd: string | null;
}) {
  return a.reportType === 'type1'
    ? `as of ${a.asOfDate ?? '?'}`
    : `${a.windowStart ?? '?'} to ${a.windowEnd ?? '?'}`;
}

function AuditPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const org = useOrg();
  const audits = useAudits(org.slug);
  const items = audits.data ?? [];
  if (items.length === 0) return null;
  return (
    <Field label="Period" hint="The system description and the OSCAL exports cover this period.">
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">The program's period</option>
          {items.map((a) => (
            <option key={a.id} value={a.id}>
              Audit by {a.firmName} ({periodOf(a)})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Downloads of the readiness report, the system description draft and the OSCAL exports. */
export function ReportsPage() {
  const org = useOrg();
  const [asOf, setAsOf] = useState('');
  const [auditId, setAuditId] = useState('');
  const base = `/api/v1/orgs/${encodeURIComponent(org.slug)}/reports`;
  const readinessHref = `${base}/readiness.pdf${/^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `?asOf=${asOf}` : ''}`;
  const audit = auditId ? `?auditId=${encodeURIComponent(auditId)}` : '';
  return (
    <Page
      title="Reports"
      subtitle="Files to share with leadership and the auditor, made from the program as it stands."
    >
      <div className="stack">
        {org.can('readiness:read') && (
          <section className="card stack reports-card" aria-labelledby="report-readiness">
            <h2 id="report-readiness" className="card-title">
              Readiness report
            </h2>
            <p className="muted">
              Overall and per-category readiness, every criterion in scope, the gaps with their next actions,
              readiness over time and what monitoring finds failing.
            </p>
            <div className="row reports-actions">
              <Field label="As of" hint="Leave empty for today.">
                {(props) => (
                  <input {...props} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
                )}
              </Field>
              <a className="button button-primary" href={readinessHref} download>
                Download PDF
              </a>
            </div>
          </section>
        )}
        {org.can('audits:read') && (
          <>
            <AuditPicker value={auditId} onChange={setAuditId} />
            <section className="card stack reports-card" aria-labelledby="report-description">
              <h2 id="report-description" className="card-title">
                System description (draft)
              </h2>
              <p className="muted">
                A first draft following the description criteria: services, commitments, the five system
                components, incidents, the criteria and their controls, CUECs and subservice organizations,
                criteria not applicable and significant changes. Edit the Markdown; bracketed text is yours to
                write.
              </p>
              <div className="row reports-actions">
                <a className="button button-primary" href={`${base}/system-description.md${audit}`} download>
                  Download Markdown
                </a>
                <a className="button" href={`${base}/system-description.pdf${audit}`} download>
                  Download PDF
                </a>
              </div>
            </section>
            <section className="card stack reports-card" aria-labelledby="report-oscal">
              <h2 id="report-oscal" className="card-title">
                OSCAL (JSON)
              </h2>
              <p className="muted">
                The system in NIST's Open Security Controls Assessment Language 1.1, for tools that read it:
                the System Security Plan (components and the controls behind each criterion) and the
                Assessment Results of the period (what tests and evidence show, and a finding per criterion).
              </p>
              <div className="row reports-actions">
                <a className="button" href={`${base}/oscal/ssp.json${audit}`} download>
                  System Security Plan
                </a>
                <a className="button" href={`${base}/oscal/assessment-results.json${audit}`} download>
                  Assessment Results
                </a>
              </div>
            </section>
          </>
        )}
      </div>
    </Page>
  );
}
