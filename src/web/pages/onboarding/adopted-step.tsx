import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { useReadiness } from '../dashboard/queries.ts';

/** Step 4: what the program adopted for its scope, and the way to the dashboard. */
export function AdoptedStep({ warnings }: { warnings: string[] }) {
  const org = useOrg();
  const readiness = useReadiness(org.slug);
  const policies = useQuery({
    queryKey: ['org', org.slug, 'policies'],
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/policies', { params: { path: { org: org.slug } } })),
    enabled: org.can('policies:read'),
  });
  if (readiness.isPending || (org.can('policies:read') && policies.isPending))
    return <Loading what="Loading what was adopted" />;
  if (readiness.error || policies.error || !readiness.data)
    return (
      <ErrorState
        error={readiness.error ?? policies.error ?? 'the program is not defined yet'}
        retry={() => {
          void readiness.refetch();
          void policies.refetch();
        }}
      />
    );
  const { criteria, categories, program } = readiness.data;
  const inScope = criteria.filter((c) => c.status !== 'not_applicable').length;
  const controls = new Set(criteria.flatMap((c) => c.controlCodes)).size;
  return (
    <div className="stack">
      <p>
        Your {program.reportType === 'type1' ? 'Type 1' : 'Type 2'} program covers{' '}
        {categories.map((c) => c.name).join(', ')}. Attestly adopted its control library and policy templates
        for that scope; every control starts as not started, every policy as a draft for its owner to review.
      </p>
      {warnings.map((w) => (
        <p key={w} className="field-warning" role="status">
          Note: {w}.
        </p>
      ))}
      <div className="cards">
        <div className="card">
          <div className="metric">{inScope}</div>
          <div className="metric-label">criteria in scope</div>
        </div>
        <div className="card">
          <div className="metric">{controls}</div>
          <div className="metric-label">controls adopted</div>
        </div>
        {policies.data && (
          <div className="card">
            <div className="metric">{policies.data.items.length}</div>
            <div className="metric-label">policy templates adopted</div>
          </div>
        )}
      </div>
      <div className="row">
        <Link to={`/o/${org.slug}`} className="button button-primary">
          Go to the dashboard
        </Link>
        <Link to={`/o/${org.slug}/controls`} className="button">
          Review the controls
        </Link>
      </div>
    </div>
  );
}
