import { useEffect } from 'react';
import { Link } from 'react-router';
import { OWNER_ROLE_LABELS, type TOwnerRole } from '../../domain/catalog-types.ts';
import { Badge, label } from '../components/badge.tsx';
import { Page } from '../components/page.tsx';
import { usePaged } from '../components/pager.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { ControlFilters, matchesFilters, useControlFilters } from './controls/control-filters.tsx';
import {
  type TControl,
  type TControlMonitoring,
  useControlMonitoring,
  useControls,
} from './controls/queries.ts';
import { useEvidence } from './evidence/queries.ts';

/** The organization's controls: filtered by the URL's query string, paged, each linking to its detail. */
export function ControlsPage() {
  const org = useOrg();
  const controls = useControls(org.slug);
  return (
    <Page
      title="Controls"
      subtitle="What the organization does to meet each criterion, who owns it and its state."
    >
      <Query query={controls} what="Loading controls">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No controls yet">
              Controls are adopted from the library when the program is set up.{' '}
              {org.can('program:write') ? (
                <Link to={`/o/${org.slug}/onboarding`}>Set up the program</Link>
              ) : (
                'Ask an owner or admin to set up the program.'
              )}
            </EmptyState>
          ) : (
            <ControlsTable controls={items} />
          )
        }
      </Query>
    </Page>
  );
}

function ControlsTable({ controls }: { controls: TControl[] }) {
  const org = useOrg();
  const [filters, set, clear] = useControlFilters();
  const evidence = useEvidence(org.slug, org.can('evidence:read'));
  const monitoring = useControlMonitoring(org.slug, org.can('integrations:read'));
  const evidenceCount = new Map<string, number>();
  for (const item of evidence.data ?? [])
    for (const code of item.controlCodes) evidenceCount.set(code, (evidenceCount.get(code) ?? 0) + 1);
  const shown = controls.filter((c) => matchesFilters(c, filters));
  const { items, pager, reset } = usePaged(shown, 25);
  const filterKey = JSON.stringify(filters);
  // A new filter starts again at the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a change of filters only
  useEffect(() => reset(), [filterKey]);

  return (
    <>
      <ControlFilters controls={controls} filters={filters} set={set} clear={clear} />
      <p className="muted small" aria-live="polite">
        {shown.length === controls.length
          ? `${controls.length} controls`
          : `${shown.length} of ${controls.length} controls match`}
      </p>
      {shown.length === 0 ? (
        <EmptyState title="No control matches these filters">
          <button type="button" className="button" onClick={clear}>
            Clear filters
          </button>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="controls-table">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Frequency</th>
                  <th scope="col">Criteria</th>
                  {evidence.data && <th scope="col">Evidence</th>}
                  {monitoring.data && <th scope="col">Monitoring</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.code}>
                    <td className="nowrap">
                      <Link to={`/o/${org.slug}/controls/${encodeURIComponent(c.code)}`}>{c.code}</Link>
                    </td>
                    <td>{c.title}</td>
                    <td>
                      <Badge status={c.status} />
                    </td>
                    <td>
                      {c.ownerEmail ?? (
                        <span className="muted">
                          {OWNER_ROLE_LABELS[c.ownerRole as TOwnerRole] ?? label(c.ownerRole)} (unassigned)
                        </span>
                      )}
                    </td>
                    <td>{label(c.frequency)}</td>
                    <td className="criteria-codes">{c.criteria.join(', ')}</td>
                    {evidence.data && <td className="num">{evidenceCount.get(c.code) ?? 0}</td>}
                    {monitoring.data && (
                      <td>
                        <MonitoringBadge state={monitoring.data.get(c.code)} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pager}
        </>
      )}
    </>
  );
}

export function MonitoringBadge({ state }: { state: TControlMonitoring | undefined }) {
  if (!state) return <span className="muted">Not monitored</span>;
  return <Badge status={state.status} />;
}
