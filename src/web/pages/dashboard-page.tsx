import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { LineChart } from '../components/line-chart.tsx';
import { Page } from '../components/page.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { CriteriaGrid } from './dashboard/criteria-grid.tsx';
import { ExpiringEvidence, OverdueTasks, PeriodCard } from './dashboard/due-lists.tsx';
import { GapsList } from './dashboard/gaps-list.tsx';
import { NoProgram } from './dashboard/no-program.tsx';
import { hasProgram, isNoProgram, retryServerErrors } from './dashboard/queries.ts';
import { ReadinessSummary } from './dashboard/readiness-summary.tsx';
import type { TDashboard } from './dashboard/types.ts';
import { VendorWarnings } from './vendors/dashboard-warnings.tsx';

/** The program at a glance, read in one request. */
export function DashboardPage() {
  const org = useOrg();
  const queries = useQueryClient();
  const dashboard = useQuery({
    queryKey: ['org', org.slug, 'dashboard'],
    // Null until the program is defined (then the dashboard would only answer NOT_INITIALIZED).
    queryFn: async () =>
      (await hasProgram(queries, org.slug))
        ? unwrap(api.GET('/api/v1/orgs/{org}/dashboard', { params: { path: { org: org.slug } } }))
        : null,
    retry: retryServerErrors,
  });
  return (
    <Page title="Dashboard" subtitle={`SOC 2 readiness of ${org.name}`}>
      {dashboard.isPending ? (
        <Loading what="Loading the dashboard" />
      ) : dashboard.data === null || isNoProgram(dashboard.error) ? (
        <NoProgram />
      ) : dashboard.error || !dashboard.data ? (
        <ErrorState error={dashboard.error ?? 'no data'} retry={() => void dashboard.refetch()} />
      ) : (
        <DashboardBody data={dashboard.data} />
      )}
    </Page>
  );
}

function DashboardBody({ data }: { data: TDashboard }) {
  const org = useOrg();
  const { readiness, counts } = data;
  const controlsTotal = Object.values(counts.controls).reduce((a, b) => a + b, 0);
  const implemented = counts.controls.implemented ?? 0;
  const labels = data.history.map((h) => h.day);
  const categoryNames = new Map(readiness.categories.map((c) => [c.id, c.name]));
  const series = [
    { name: 'Overall', values: data.history.map((h) => h.overall) },
    ...(readiness.categories.length > 1
      ? readiness.categories.map((c) => ({
          name: categoryNames.get(c.id) ?? c.id,
          values: data.history.map((h) => h.categories[c.id] ?? null),
        }))
      : []),
  ];
  const latest = data.history.at(-1)?.overall;
  const first = data.history.find((h) => h.overall !== null)?.overall;

  return (
    <div className="stack stack-fluid">
      <div className="cards">
        <PeriodCard period={data.period} />
        <div className="card">
          <div className="metric">
            {implemented} / {controlsTotal}
          </div>
          <div className="metric-label">controls implemented</div>
          <Link to={`/o/${org.slug}/controls`}>See the controls</Link>
        </div>
        <div className="card">
          <div className="metric">{counts.openTasks}</div>
          <div className="metric-label">open tasks</div>
          <Link to={`/o/${org.slug}/tasks`}>See the tasks</Link>
        </div>
        <div className="card">
          <div className="metric">{counts.failingTests}</div>
          <div className="metric-label">failing monitoring tests</div>
          <span className="muted">
            on {counts.failingControls} control{counts.failingControls === 1 ? '' : 's'} · {counts.evidence}{' '}
            evidence items
          </span>
        </div>
      </div>

      <ReadinessSummary readiness={readiness} />

      <section className="card" aria-labelledby="grid-heading">
        <h2 id="grid-heading" className="card-title">
          Criteria in scope ({readiness.criteria.length})
        </h2>
        <CriteriaGrid slug={org.slug} criteria={readiness.criteria} />
      </section>

      <section className="card" aria-labelledby="trend-heading">
        <h2 id="trend-heading" className="card-title">
          Readiness over time
        </h2>
        {data.history.length === 0 ? (
          <p className="muted">The trend starts with the first daily snapshot.</p>
        ) : (
          <LineChart
            title="Readiness over the last 180 days"
            description={`Overall readiness from ${labels[0]} (${first ?? 'no data'}%) to ${labels.at(-1)} (${latest ?? 'no data'}%), one point per day with a snapshot.`}
            labels={labels}
            series={series}
            xLabel="Day"
            yLabel="Readiness"
          />
        )}
      </section>

      <section aria-labelledby="gaps-heading">
        <h2 id="gaps-heading">Gaps and next actions ({readiness.gaps.length})</h2>
        <GapsList gaps={readiness.gaps} />
      </section>

      <div className="two-col">
        <section aria-labelledby="overdue-heading">
          <h2 id="overdue-heading">Overdue tasks ({data.overdueTasks.length})</h2>
          <OverdueTasks slug={org.slug} tasks={data.overdueTasks} />
        </section>
        <section aria-labelledby="expiring-heading">
          <h2 id="expiring-heading">Evidence about to expire ({data.expiringEvidence.length})</h2>
          <ExpiringEvidence slug={org.slug} evidence={data.expiringEvidence} />
        </section>
        {org.can('vendors:read') && (
          <section aria-labelledby="vendor-warnings-heading">
            <h2 id="vendor-warnings-heading">Vendor warnings ({data.vendorWarnings.length})</h2>
            <VendorWarnings slug={org.slug} warnings={data.vendorWarnings} />
          </section>
        )}
      </div>
    </div>
  );
}
