import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Badge, label } from '../../components/badge.tsx';
import { Page } from '../../components/page.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, ErrorState, Loading, Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { formatDateTime } from '../controls/format.ts';
import { Sha } from '../evidence/sha.tsx';
import { ControlLinks } from './control-links.tsx';
import { CollectionFailure, IntegrationStatus } from './integrations-page.tsx';
import {
  describeSchedule,
  type TIntegration,
  type TResult,
  type TRun,
  type TTestInfo,
  useIntegrationResults,
  useIntegrations,
  useIntegrationTypes,
  useRuns,
  useTestInfo,
} from './queries.ts';
import { RunButton, RunResult, useRunNow } from './run-button.tsx';

// One connected system: its state, its runs (what each found and what changed, with the SHA-256 of what was
// collected) and its current results grouped by test, failing tests first, each linked to its controls.

export function IntegrationPage() {
  const org = useOrg();
  const { name = '' } = useParams();
  const integrations = useIntegrations(org.slug);
  const back = <Link to={`/o/${org.slug}/monitoring`}>All integrations</Link>;
  return (
    <Query query={integrations} what="Loading the integration">
      {(items) => {
        const integration = items.find((i) => i.name === name);
        if (!integration)
          return (
            <Page title={name} subtitle={back}>
              <EmptyState title={`No integration named "${name}"`}>
                It may have been renamed or never connected. {back}
              </EmptyState>
            </Page>
          );
        return <IntegrationDetail integration={integration} back={back} />;
      }}
    </Query>
  );
}

function IntegrationDetail({ integration, back }: { integration: TIntegration; back: ReactNode }) {
  const org = useOrg();
  const types = useIntegrationTypes();
  const [result, setResult] = useState<TRun | Error | null>(null);
  const run = useRunNow(org.slug, (_name, r) => setResult(r));
  const title = types.data?.find((t) => t.type === integration.type)?.title ?? integration.type;
  return (
    <Page
      title={integration.name}
      subtitle={back}
      actions={
        org.can('integrations:run') ? (
          <RunButton
            name={integration.name}
            busy={run.isPending}
            disabled={run.isPending}
            onRun={() => run.mutate(integration.name)}
          />
        ) : null
      }
    >
      <dl className="integration-facts">
        <div>
          <dt>Type</dt>
          <dd>{title}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <IntegrationStatus integration={integration} />
          </dd>
        </div>
        <div>
          <dt>Last run</dt>
          <dd>{integration.lastRunAt ? formatDateTime(integration.lastRunAt) : 'never'}</dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd>
            {integration.enabled ? formatDateTime(integration.nextRunAt) : 'paused'} (
            {describeSchedule(integration.scheduleMinutes)})
          </dd>
        </div>
        <div>
          <dt>Now</dt>
          <dd>
            {integration.passing} passing, {integration.failing} failing
          </dd>
        </div>
      </dl>
      {result && <RunResult name={integration.name} result={result} />}
      {integration.status === 'failed' && (
        <CollectionFailure name={integration.name} error={integration.lastError} />
      )}
      <Results integration={integration} />
      <Runs integration={integration} />
    </Page>
  );
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

interface TGroup {
  testId: string;
  test: TTestInfo | undefined;
  results: TResult[];
  failing: number;
  passing: number;
}

function groupsOf(results: TResult[], tests: Map<string, TTestInfo>): TGroup[] {
  const byTest = new Map<string, TGroup>();
  for (const r of results) {
    const group = byTest.get(r.testId) ?? {
      testId: r.testId,
      test: tests.get(r.testId),
      results: [],
      failing: 0,
      passing: 0,
    };
    group.results.push(r);
    if (r.status === 'fail' || r.status === 'error') group.failing += 1;
    if (r.status === 'pass') group.passing += 1;
    byTest.set(r.testId, group);
  }
  const rank = (s: string) => (s === 'fail' ? 0 : s === 'error' ? 1 : s === 'pass' ? 2 : 3);
  for (const g of byTest.values()) g.results.sort((a, b) => rank(a.status) - rank(b.status));
  return [...byTest.values()].sort(
    (a, b) =>
      Number(b.failing > 0) - Number(a.failing > 0) ||
      (SEVERITY_RANK[a.test?.severity ?? ''] ?? 9) - (SEVERITY_RANK[b.test?.severity ?? ''] ?? 9) ||
      a.testId.localeCompare(b.testId),
  );
}

function Results({ integration }: { integration: TIntegration }) {
  const org = useOrg();
  const results = useIntegrationResults(org.slug, integration.id);
  const info = useTestInfo(org.slug);
  const groups = groupsOf(results.data ?? [], info.tests);
  const { items, pager } = usePaged(groups, 10);
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">Current results</h2>
      {results.isPending || info.isPending ? (
        <Loading what="Loading results" />
      ) : results.error || info.error ? (
        <ErrorState
          error={results.error ?? info.error}
          retry={() => {
            void results.refetch();
            info.refetch();
          }}
        />
      ) : groups.length === 0 ? (
        <EmptyState title="No results yet">
          {integration.status === 'failed'
            ? 'The last run could not collect: fix what it reports above, then run it again.'
            : org.can('integrations:run')
              ? 'Run it now: every test of its resource types judges what it collects.'
              : 'Its first run is due; the results show here once it has run.'}
        </EmptyState>
      ) : (
        <>
          <p className="muted">
            {groups.length} tests: {groups.filter((g) => g.failing > 0).length} failing on at least one
            resource.
          </p>
          {items.map((g) => (
            <TestGroup key={g.testId} group={g} />
          ))}
          {pager}
        </>
      )}
    </section>
  );
}

