import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { Badge, label } from '../components/badge.tsx';
import { FormError } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { BackgroundCheckForm } from './people/background-check-form.tsx';
import { ChecklistTable } from './people/checklist-table.tsx';
import { MarkForm } from './people/mark-form.tsx';
import { PersonForm } from './people/person-form.tsx';
import { type TChecklistItem, type TPersonDetail, usePerson } from './people/queries.ts';

type TPanel = 'edit' | 'background_check' | 'device_enrolled' | 'access_removed' | null;

/** One person: their record, onboarding and offboarding checklists, accounts, training and test results. */
export function PersonPage() {
  const org = useOrg();
  const { id = '' } = useParams();
  const person = usePerson(org.slug, id);
  return (
    <Query query={person} what="Loading the person">
      {(p) => <PersonView person={p} />}
    </Query>
  );
}

function PersonView({ person }: { person: TPersonDetail }) {
  const org = useOrg();
  const queries = useQueryClient();
  const writable = org.can('people:write');
  const [panel, setPanel] = useState<TPanel>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const close = (text: string) => (saved: boolean) => {
    setPanel(null);
    if (saved) setNotice(text);
  };
  const untick = useMutation({
    mutationFn: (item: 'device_enrolled' | 'access_removed') =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/people/{id}/checklist/{item}', {
          params: { path: { org: org.slug, id: person.id, item } },
          body: { done: false },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['org', org.slug] }),
  });
  const marked = (item: string) => person.marks.some((m) => m.item === item);

  const action = (item: TChecklistItem) => {
    if (!writable || panel !== null) return null;
    const button = (text: string, onClick: () => void) => (
      <button
        type="button"
        className="button button-small"
        aria-label={`${text}: ${item.title}`}
        onClick={onClick}
      >
        {text}
      </button>
    );
    if (item.kind === 'background_check') return button('Record', () => setPanel('background_check'));
    if (item.kind === 'device_enrolled' || item.kind === 'access_removed') {
      const kind = item.kind;
      if (marked(kind)) return button('Untick', () => untick.mutate(kind));
      if (item.state === 'done') return null;
      return button(kind === 'access_removed' ? 'Confirm by hand' : 'Record', () => setPanel(kind));
    }
    return null;
  };

  const onboarding = person.checklist.filter((i) => i.phase === 'onboarding');
  const offboarding = person.checklist.filter((i) => i.phase === 'offboarding');
  return (
    <Page
      title={person.name}
      subtitle={person.email}
      actions={
        writable && panel === null ? (
          <button type="button" className="button" onClick={() => setPanel('edit')}>
            Edit
          </button>
        ) : null
      }
    >
      <p className="muted small">
        <Link to={`/o/${org.slug}/people`}>All people</Link>
      </p>
      {panel === 'edit' && (
        <PersonForm person={person} onCancel={() => setPanel(null)} onDone={() => close('Saved.')(true)} />
      )}
      {panel === 'background_check' && (
        <BackgroundCheckForm person={person} onClose={close('Background check recorded.')} />
      )}
      {(panel === 'device_enrolled' || panel === 'access_removed') && (
        <MarkForm person={person} item={panel} onClose={close('Recorded.')} />
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <FormError error={untick.error ? untick.error.message : null} />
      <section className="card stack" aria-labelledby="person-facts">
        <h2 id="person-facts">Record</h2>
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            {label(person.status)}
            {!person.inScope && (
              <>
                {' '}
                <Badge status="out_of_scope" />
              </>
            )}
          </dd>
          <dt>Type</dt>
          <dd>{label(person.type)}</dd>
          <dt>Department</dt>
          <dd>{person.department ?? '—'}</dd>
          <dt>Title or role</dt>
          <dd>{person.title ?? '—'}</dd>
          <dt>Manager</dt>
          <dd>{person.managerEmail ?? '—'}</dd>
          <dt>Start date</dt>
          <dd>{person.startDate}</dd>
          <dt>End date</dt>
          <dd>{person.endDate ?? '—'}</dd>
          <dt>Source</dt>
          <dd>
            {person.source === 'integration'
              ? `Synced from ${person.sourceIntegration ?? 'an integration'}`
              : person.source === 'hr_csv'
                ? 'HR import'
                : 'Entered by hand'}
          </dd>
        </dl>
      </section>
      <section className="stack" aria-labelledby="onboarding-title">
        <h2 id="onboarding-title">Onboarding</h2>
        <ChecklistTable title="Onboarding checklist" items={onboarding} action={action} />
      </section>
      {offboarding.length > 0 && (
        <section className="stack" aria-labelledby="offboarding-title">
          <h2 id="offboarding-title">Offboarding</h2>
          <ChecklistTable title="Offboarding checklist" items={offboarding} action={action} />
        </section>
      )}
      <Accounts person={person} />
      <Training person={person} />
      <Results person={person} />
    </Page>
  );
}

function Accounts({ person }: { person: TPersonDetail }) {
  return (
    <section className="stack" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Accounts in connected systems</h2>
      {person.accounts.length === 0 ? (
        <p className="muted">
          No account in a connected identity provider or directory matches {person.email}.
        </p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Accounts">
            <thead>
              <tr>
                <th scope="col">System</th>
                <th scope="col">Account</th>
                <th scope="col">Status</th>
                <th scope="col">Seen</th>
              </tr>
            </thead>
            <tbody>
              {person.accounts.map((a) => (
                <tr key={`${a.system}-${a.resourceType}-${a.accountName}`}>
                  <td>{a.system}</td>
                  <td className="mono">{a.accountName}</td>
                  <td>
                    <Badge status={a.active ? 'in_progress' : 'done'}>
                      {a.active ? `Active (${a.status})` : a.status}
                    </Badge>
                  </td>
                  <td className="nowrap small">{new Date(a.seenAt).toISOString().slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Training({ person }: { person: TPersonDetail }) {
  return (
    <section className="stack" aria-labelledby="training-title">
      <h2 id="training-title">Training completed</h2>
      {person.completions.length === 0 ? (
        <p className="muted">
          None yet. People take the built-in courses from their My page; provider reports are imported on
          People.
        </p>
      ) : (
        <ul className="plain-list stack-tight">
          {person.completions.map((c) => (
            <li key={`${c.courseId}-${c.courseVersion}-${String(c.completedAt)}`}>
              <strong>{c.courseTitle}</strong>{' '}
              <span className="muted small">
                {c.source === 'course'
                  ? `version ${c.courseVersion}, in Attestly`
                  : 'imported from the training provider'}{' '}
                on {new Date(c.completedAt).toISOString().slice(0, 10)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Results({ person }: { person: TPersonDetail }) {
  const org = useOrg();
  return (
    <section className="stack" aria-labelledby="results-title">
      <h2 id="results-title">Test results</h2>
      {person.results.length === 0 ? (
        <EmptyState title="Not judged yet">The people tests run after each change and every hour.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table aria-label="Test results">
            <thead>
              <tr>
                <th scope="col">Test</th>
                <th scope="col">Result</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {person.results.map((r) => (
                <tr key={r.testId}>
                  <td>
                    <strong>{r.title}</strong>
                    <div className="muted small">{r.reason}</div>
                  </td>
                  <td>
                    <Badge status={r.status} />
                  </td>
                  <td className="nowrap small">{new Date(r.since).toISOString().slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {person.integration && org.can('integrations:read') && (
        <p className="small">
          <Link to={`/o/${org.slug}/monitoring/${encodeURIComponent(person.integration)}`}>
            See every person’s results in Monitoring
          </Link>
        </p>
      )}
    </section>
  );
}
