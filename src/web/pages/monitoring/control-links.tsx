import { Link } from 'react-router';
import { useOrg } from '../../org.ts';

/** Control codes, each a link to its control when the role may see controls. */
export function ControlLinks({ codes }: { codes: string[] }) {
  const org = useOrg();
  return (
    <>
      {codes.map((code, k) => (
        <span key={code}>
          {k > 0 && ', '}
          {org.can('controls:read') ? (
            <Link to={`/o/${org.slug}/controls/${encodeURIComponent(code)}`}>{code}</Link>
          ) : (
            code
          )}
        </span>
      ))}
    </>
  );
}
