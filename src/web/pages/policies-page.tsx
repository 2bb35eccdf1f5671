import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { mustAcceptPolicies } from '../../domain/policy-lifecycle.ts';
import { useMembers } from '../api/members.ts';
import { Badge } from '../components/badge.tsx';
import { Field } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { usePaged } from '../components/pager.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { day, type TPolicySummary, usePolicies } from './policies/policy-api.ts';

const STATUSES = ['draft', 'approved', 'published'] as const;

/** Every policy: where its text stands, who owns it, and how many people accepted the published version. */
export function PoliciesPage() {
  const org = useOrg();
  const policies = usePolicies(org.slug);
  const members = useMembers(org.slug, org.can('members:read'));
  // Who must accept is the domain's rule over the member list; without access to the list, only N is shown.
  const expected = members.data ? members.data.items.filter((m) => mustAcceptPolicies(m.role)).length : null;

  return (
    <Page
      title="Policies"
      subtitle="Edit a policy, have its owner approve it, publish it, and track who has accepted it."
    >
      <Query query={policies} what="Loading policies">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title="No policies yet">
              Policies are adopted from Attestly's templates when the program is set up.{' '}
              {org.can('program:write') ? (
                <Link to={`/o/${org.slug}/onboarding`}>Set up the program</Link>
              ) : (
                'Ask an owner or admin of the organization to set up the program.'
              )}
            </EmptyState>
          ) : (
            <PolicyTable items={data.items} expected={expected} org={org.slug} />
          )
        }
      </Query>
    </Page>
  );
}

function PolicyTable({
  items,
  expected,
  org,
}: {
  items: TPolicySummary[];
  expected: number | null;
  org: string;
}) {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const filtered = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return items
      .filter((p) => !needle || p.title.toLowerCase().includes(needle))
      .filter((p) => !status || p.latestStatus === status)
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [items, search, status]);
  const paged = usePaged(filtered, 25);
  const published = items.filter((p) => p.publishedVersion !== null).length;

  return (
    <>
      <div className="filters">
        <Field label="Search by title">
          {(p) => (
            <input
              {...p}
              type="search"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                paged.reset();
              }}
            />
          )}
        </Field>
        <Field label="Status">
          {(p) => (
            <select
              {...p}
              value={status}
              onChange={(e) => {
                setStatus(e.target.value);
                paged.reset();
              }}
            >
              <option value="">Any</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.charAt(0).toUpperCase() + s.slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="muted policy-count" aria-live="polite">
          {published} of {items.length} published
        </p>
      </div>
      {filtered.length === 0 ? (
        <EmptyState title="No policy matches">Clear the search or pick another status.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="policies-table">
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Owner</th>
                <th scope="col">Accepted</th>
                <th scope="col">Last published</th>
              </tr>
            </thead>
            <tbody>
              {paged.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/o/${org}/policies/${p.id}`}>{p.title}</Link>
                  </td>
                  <td className="nowrap">
                    v{p.latestVersion}
                    {p.publishedVersion !== null && p.publishedVersion !== p.latestVersion && (
                      <div className="muted small">v{p.publishedVersion} in force</div>
                    )}
                  </td>
                  <td>
                    <Badge status={p.latestStatus} />
                  </td>
                  <td>
                    {p.ownerEmail ?? (
                      <span className="muted">
                        No owner <span className="small">({p.ownerRole.replace(/_/g, ' ')})</span>
                      </span>
                    )}
                  </td>
                  <td className="nowrap">
                    {p.acceptanceCount === null ? (
                      <span className="muted">Not published</span>
                    ) : expected !== null ? (
                      <AcceptedOf accepted={p.acceptanceCount} expected={expected} />
                    ) : (
                      `${p.acceptanceCount} accepted`
                    )}
                  </td>
                  <td className="nowrap">{day(p.publishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {paged.pager}
    </>
  );
}

function AcceptedOf({ accepted, expected }: { accepted: number; expected: number }) {
  const share = expected > 0 ? Math.min(100, Math.round((accepted / expected) * 100)) : 0;
  return (
    <div className="accepted-of">
      <span>
        {accepted} of {expected}
      </span>
      <div
        className="progress"
        role="progressbar"
        aria-label="Accepted"
        aria-valuemin={0}
        aria-valuemax={expected}
        aria-valuenow={Math.min(accepted, expected)}
      >
        <span style={{ width: `${share}%` }} />
      </div>
    </div>
  );
}
