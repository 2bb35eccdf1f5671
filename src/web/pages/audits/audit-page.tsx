import { NavLink, Outlet, useParams } from 'react-router';
import { Page } from '../../components/page.tsx';
import { Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { AUDIT_TABS } from './audit-tabs.ts';
import { describePeriod, PHASE_LABEL, useAudit } from './queries.ts';

/** One audit: its heading and the tab bar of AUDIT_TABS; each tab is a child route and reads the audit from the outlet. */
export function AuditPage() {
  const org = useOrg();
  const { auditId = '' } = useParams();
  const audit = useAudit(org.slug, auditId);
  const base = `/o/${org.slug}/audits/${auditId}`;
  return (
    <Query query={audit} what="Loading the audit">
      {(a) => (
        <Page title={`Audit by ${a.firmName}`} subtitle={`${describePeriod(a)} · ${PHASE_LABEL[a.phase]}`}>
          <nav className="settings-tabs" aria-label="Audit sections">
            <ul>
              {AUDIT_TABS.map((t) => (
                <li key={t.path}>
                  <NavLink to={t.path ? `${base}/${t.path}` : base} end={t.path === ''}>
                    {t.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <Outlet context={a} />
        </Page>
      )}
    </Query>
  );
}
