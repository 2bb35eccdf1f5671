import { Link, Navigate } from 'react-router';
import { useSession } from '../api/session.ts';
import { Page } from '../components/page.tsx';
import { Query } from '../components/states.tsx';

/** `/`: straight into the only organization, a choice between several, or sign-in. */
export function HomePage() {
  const session = useSession();
  return (
    <Query query={session} what="Checking your session">
      {(data) => {
        if (!data) return <Navigate to="/sign-in" replace />;
        const first = data.organizations[0];
        if (data.organizations.length === 1 && first) {
          const landing = first.role === 'employee' ? 'me' : '';
          return <Navigate to={`/o/${first.organization.slug}/${landing}`} replace />;
        }
        return (
          <main className="centered">
            <Page title="Your organizations">
              <ul className="plain-list">
                {data.organizations.map((m) => (
                  <li key={m.organization.slug}>
                    <Link to={`/o/${m.organization.slug}`}>{m.organization.name}</Link> ({m.role})
                  </li>
                ))}
              </ul>
            </Page>
          </main>
        );
      }}
    </Query>
  );
}
