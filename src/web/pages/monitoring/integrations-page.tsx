import { useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../components/badge.tsx';
import { Page } from '../../components/page.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { formatDateTime } from '../controls/format.ts';
import { ConnectForm } from './connect-form.tsx';
import { MonitoringTabs } from './monitoring-tabs.tsx';
import {
  describeSchedule,
  missingPermission,
  type TIntegration,
  type TRun,
  useIntegrations,
  useIntegrationTypes,
} from './queries.ts';
import { RunButton, RunResult, useRunNow } from './run-button.tsx';

// Monitoring, the list: every connected system, whether its last run worked (a failure is shown first and
// in full, with the permission the provider said was missing), when it runs next and what it found.

export function IntegrationStatus({ integration }: { integration: Pick<TIntegration, 'status'> }) {
  if (integration.status === 'ok') return <Badge status="pass">Succeeded</Badge>;
  if (integration.status === 'failed') return <Badge status="fail">Failed</Badge>;
  return <Badge status="draft">New: not run yet</Badge>;
}

/** A failed collection, loud: the provider's message and the missing permission. */
export function CollectionFailure({ name, error }: { name: string; error: TIntegration['lastError'] }) {
  const permission = missingPermission(error);
  return (
    <div className="collection-failure" role="alert">
      <strong>{name}: the last run could not collect.</strong> {error?.message ?? 'No message was given.'}
      {permission && (
        <p>
          Missing permission: <code>{permission}</code>. Grant it to the account this connection uses, then
          run it again.
        </p>
      )}
    </div>
  );
}

export function IntegrationsPage() {
  const org = useOrg();
  const integrations = useIntegrations(org.slug);
  const types = useIntegrationTypes();
  const [connecting, setConnecting] = useState(false);
  const [connected, setConnected] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, TRun | Error>>({});
  const run = useRunNow(org.slug, (name, result) => setResults((r) => ({ ...r, [name]: result })));
  const titles = new Map((types.data ?? []).map((t) => [t.type, t.title]));
  const canRun = org.can('integrations:run');

  return (
    <Page
      title="Monitoring"
      subtitle="Connected systems are read on a schedule; built-in and custom tests judge what they hold."
      actions={
        org.can('integrations:manage') && !connecting ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setConnected(null);
              setConnecting(true);
            }}
          >
            Connect a system
          </button>
        ) : null
      }
    >
      <MonitoringTabs />
      {connecting && (
        <ConnectForm
          onCancel={() => setConnecting(false)}
          onDone={(integration) => {
            setConnecting(false);
            setConnected(integration.name);
          }}
        />
      )}
      {connected && (
        <p className="notice" role="status">
          Connected {connected}. {canRun ? 'Run it now to see its results' : 'Its first run is due now'}.
        </p>
      )}
      <Query query={integrations} what="Loading integrations">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No system is connected yet">
              {org.can('integrations:manage')
                ? 'Connect one (a database, a directory, a cloud account): its tests then run on a schedule and move your controls.'
                : 'An owner or admin connects systems; their test results then show here.'}
            </EmptyState>
          ) : (
            <>
              {items
                .filter((i) => i.status === 'failed')
                .map((i) => (
                  <CollectionFailure key={i.id} name={i.name} error={i.lastError} />
                ))}
              <div className="table-wrap">
                <table className="integrations-table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Type</th>
                      <th scope="col">Status</th>
                      <th scope="col">Last run</th>
                      <th scope="col">Next run</th>
                      <th scope="col">Passing</th>
                      <th scope="col">Failing</th>
                      {canRun && <th scope="col">Run</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {[...items]
                      .sort((a, b) => Number(b.status === 'failed') - Number(a.status === 'failed'))
                      .map((i) => (
                        <tr key={i.id} className={i.status === 'failed' ? 'row-failed' : undefined}>
                          <td>
                            <Link to={`/o/${org.slug}/monitoring/${encodeURIComponent(i.name)}`}>
                              {i.name}
                            </Link>
                          </td>
                          <td>{titles.get(i.type) ?? i.type}</td>
                          <td>
                            <IntegrationStatus integration={i} />
                            {i.status === 'failed' && i.lastError && (
                              <div className="small bad-text">{i.lastError.message}</div>
                            )}
                          </td>
                          <td className="nowrap">{i.lastRunAt ? formatDateTime(i.lastRunAt) : 'never'}</td>
                          <td className="nowrap">
                            {i.enabled ? formatDateTime(i.nextRunAt) : 'paused'}
                            <div className="muted small">{describeSchedule(i.scheduleMinutes)}</div>
                          </td>
                          <td>{i.passing}</td>
                          <td className={i.failing > 0 ? 'bad-text' : undefined}>{i.failing}</td>
                          {canRun && (
                            <td>
                              <RunButton
                                name={i.name}
                                busy={run.isPending && run.variables === i.name}
                                disabled={run.isPending}
                                onRun={() => run.mutate(i.name)}
                              />
                            </td>
                          )}
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
              {Object.entries(results).map(([name, result]) => (
                <RunResult key={name} name={name} result={result} />
              ))}
            </>
          )
        }
      </Query>
    </Page>
  );
}
