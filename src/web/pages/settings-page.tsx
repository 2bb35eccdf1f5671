import type { ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import type { TPermission } from '../../domain/permissions.ts';
import { Page } from '../components/page.tsx';
import { EmptyState } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { AuditLogSettings } from './settings/audit-log-settings.tsx';
import { MembersSettings } from './settings/members-settings.tsx';
import { NotificationsSettings } from './settings/notifications-settings.tsx';
import { SecuritySettings } from './settings/security-settings.tsx';
import { SsoSettings } from './settings/sso-settings.tsx';
import { TokensSettings } from './settings/tokens-settings.tsx';

const TABS: { path: string; label: string; permission: TPermission | null; element: () => ReactNode }[] = [
  { path: 'members', label: 'Members', permission: 'members:read', element: () => <MembersSettings /> },
  { path: 'tokens', label: 'API tokens', permission: 'tokens:manage', element: () => <TokensSettings /> },
  // Your own second factors: every role has them, whatever it may do in the organization.
  { path: 'security', label: 'Security', permission: null, element: () => <SecuritySettings /> },
  { path: 'sso', label: 'Single sign-on', permission: 'org:manage', element: () => <SsoSettings /> },
  // Every member chooses their own; the Slack channel part shows only to owners and admins.
  {
    path: 'notifications',
    label: 'Notifications',
    permission: 'org:read',
    element: () => <NotificationsSettings />,
  },
  {
    path: 'audit-log',
    label: 'Audit log',
    permission: 'audit_log:read',
    element: () => <AuditLogSettings />,
  },
];

/** The organization's members, access and audit trail, and the signed-in user's own security, as tabs. */
export function SettingsPage() {
  const org = useOrg();
  const tabs = TABS.filter((t) => t.permission === null || org.can(t.permission));
  return (
    <Page title="Settings" subtitle={`${org.name}: who has access, how they sign in, and what changed.`}>
      {/* Outside the nested routes, a relative link would resolve against the splat: link absolutely. */}
      <nav className="settings-tabs" aria-label="Settings sections">
        <ul>
          {tabs.map((t) => (
            <li key={t.path}>
              <NavLink to={`/o/${org.slug}/settings/${t.path}`}>{t.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to={tabs[0]?.path ?? 'security'} replace />} />
        {TABS.map((t) => (
          <Route
            key={t.path}
            path={t.path}
            element={
              t.permission === null || org.can(t.permission) ? (
                t.element()
              ) : (
                <EmptyState title={`${t.label} is not open to your role (${org.role})`}>
                  Ask an owner or admin of {org.name} if you need it.
                </EmptyState>
              )
            }
          />
        ))}
        <Route
          path="*"
          element={<EmptyState title="No such settings page">Pick one of the sections above.</EmptyState>}
        />
      </Routes>
    </Page>
  );
}