function TestGroup({ group }: { group: TGroup }) {
  const { items, pager } = usePaged(group.results, 15);
  const headingId = `test-${group.testId.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <article
      className={`card test-group${group.failing > 0 ? ' test-group-failing' : ''}`}
      aria-labelledby={headingId}
    >
      <header className="test-group-head">
        <h3 id={headingId}>
          {group.failing > 0 ? <Badge status="fail">Failing</Badge> : <Badge status="pass">Passing</Badge>}{' '}
          {group.test?.title ?? group.testId}
        </h3>
        <p className="muted small">
          <code>{group.testId}</code>
          {group.test && ` · ${label(group.test.severity)} severity`}
          {group.test?.custom && ' · custom'} · {group.failing} failing, {group.passing} passing
        </p>
        {group.test && (
          <p className="small">
            Controls: <ControlLinks codes={group.test.controls} />
          </p>
        )}
        {group.failing > 0 && group.test?.remediation && (
          <p className="small">
            <strong>To fix:</strong> {group.test.remediation}
          </p>
        )}
      </header>
      {/* Failing tests open; passing ones folded, a click (or Enter) away. */}
      <details open={group.failing > 0}>
        <summary>
          {group.results.length} {group.results.length === 1 ? 'resource' : 'resources'}
        </summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Result</th>
                <th scope="col">Why</th>
                <th scope="col">Fields looked at</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={`${r.resourceType}:${r.resourceId}`}>
                  <td>
                    {r.resourceName}
                    <div className="muted small">{r.resourceType}</div>
                  </td>
                  <td>
                    <Badge status={r.status} />
                  </td>
                  <td>{r.reason}</td>
                  <td>
                    <Fields fields={r.fields} />
                  </td>
                  <td className="nowrap">{formatDateTime(r.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pager}
      </details>
    </article>
  );
}

function Fields({ fields }: { fields: Record<string, unknown> }) {
  const entries = Object.entries(fields);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="result-fields">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            <code>{typeof v === 'string' ? v : JSON.stringify(v)}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Runs({ integration }: { integration: TIntegration }) {
  const org = useOrg();
  const runs = useRuns(org.slug, integration.name);
  const { items, pager } = usePaged(runs.data?.items ?? [], 10);
  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">Runs</h2>
      {runs.isPending ? (
        <Loading what="Loading runs" />
      ) : runs.error ? (
        <ErrorState error={runs.error} retry={() => void runs.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="It has not run yet">
          Runs show here, newest first, with what each found.
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col">Resources</th>
                  <th scope="col">Passed</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Errors</th>
                  <th scope="col">Changed</th>
                  <th scope="col">Snapshot SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id} className={r.status === 'failed' ? 'row-failed' : undefined}>
                    <td className="nowrap">{formatDateTime(r.startedAt)}</td>
                    <td>
                      {r.status === 'failed' ? (
                        <>
                          <Badge status="fail">Failed</Badge>
                          <div className="small bad-text">{r.error?.message}</div>
                        </>
                      ) : (
                        <Badge status="pass">Succeeded</Badge>
                      )}
                    </td>
                    <td>{r.resources}</td>
                    <td>{r.passed}</td>
                    <td className={r.failed > 0 ? 'bad-text' : undefined}>{r.failed}</td>
                    <td>{r.errors}</td>
                    <td>{r.transitions}</td>
                    <td>
                      {r.snapshotSha256 ? <Sha value={r.snapshotSha256} /> : <span className="muted">—</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pager}
          {runs.data && runs.data.total > runs.data.items.length && (
            <p className="muted small">
              The latest {runs.data.items.length} of {runs.data.total} runs.
            </p>
          )}
        </>
      )}
    </section>
  );
}
