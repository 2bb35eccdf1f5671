import { Link } from 'react-router';
import { Badge } from '../../components/badge.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState } from '../../components/states.tsx';
import type { TDashboard } from './types.ts';

/** Tasks past their due date, oldest first. */
export function OverdueTasks({ slug, tasks }: { slug: string; tasks: TDashboard['overdueTasks'] }) {
  const { items, pager } = usePaged(tasks, 10);
  if (tasks.length === 0)
    return <EmptyState title="No overdue tasks">Nothing is past its due date.</EmptyState>;
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Due</th>
              <th scope="col">Assignee</th>
              <th scope="col">Control</th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <td>
                  <Link to={`/o/${slug}/tasks`}>{t.title}</Link> <Badge status={t.status} />
                </td>
                <td>
                  <Badge status="overdue">{`Due ${t.dueDate}`}</Badge>
                </td>
                <td>
                  {t.assignee ? (t.assignee.name ?? t.assignee.email) : <span className="muted">Nobody</span>}
                </td>
                <td>
                  {t.controlCode ? (
                    <Link to={`/o/${slug}/controls/${t.controlCode}`} className="mono">
                      {t.controlCode}
                    </Link>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}

/** Evidence that lapsed or is about to, with the controls that rely on it. */
export function ExpiringEvidence({
  slug,
  evidence,
}: {
  slug: string;
  evidence: TDashboard['expiringEvidence'];
}) {
  const { items, pager } = usePaged(evidence, 10);
  if (evidence.length === 0)
    return <EmptyState title="No evidence about to expire">All linked evidence is current.</EmptyState>;
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Evidence</th>
              <th scope="col">Valid until</th>
              <th scope="col">Controls</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={`/o/${slug}/evidence`}>{e.title}</Link>
                </td>
                <td>
                  {e.validUntil} <Badge status={e.expiry} />
                </td>
                <td>
                  {e.controlCodes.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    e.controlCodes.map((code, i) => (
                      <span key={code}>
                        {i > 0 && ', '}
                        <Link to={`/o/${slug}/controls/${code}`} className="mono">
                          {code}
                        </Link>
                      </span>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}

/** Type 2: where today is in the observation window. Type 1: the as-of date. */
export function PeriodCard({ period }: { period: TDashboard['period'] }) {
  if (period.window) {
    const { start, end, daysElapsed, daysLeft } = period.window;
    const total = daysElapsed + daysLeft;
    const share = total === 0 ? 0 : Math.round((daysElapsed / total) * 100);
    return (
      <div className="card">
        <div className="metric">{daysLeft}</div>
        <div className="metric-label">days left in the Type 2 observation window</div>
        <div
          className="progress"
          role="progressbar"
          aria-label="Observation window elapsed"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={share}
          aria-valuetext={`${daysElapsed} of ${total} days elapsed`}
        >
          <span style={{ width: `${share}%` }} />
        </div>
        <p className="muted">
          {start} to {end} · {daysElapsed === 0 ? 'not started yet' : `${daysElapsed} days elapsed`}
        </p>
      </div>
    );
  }
  if (period.asOf)
    return (
      <div className="card">
        <div className="metric">{period.asOf.date}</div>
        <div className="metric-label">Type 1 as-of date</div>
        <p className="muted">
          {period.asOf.daysLeft > 0 ? `${period.asOf.daysLeft} days from today` : 'Reached'}
        </p>
      </div>
    );
  return null;
}
