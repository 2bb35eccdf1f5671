import { Link } from 'react-router';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState } from '../../components/states.tsx';
import type { TDashboard } from '../dashboard/types.ts';
import { TierBadge } from './badges.tsx';

/** The dashboard's vendor warnings: reports expiring or missing, renewals and reviews due. */
export function VendorWarnings({ slug, warnings }: { slug: string; warnings: TDashboard['vendorWarnings'] }) {
  const { items, pager } = usePaged(warnings, 10);
  if (warnings.length === 0)
    return <EmptyState title="No vendor warnings">Every vendor's report and review is current.</EmptyState>;
  return (
    <>
      <div className="table-wrap">
        <table aria-label="Vendor warnings">
          <thead>
            <tr>
              <th scope="col">Vendor</th>
              <th scope="col">Warning</th>
            </tr>
          </thead>
          <tbody>
            {items.map((w) => (
              <tr key={`${w.vendorId}-${w.kind}`}>
                <td>
                  <Link to={`/o/${slug}/vendors/${w.vendorId}`}>{w.vendorName}</Link>{' '}
                  <TierBadge tier={w.tier} />
                </td>
                <td>
                  <span className={`badge badge-${w.severity}`}>
                    {w.severity === 'bad' ? 'Act now' : 'Soon'}
                  </span>{' '}
                  {w.message}
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
