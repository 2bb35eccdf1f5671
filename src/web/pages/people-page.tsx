import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { Badge, label } from '../components/badge.tsx';
import { FormError } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { usePaged } from '../components/pager.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { ImportPanel } from './people/import-panel.tsx';
import { PersonForm } from './people/person-form.tsx';
import { FILTERS, type TFilter, type TPerson, usePeople } from './people/queries.ts';

type TPanel = 'new' | 'import' | 'training' | null;

/**
 * The personnel register (CC1.4, CC2.2, CC6.2): employees and contractors with their onboarding and
 * offboarding checklists judged today; adding people by hand, importing an HR export or a training report,
 * and comparing the register with the identity providers.
 */
export function PeoplePage() {
  const org = useOrg();
  const [params, setParams] = useSearchParams();
  const filter = (FILTERS.find((f) => f.value === params.get('filter'))?.value ?? 'all') as TFilter;
  const people = usePeople(org.slug, filter);
  const [panel, setPanel] = useState<TPanel>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const queries = useQueryClient();
  const writable = org.can('people:write');
  const open = (next: TPanel) => {
    setNotice(null);
    setPanel(next);
  };
  const sync = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/orgs/{org}/people/sync', { params: { path: { org: org.slug } } })),
    onSuccess: async (r) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      setNotice(
        r.systems.length === 0
          ? 'No connected identity provider has accounts to compare yet.'
          : `Compared with ${r.systems.join(', ')}: ${r.accounts} accounts matched${r.created.length ? `, ${r.created.length} people added` : ''}.`,
      );
    },
  });

  return (
    <Page
      title="People"
      subtitle="Employees and contractors, their onboarding (background check, training, policies, device) and offboarding (access removed). Overdue items fail the people tests in monitoring."
      actions={
        writable && panel === null ? (
          <div className="row">
            <button type="button" className="button" onClick={() => sync.mutate()} disabled={sync.isPending}>
              {sync.isPending ? 'Comparing…' : 'Sync with identity providers'}
            </button>
            <button type="button" className="button" onClick={() => open('training')}>
              Import training
            </button>
            <button type="button" className="button" onClick={() => open('import')}>
              Import CSV
            </button>
            <button type="button" className="button button-primary" onClick={() => open('new')}>
              Add person
            </button>
          </div>
        ) : null
      }
    >
      {panel === 'new' && (
        <PersonForm
          onCancel={() => setPanel(null)}
          onDone={(p) => {
            setPanel(null);
            setNotice(`Added ${p.name}.`);
          }}
        />
      )}
      {(panel === 'import' || panel === 'training') && (
        <ImportPanel
          kind={panel === 'import' ? 'people' : 'training'}
          onClose={() => setPanel(null)}
          onDone={(text) => {
            setPanel(null);
            setNotice(text);
          }}
        />
      )}
      <FormError error={sync.error ? sync.error.message : null} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <fieldset className="plain-fieldset">
        <legend className="visually-hidden">Show</legend>
        <div className="row">
          {FILTERS.map((f) => (
            <button
              key={f.value}
              type="button"
              className="button"
              aria-pressed={filter === f.value}
              onClick={() => setParams(f.value === 'all' ? {} : { filter: f.value })}
            >
              {f.label}
            </button>
          ))}
        </div>
      </fieldset>
      <Query query={people} what="Loading people">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={filter === 'all' ? 'No people in the register yet' : 'Nobody here'}>
              {filter !== 'all'
                ? 'No person matches this filter.'
                : writable
                  ? 'Import your HR system’s export (Import CSV), add people by hand, or connect an identity provider in Monitoring and sync.'
                  : 'An owner, admin or member adds people here.'}
            </EmptyState>
          ) : (
            <Register people={items} />
          )
        }
      </Query>
    </Page>
  );
}

function ChecklistSummary({ person }: { person: TPerson }) {
  if (!person.inScope) return <Badge status="out_of_scope" />;
  if (person.overdue > 0) return <Badge status="overdue">{`${person.overdue} overdue`}</Badge>;
  if (person.pending > 0) return <Badge status="in_progress">{`${person.pending} pending`}</Badge>;
  return <Badge status="done">Complete</Badge>;
}

function Register({ people }: { people: TPerson[] }) {
  const org = useOrg();
  const { items, pager } = usePaged(people);
  return (
    <div className="stack">
      <div className="table-wrap">
        <table aria-label="Personnel register" className="people-table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Type</th>
              <th scope="col">Department and role</th>
              <th scope="col">Dates</th>
              <th scope="col">Status</th>
              <th scope="col">Checklist</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/o/${org.slug}/people/${p.id}`}>
                    <strong>{p.name}</strong>
                  </Link>
                  <div className="muted small">{p.email}</div>
                </td>
                <td>{label(p.type)}</td>
                <td>
                  {p.department ?? <span className="muted">—</span>}
                  {p.title && <div className="muted small">{p.title}</div>}
                </td>
                <td className="nowrap">
                  {p.startDate}
                  {p.endDate && <div className="muted small">left {p.endDate}</div>}
                </td>
                <td>{label(p.status)}</td>
                <td>
                  <ChecklistSummary person={p} />
                  {p.status === 'leaver' && p.activeAccounts > 0 && (
                    <div className="bad-text small">{p.activeAccounts} account(s) still active</div>
                  )}
                </td>
                <td className="small">
                  {p.source === 'integration'
                    ? (p.sourceIntegration ?? 'Integration')
                    : p.source === 'hr_csv'
                      ? 'HR import'
                      : 'By hand'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </div>
  );
}
