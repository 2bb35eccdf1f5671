import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { label } from '../../components/badge.tsx';
import { Field } from '../../components/field.tsx';
import { Page } from '../../components/page.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { ControlLinks } from './control-links.tsx';
import { MonitoringTabs } from './monitoring-tabs.tsx';
import { type TLibraryTest, useTestLibrary } from './queries.ts';

// The built-in test library: what each test checks, why, how to fix a failure, and which controls it
// shows. Filters live in the URL so a filtered list can be shared.

const SEVERITIES = ['critical', 'high', 'medium', 'low'];

export function TestsPage() {
  const library = useTestLibrary();
  return (
    <Page
      title="Monitoring"
      subtitle="The built-in tests: pure checks over what an integration collects, each mapped to controls."
    >
      <MonitoringTabs />
      <Query query={library} what="Loading the test library">
        {(tests) => <TestList tests={tests} />}
      </Query>
    </Page>
  );
}

function TestList({ tests }: { tests: TLibraryTest[] }) {
  const [params, setParams] = useSearchParams();
  const provider = params.get('provider') ?? '';
  const severity = params.get('severity') ?? '';
  const q = params.get('q') ?? '';
  const providers = [...new Set(tests.map((t) => t.provider))].sort();
  const needle = q.trim().toLowerCase();
  const shown = tests.filter(
    (t) =>
      (!provider || t.provider === provider) &&
      (!severity || t.severity === severity) &&
      (!needle || `${t.id} ${t.title} ${t.controls.join(' ')}`.toLowerCase().includes(needle)),
  );
  const { items, pager, reset } = usePaged(shown, 20);
  // A new filter starts from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the filters change, not when reset does
  useEffect(() => reset(), [provider, severity, q]);

  function set(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  return (
    <>
      <search className="filters" aria-label="Filter tests">
        <Field label="Search">
          {(p) => (
            <input
              {...p}
              type="search"
              value={q}
              placeholder="Id, title or control"
              onChange={(e) => set('q', e.target.value)}
            />
          )}
        </Field>
        <Field label="Provider">
          {(p) => (
            <select {...p} value={provider} onChange={(e) => set('provider', e.target.value)}>
              <option value="">All providers</option>
              {providers.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Severity">
          {(p) => (
            <select {...p} value={severity} onChange={(e) => set('severity', e.target.value)}>
              <option value="">All severities</option>
              {SEVERITIES.map((v) => (
                <option key={v} value={v}>
                  {label(v)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </search>
      <p className="muted" aria-live="polite">
        {shown.length} of {tests.length} tests
      </p>
      {shown.length === 0 ? (
        <EmptyState title="No test matches these filters">
          <button
            type="button"
            className="button"
            onClick={() => setParams(new URLSearchParams(), { replace: true })}
          >
            Clear the filters
          </button>
        </EmptyState>
      ) : (
        <ul className="plain-list test-library">
          {items.map((t) => (
            <li key={t.id} className="card">
              <h2 className="card-title">
                {t.title} <span className={`badge severity-${t.severity}`}>{label(t.severity)}</span>
              </h2>
              <p className="muted small">
                <code>{t.id}</code> · {t.provider} · {t.resourceTypes.join(', ')}
              </p>
              <p className="small">
                Controls: <ControlLinks codes={t.controls} />
              </p>
              <p>
                <strong>Why:</strong> {t.rationale}
              </p>
              <p>
                <strong>To fix:</strong> {t.remediation}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pager}
    </>
  );
}
