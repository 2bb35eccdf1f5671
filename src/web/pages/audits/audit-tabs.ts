// The tabs of an audit's page. Each entry is a child route of /audits/:auditId (see src/web/app.tsx);
// '' is the overview. Other areas add their tab by appending an entry here and a child route in app.tsx.
export const AUDIT_TABS: { path: string; label: string }[] = [
  { path: '', label: 'Overview' },
  { path: 'requests', label: 'Requests' },
  { path: 'timelines', label: 'Timelines' },
  { path: 'populations', label: 'Populations and samples' },
  { path: 'package', label: 'Package' },
];
