import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api, rememberCsrfToken } from './api/client.ts';
import { Loading } from './components/states.tsx';
import { useOrg } from './org.ts';

const NAV: { to: string; label: string; permission: Parameters<ReturnType<typeof useOrg>['can']>[0] }[] = [
  { to: '', label: 'Dashboard', permission: 'readiness:read' },
  { to: 'criteria', label: 'Criteria', permission: 'readiness:read' },
  { to: 'controls', label: 'Controls', permission: 'controls:read' },
  { to: 'policies', label: 'Policies', permission: 'policies:read' },
  { to: 'evidence', label: 'Evidence', permission: 'evidence:read' },
  { to: 'tasks', label: 'Tasks', permission: 'tasks:read' },
  { to: 'risks', label: 'Risks', permission: 'risks:read' },
  { to: 'people', label: 'People', permission: 'people:read' },
  { to: 'access-reviews', label: 'Access reviews', permission: 'access_reviews:read' },
  { to: 'privacy', label: 'Data & privacy', permission: 'privacy:read' },
  { to: 'audits', label: 'Audit', permission: 'audits:read' },
  { to: 'reports', label: 'Reports', permission: 'readiness:read' },
  { to: 'vendors', label: 'Vendors', permission: 'vendors:read' },
  { to: 'monitoring', label: 'Monitoring', permission: 'integrations:read' },
  { to: 'trust-center', label: 'Trust center', permission: 'org:manage' },
  // Every role has its own Security tab there (and auditors the audit log), whatever else it may see.
  { to: 'settings', label: 'Settings', permission: 'org:read' },
];

/** The signed-in frame: navigation for what the role may see, the organization, and sign-out. */
export function OrgLayout() {
  const org = useOrg();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [menuOpen, setMenuOpen] = useState(false);
  // Employees have their own page (policies to accept, their tasks) and their settings; nothing else.
  const links =
    org.role === 'employee'
      ? [{ to: 'me', label: 'My page' }, ...NAV.filter((n) => n.to === 'settings')]
      : [...NAV.filter((n) => org.can(n.permission)), { to: 'me', label: 'My page' }];

  async function signOut() {
    await api.POST('/api/v1/auth/sign-out');
    rememberCsrfToken(null);
    queries.clear();
    navigate('/sign-in');
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <span className="brand">Attestly</span>
        <span className="org-name">{org.name}</span>
        <span className="user">
          {org.session.user.email} · {org.role}
        </span>
        <button type="button" className="button button-quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <nav id="nav" className={`sidebar${menuOpen ? ' open' : ''}`} aria-label="Main">
        <ul>
          {links.map((n) => (
            <li key={n.to}>
              <NavLink to={n.to} end={n.to === ''} onClick={() => setMenuOpen(false)}>
                {n.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {/* A screen that loads on first use keeps the frame and navigation on screen meanwhile. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
