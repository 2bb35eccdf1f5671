import { Navigate, NavLink, Route, Routes } from 'react-router';
import { Page } from '../components/page.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { AccessRequests } from './trust-center/access-requests.tsx';
import { DownloadLog } from './trust-center/download-log.tsx';
import { PublicPolicies } from './trust-center/public-policies.tsx';
import { TrustSettingsForm } from './trust-center/settings-form.tsx';
import { useTrustCenter } from './trust-center/trust-api.ts';
import { TrustDocuments } from './trust-center/trust-documents.tsx';

// The public trust center's settings (journey step 6): what the page at /trust/<slug> shows, the documents
// it offers, who asked for the gated ones and who downloaded them. Owners and admins only (org:manage).

const TABS = [
  { path: 'page', label: 'Page', element: () => <PageTab /> },
  { path: 'policies', label: 'Policies', element: () => <PublicPolicies /> },
  { path: 'documents', label: 'Documents', element: () => <TrustDocuments /> },
  { path: 'requests', label: 'Access requests', element: () => <AccessRequests /> },
  { path: 'downloads', label: 'Download log', element: () => <DownloadLog /> },
];

export function TrustCenterPage() {
  const org = useOrg();
  if (!org.can('org:manage'))
    return (
      <Page title="Trust center">
        <EmptyState title={`The trust center's settings are not open to your role (${org.role})`}>
          Ask an owner or admin of {org.name} if you need a change on it.
        </EmptyState>
      </Page>
    );
  return (
    <Page
      title="Trust center"
      subtitle="The public page where customers read about your security program and request your report."
    >
      <nav className="settings-tabs" aria-label="Trust center sections">
        <ul>
          {TABS.map((t) => (
            <li key={t.path}>
              <NavLink to={`/o/${org.slug}/trust-center/${t.path}`}>{t.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to="page" replace />} />
        {TABS.map((t) => (
          <Route key={t.path} path={t.path} element={t.element()} />
        ))}
        <Route
          path="*"
          element={<EmptyState title="No such section">Choose one of the tabs above.</EmptyState>}
        />
      </Routes>
    </Page>
  );
}

function PageTab() {
  const org = useOrg();
  const trust = useTrustCenter(org.slug);
  return (
    <Query query={trust} what="Loading the trust center">
      {(data) => <TrustSettingsForm trust={data} />}
    </Query>
  );
}
