import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Page } from '../../components/page.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { AuditForm } from './audit-form.tsx';
import { describePeriod, PHASE_LABEL, useAudits } from './queries.ts';

/** The organization's audits (an auditor invited into one sees that one), and recording a new one. */
export function AuditsPage() {
  const org = useOrg();
  const navigate = useNavigate();
  const audits = useAudits(org.slug);
  const [creating, setCreating] = useState(false);
  const manage = org.can('audits:manage');
  return (
    <Page
      title="Audit"
      subtitle="The engagement with your audit firm: its dates, phase, requests and auditors."
      actions={
        manage && !creating ? (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New audit
          </button>
        ) : null
      }
    >
      {creating && (
        <AuditForm
          onCancel={() => setCreating(false)}
          onDone={(audit) => navigate(`/o/${org.slug}/audits/${audit.id}`)}
        />
      )}
      <Query query={audits} what="Loading audits">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No audit recorded yet">
              {manage
                ? 'Record the audit once you have chosen a firm: its dates default to your program’s.'
                : 'An owner, admin or member records the audit here.'}
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table aria-label="Audits">
                <thead>
                  <tr>
                    <th scope="col">Firm</th>
                    <th scope="col">Period</th>
                    <th scope="col">Phase</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link to={`/o/${org.slug}/audits/${a.id}`}>{a.firmName}</Link>
                      </td>
                      <td>{describePeriod(a)}</td>
                      <td>
                        <span className={`badge badge-${a.phase === 'done' ? 'good' : 'neutral'}`}>
                          {PHASE_LABEL[a.phase]}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Query>
    </Page>
  );
}
