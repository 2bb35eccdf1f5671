import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { Badge } from '../../components/badge.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { day, policyKeys, type TPolicyAcceptances } from './policy-api.ts';

// Who has accepted the version in force, who has not yet, and the record of every earlier acceptance.

export function PolicyAcceptances({ org, id }: { org: string; id: string }) {
  const query = useQuery({
    queryKey: policyKeys.acceptances(org, id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org}/policies/{id}/acceptances', { params: { path: { org, id } } })),
  });
  return (
    <section className="card stack policy-card" aria-labelledby="acceptances-title">
      <h2 id="acceptances-title">Acceptance</h2>
      <Query query={query} what="Loading acceptances">
        {(data) => <AcceptanceLists data={data} />}
      </Query>
    </section>
  );
}

function AcceptanceLists({ data }: { data: TPolicyAcceptances }) {
  const current = data.publishedVersion;
  const acceptedNow = current === null ? [] : data.acceptances.filter((a) => a.version === current);
  const pending = usePaged(data.pending, 10);
  const record = usePaged(data.acceptances, 10);

  if (current === null)
    return (
      <EmptyState title="Not published yet">
        Once a version is published, everyone who must accept it sees it on their page, and their acceptance
        shows here.
      </EmptyState>
    );

  const expected = acceptedNow.length + data.pending.length;
  return (
    <>
      <p>
        Version {current} is in force: <strong>{acceptedNow.length}</strong> of {expected}{' '}
        {expected === 1 ? 'person has' : 'people have'} accepted it.
      </p>
      <div className="two-col">
        <div className="stack">
          <h3>Not yet accepted version {current}</h3>
          {data.pending.length === 0 ? (
            <p className="muted">Everyone has accepted it.</p>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Person</th>
                      <th scope="col">Role</th>
                    </tr>
                  </thead>
                  <tbody>
                    {pending.items.map((p) => (
                      <tr key={p.userId}>
                        <td>{p.email}</td>
                        <td>{p.role}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {pending.pager}
            </>
          )}
        </div>
        <div className="stack">
          <h3>Accepted</h3>
          {data.acceptances.length === 0 ? (
            <p className="muted">Nobody has accepted a version yet.</p>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Person</th>
                      <th scope="col">Version</th>
                      <th scope="col">On</th>
                    </tr>
                  </thead>
                  <tbody>
                    {record.items.map((a) => (
                      <tr key={`${a.userId}-${a.version}`}>
                        <td>{a.email}</td>
                        <td className="nowrap">
                          v{a.version}{' '}
                          {a.version === current ? (
                            <Badge status="accepted">Current</Badge>
                          ) : (
                            <Badge status="superseded">Earlier</Badge>
                          )}
                        </td>
                        <td className="nowrap">{day(a.acceptedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {record.pager}
            </>
          )}
        </div>
      </div>
    </>
  );
}
