import { Link } from 'react-router';
import { Badge, label } from '../../components/badge.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { evidenceFileUrl } from '../evidence/queries.ts';
import { Sha } from '../evidence/sha.tsx';
import { useIntegrations } from '../monitoring/queries.ts';
import { isOverdue, useTasks } from '../tasks/queries.ts';
import { formatDateTime, formatDay, todayIso } from './format.ts';
import { type TControlDetail, type TControlMonitoring, useControlMonitoring } from './queries.ts';

// The lower half of a control's page: its evidence, monitoring results, tasks and history.

export function ControlEvidence({ control }: { control: TControlDetail }) {
  const org = useOrg();
  const evidencePage = `/o/${org.slug}/evidence`;
  return (
    <section aria-labelledby="control-evidence">
      <div className="section-head">
        <h2 id="control-evidence">Evidence ({control.evidence.length})</h2>
        {org.can('evidence:write') && (
          <Link
            className="button"
            to={`${evidencePage}?upload=1&control=${encodeURIComponent(control.code)}`}
          >
            Upload evidence
          </Link>
        )}
      </div>
      {control.evidence.length === 0 ? (
        <EmptyState title="No evidence linked yet">
          {control.evidenceGuidance
            ? 'Upload what the guidance above asks for, and link it to this control.'
            : 'Upload a file that shows the control operates, and link it to this control.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">File</th>
                <th scope="col">SHA-256</th>
                <th scope="col">Valid</th>
                <th scope="col">Expiry</th>
              </tr>
            </thead>
            <tbody>
              {control.evidence.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`${evidencePage}?item=${encodeURIComponent(e.id)}`}>{e.title}</Link>
                  </td>
                  <td>
                    <a href={evidenceFileUrl(org.slug, e.id)} download={e.fileName}>
                      {e.fileName}
                    </a>
                  </td>
                  <td>
                    <Sha value={e.sha256} />
                  </td>
                  <td className="nowrap">
                    {formatDay(e.validFrom)} – {e.validUntil ? formatDay(e.validUntil) : 'no end'}
                  </td>
                  <td>
                    <Badge status={e.expiry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ControlTests({ control }: { control: TControlDetail }) {
  const org = useOrg();
  const monitoring = useControlMonitoring(org.slug, org.can('integrations:read'));
  if (!org.can('integrations:read')) return null;
  const state = monitoring.data?.get(control.code);
  return (
    <section aria-labelledby="control-tests">
      <h2 id="control-tests">Monitoring {state && <Badge status={state.status} />}</h2>
      {monitoring.isPending ? (
        <Loading what="Loading test results" />
      ) : monitoring.error ? (
        <ErrorState error={monitoring.error} retry={() => void monitoring.refetch()} />
      ) : !state ? (
        <EmptyState title="No test results for this control">
          {control.automatable ? (
            <>
              <Link to={`/o/${org.slug}/monitoring`}>Connect a system in Monitoring</Link>: its tests run on a
              schedule and their results show here.
            </>
          ) : (
            'This control is shown by evidence rather than by automated tests.'
          )}
        </EmptyState>
      ) : (
        <TestResults results={state.results} />
      )}
    </section>
  );
}

function TestResults({ results }: { results: TControlMonitoring['results'] }) {
  const org = useOrg();
  // Each result links to the integration that produced it, where its runs and fields are.
  const integrations = useIntegrations(org.slug);
  const names = new Map((integrations.data ?? []).map((i) => [i.id, i.name]));
  const sorted = [...results].sort((a, b) => rank(a.status) - rank(b.status));
  const { items, pager } = usePaged(sorted, 20);
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col">Resource</th>
              <th scope="col">Integration</th>
              <th scope="col">Result</th>
              <th scope="col">Why</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={`${r.integrationId}:${r.testId}:${r.resourceType}:${r.resourceId}`}>
                <td>{r.title}</td>
                <td>
                  {r.resourceName} <span className="muted small">{r.resourceType}</span>
                </td>
                <td>
                  <IntegrationLink org={org.slug} name={names.get(r.integrationId)} />
                </td>
                <td>
                  <Badge status={r.status} />
                </td>
                <td>{r.reason}</td>
                <td className="nowrap">{formatDateTime(r.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}

function IntegrationLink({ org, name }: { org: string; name: string | undefined }) {
  if (!name) return <span className="muted">…</span>;
  return <Link to={`/o/${org}/monitoring/${encodeURIComponent(name)}`}>{name}</Link>;
}

function rank(status: string): number {
  return status === 'fail' ? 0 : status === 'error' ? 1 : 2;
}

export function ControlTasks({ control }: { control: TControlDetail }) {
  const org = useOrg();
  const tasks = useTasks(org.slug);
  const emails = new Map((tasks.data ?? []).map((t) => [t.id, t.assigneeEmail]));
  const today = todayIso();
  return (
    <section aria-labelledby="control-tasks">
      <div className="section-head">
        <h2 id="control-tasks">Tasks ({control.tasks.length})</h2>
        {org.can('tasks:write') && (
          <Link
            className="button"
            to={`/o/${org.slug}/tasks?new=1&control=${encodeURIComponent(control.code)}`}
          >
            New task
          </Link>
        )}
      </div>
      {control.tasks.length === 0 ? (
        <EmptyState title="No tasks for this control">
          {org.can('tasks:write') ? 'Create one to assign the work that is left and a due date.' : null}
        </EmptyState>
      ) : (
        <ul className="plain-list">
          {control.tasks.map((t) => (
            <li key={t.id} className={`task-line${isOverdue(t, today) ? ' overdue' : ''}`}>
              <Badge status={t.status} /> <Link to={`/o/${org.slug}/tasks#task-${t.id}`}>{t.title}</Link>
              <span className="muted small">
                {' · '}
                {emails.get(t.id) ?? (t.assigneeUserId ? 'assigned' : 'unassigned')}
                {t.dueDate && ` · due ${formatDay(t.dueDate)}`}
              </span>
              {isOverdue(t, today) && <Badge status="overdue" />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ControlHistory({ control }: { control: TControlDetail }) {
  const { items, pager } = usePaged(control.history, 15);
  return (
    <section aria-labelledby="control-history">
      <h2 id="control-history">History</h2>
      {control.history.length === 0 ? (
        <EmptyState title="Nothing has changed yet">Changes to the control are recorded here.</EmptyState>
      ) : (
        <>
          <ol className="history">
            {items.map((h) => (
              <li key={h.seq}>
                <time dateTime={new Date(h.occurredAt).toISOString()}>{formatDateTime(h.occurredAt)}</time>{' '}
                <strong>{describeAction(h.action)}</strong> <span className="muted">by {h.actor}</span>
                <Changes details={h.details} />
              </li>
            ))}
          </ol>
          {pager}
        </>
      )}
    </section>
  );
}

function describeAction(action: string): string {
  const [, verb = action] = action.split('.');
  return label(verb);
}

/** "status: Not started → Implemented" for each field that changed, from an entry's before and after. */
function Changes({ details }: { details: Record<string, unknown> }) {
  const before = asRecord(details.before);
  const after = asRecord(details.after);
  if (!before || !after) return null;
  const changed = Object.keys(after).filter((k) => show(before[k]) !== show(after[k]));
  if (changed.length === 0) return null;
  return (
    <ul className="changes">
      {changed.map((k) => (
        <li key={k}>
          {label(k.replace(/([A-Z])/g, '_$1').toLowerCase())}: {show(before[k])} → {show(after[k])}
        </li>
      ))}
    </ul>
  );
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return /^[a-z_]+$/.test(value) ? label(value) : value;
  return JSON.stringify(value);
}
