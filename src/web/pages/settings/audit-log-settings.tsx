import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { Field } from '../../components/field.tsx';
import { EmptyState, ErrorState, Loading, Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { LedgerStatus } from './ledger-settings.tsx';
import { formatDateTime, settingsKeys } from './settings-api.ts';

type TEntry =
  paths['/api/v1/orgs/{org}/audit-log']['get']['responses']['200']['content']['application/json']['items'][number];

const PAGE_SIZE = 50;
const EMPTY_FILTERS = { action: '', targetType: '', targetId: '', actor: '' };
type TFilters = typeof EMPTY_FILTERS;

/** The organization's append-only audit log: whether its hash chain holds, then every entry, newest first. */
export function AuditLogSettings() {
  const org = useOrg();
  const [filters, setFilters] = useState<TFilters>(EMPTY_FILTERS);
  // Cursor paging: `before` is the seq of the last entry seen; the stack lets "Newer" step back.
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors.at(-1);
  const query = Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v.trim() !== ''),
  ) as Partial<TFilters>;
  const entries = useQuery({
    queryKey: [...settingsKeys.auditLog(org.slug), query, before ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/audit-log', {
          params: {
            path: { org: org.slug },
            query: { ...query, limit: PAGE_SIZE, ...(before ? { before } : {}) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="stack settings-panel">
      <ChainStatus />
      <LedgerStatus />
      <section className="stack" aria-labelledby="audit-entries-title">
        <h2 id="audit-entries-title">Entries</h2>
        <AuditFilters
          applied={filters}
          suggestions={entries.data?.items ?? []}
          onApply={(next) => {
            setFilters(next);
            setCursors([]);
          }}
        />
        <Query query={entries} what="Loading the audit log">
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState
                title={Object.keys(query).length > 0 ? 'No entry matches these filters' : 'No entries yet'}
              >
                {Object.keys(query).length > 0
                  ? 'Clear or change the filters above.'
                  : 'Every change in this organization is recorded here as it happens.'}
              </EmptyState>
            ) : (
              <>
                <AuditTable entries={data.items} />
                <nav className="pager" aria-label="Audit log pages">
                  <button
                    type="button"
                    className="button"
                    disabled={cursors.length === 0 || entries.isFetching}
                    onClick={() => setCursors(cursors.slice(0, -1))}
                  >
                    Newer
                  </button>
                  <span aria-live="polite">
                    Entries #{data.items[0]?.seq} to #{data.items.at(-1)?.seq}
                  </span>
                  <button
                    type="button"
                    className="button"
                    disabled={data.nextBefore === null || entries.isFetching}
                    onClick={() => data.nextBefore !== null && setCursors([...cursors, data.nextBefore])}
                  >
                    Older
                  </button>
                </nav>
              </>
            )
          }
        </Query>
      </section>
    </div>
  );
}

function ChainStatus() {
  const org = useOrg();
  const verify = useQuery({
    queryKey: settingsKeys.auditChain(org.slug),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org}/audit-log/verify', { params: { path: { org: org.slug } } })),
  });
  if (verify.isPending) return <Loading what="Verifying the audit log's hash chain" />;
  if (verify.error) return <ErrorState error={verify.error} retry={() => void verify.refetch()} />;
  const result = verify.data;
  return (
    <section
      className={`chain-status ${result.ok ? 'chain-ok' : 'chain-broken'}`}
      aria-labelledby="chain-title"
      role="status"
    >
      <div>
        <h2 id="chain-title" className="card-title">
          {result.ok
            ? `Hash chain verified: ${result.entries} ${result.entries === 1 ? 'entry' : 'entries'}`
            : `Hash chain broken at entry #${result.seq ?? '?'}`}
        </h2>
        {result.ok ? (
          <p className="small">
            Each entry's hash covers the one before it, so no entry was changed, removed or reordered.
            {result.head && (
              <>
                {' '}
                Head: <code>{result.head}</code>
              </>
            )}
          </p>
        ) : (
          <p className="small">
            {result.problem && <strong>{result.problem.replace(/_/g, ' ')}: </strong>}
            {result.message ?? 'an entry does not match the chain'}. Entries from #{result.seq ?? '?'} on
            cannot be trusted; investigate before relying on this log.
          </p>
        )}
      </div>
      <button
        type="button"
        className="button button-small"
        disabled={verify.isFetching}
        onClick={() => void verify.refetch()}
      >
        {verify.isFetching ? 'Verifying…' : 'Verify again'}
      </button>
    </section>
  );
}

function AuditFilters({
  applied,
  suggestions,
  onApply,
}: {
  applied: TFilters;
  suggestions: TEntry[];
  onApply: (filters: TFilters) => void;
}) {
  const [draft, setDraft] = useState(applied);
  const listId = useId();
  const actions = [...new Set(suggestions.map((e) => e.action))].sort();
  const types = [...new Set(suggestions.map((e) => e.targetType))].sort();
  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }
  const input = (key: keyof TFilters, list?: string) => (p: { id: string }) => (
    <input
      {...p}
      value={draft[key]}
      maxLength={key === 'actor' ? 300 : 100}
      {...(list ? { list } : {})}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
    />
  );
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter the audit log">
      <Field label="Action">{input('action', `${listId}-actions`)}</Field>
      <Field label="Entity type">{input('targetType', `${listId}-types`)}</Field>
      <Field label="Entity ID">{input('targetId')}</Field>
      <Field label="Actor">{input('actor')}</Field>
      <datalist id={`${listId}-actions`}>
        {actions.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <datalist id={`${listId}-types`}>
        {types.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <div className="row row-tight">
        <button type="submit" className="button button-primary">
          Filter
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(EMPTY_FILTERS);
            onApply(EMPTY_FILTERS);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}

function AuditTable({ entries }: { entries: TEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Entity</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td className="mono audit-seq">{e.seq}</td>
              <td className="nowrap">{formatDateTime(e.occurredAt)}</td>
              <td>
                {e.actor}
                <div className="small muted">{e.actorType === 'token' ? 'API token' : e.actorType}</div>
              </td>
              <td>
                <code className="audit-action">{e.action}</code>
              </td>
              <td>
                {e.targetType}
                {e.targetId && <div className="small muted mono">{e.targetId}</div>}
              </td>
              <td>
                <EntryDetails entry={e} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EntryDetails({ entry }: { entry: TEntry }) {
  const keys = Object.keys(entry.details);
  return (
    <details className="audit-details">
      <summary>
        {keys.length > 0 ? keys.slice(0, 3).join(', ') + (keys.length > 3 ? '…' : '') : 'Hashes'}
      </summary>
      {keys.length > 0 && <pre className="mono">{JSON.stringify(entry.details, null, 2)}</pre>}
      <dl className="small">
        {entry.requestId && (
          <>
            <dt>Request</dt>
            <dd className="mono">{entry.requestId}</dd>
          </>
        )}
        {entry.sourceAddress && (
          <>
            <dt>From</dt>
            <dd className="mono">{entry.sourceAddress}</dd>
          </>
        )}
        <dt>Hash</dt>
        <dd className="mono">{entry.hash}</dd>
      </dl>
    </details>
  );
}
