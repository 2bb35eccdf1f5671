import { NavLink } from 'react-router';
import { useOrg } from '../../org.ts';

/** The monitoring screens' own tabs: connected systems, the built-in tests, the organization's own. */
export function MonitoringTabs() {
  const org = useOrg();
  const base = `/o/${org.slug}/monitoring`;
  const tabs = [
    { to: base, label: 'Integrations', end: true },
    { to: `${base}/tests`, label: 'Test library', end: false },
    { to: `${base}/custom-tests`, label: 'Custom tests', end: false },
  ];
  return (
    <nav className="settings-tabs" aria-label="Monitoring sections">
      <ul>
        {tabs.map((t) => (
          <li key={t.to}>
            <NavLink to={t.to} end={t.end}>
              {t.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
