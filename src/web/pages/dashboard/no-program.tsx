import { Link } from 'react-router';
import { EmptyState } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';

/** What a screen shows before the organization has a SOC 2 program. */
export function NoProgram() {
  const org = useOrg();
  return (
    <EmptyState title="No SOC 2 program yet">
      {org.can('program:write') ? (
        <>
          Choose the report type and scope to adopt the control library and policies.{' '}
          <Link to={`/o/${org.slug}/onboarding`} className="button button-primary">
            Start onboarding
          </Link>
        </>
      ) : (
        'An owner or admin of the organization defines the program first; this page fills in once they have.'
      )}
    </EmptyState>
  );
}
