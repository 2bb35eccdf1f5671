import { useState } from 'react';
import { Link, NavLink, Route, Routes } from 'react-router';
import { label } from '../components/badge.tsx';
import { Page } from '../components/page.tsx';
import { usePaged } from '../components/pager.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { ReportBadge, TierBadge, WarningList } from './vendors/badges.tsx';
import { CuecsTab } from './vendors/cuecs-tab.tsx';
import { type TVendor, useVendors } from './vendors/queries.ts';
import { VendorForm } from './vendors/vendor-form.tsx';
import { VendorPage } from './vendors/vendor-page.tsx';

// Vendors and subservice organizations (CC9.2): the inventory with each vendor's tier, SOC 2 report status
// and warnings; a vendor's own page; and the complementary user entity controls (CUECs) tab.

export function VendorsRoutes() {
  return (
    <Routes>
      <Route index element={<VendorsPage tab="vendors" />} />
      <Route path="cuecs" element={<VendorsPage tab="cuecs" />} />
      <Route path=":id" element={<VendorPage />} />
    </Routes>
  );
}

function VendorsPage({ tab }: { tab: 'vendors' | 'cuecs' }) {
  const org = useOrg();
  const vendors = useVendors(org.slug);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const attention = (vendors.data ?? []).filter((v) => v.warnings.length > 0).length;
  return (
    <Page
      title="Vendors"
      subtitle={
        tab === 'vendors'
          ? `Who handles your data or runs part of your service, how critical each is, and their SOC 2 reports.${vendors.data ? ` ${attention} of ${vendors.data.length} need attention.` : ''}`
          : 'What you expect your own customers to do: listed in your system description.'
      }
      actions={
        tab === 'vendors' && org.can('vendors:write') && !adding ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            New vendor
          </button>
        ) : null
      }
    >
      <nav className="settings-tabs" aria-label="Vendor sections">
        <ul>
          <li>
            <NavLink to={`/o/${org.slug}/vendors`} end>
              Vendors
            </NavLink>
          </li>
          <li>
            <NavLink to={`/o/${org.slug}/vendors/cuecs`}>User entity controls (CUECs)</NavLink>
          </li>
        </ul>
      </nav>
      {tab === 'cuecs' ? (
        <CuecsTab />
      ) : (
        <>
          {adding && (
            <VendorForm
              onCancel={() => setAdding(false)}
              onDone={(v) => {
                setAdding(false);
                setNotice(`Added "${v.name}" as a ${v.tier} vendor.`);
              }}
            />
          )}
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          <Query query={vendors} what="Loading vendors">
            {(items) =>
              items.length === 0 ? (
                <EmptyState title="No vendors yet">
                  {org.can('vendors:write')
                    ? 'Add the vendors that host, process or can reach your data, starting with your cloud provider.'
                    : 'An owner, admin or member adds vendors here.'}
                </EmptyState>
              ) : (
                <VendorTable vendors={items} />
              )
            }
          </Query>
        </>
      )}
    </Page>
  );
}

function VendorTable({ vendors }: { vendors: TVendor[] }) {
  const org = useOrg();
  const { items, pager } = usePaged(vendors);
  return (
    <div className="stack">
      <div className="table-wrap vendor-table-wrap">
        <table aria-label="Vendor inventory">
          <thead>
            <tr>
              <th scope="col">Vendor</th>
              <th scope="col">Tier</th>
              <th scope="col">SOC 2 report</th>
              <th scope="col">Next review</th>
              <th scope="col">Renewal</th>
              <th scope="col">Owner</th>
              <th scope="col">Warnings</th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.id}>
                <td>
                  <Link to={`/o/${org.slug}/vendors/${v.id}`}>
                    <strong>{v.name}</strong>
                  </Link>
                  {v.status === 'offboarded' && <span className="badge badge-muted">Offboarded</span>}
                  {v.subservice && (
                    <div className="muted small">Subservice organization ({label(v.subservice.method)})</div>
                  )}
                  {v.services && <div className="muted small">{v.services}</div>}
                </td>
                <td>
                  <TierBadge tier={v.tier} />
                </td>
                <td>
                  <ReportBadge status={v.reportStatus} />
                  {v.latestReport && <div className="muted small">until {v.latestReport.coveredUntil}</div>}
                </td>
                <td>
                  {v.nextReviewDue ?? <span className="muted">Not reviewed</span>}
                  <div className="muted small">{label(v.cadence)}</div>
                </td>
                <td>{v.renewalDate ?? <span className="muted">—</span>}</td>
                <td>{v.ownerEmail ?? <span className="muted">Nobody</span>}</td>
                <td>
                  <WarningList warnings={v.warnings} compact />
                  {v.warnings.length === 0 && <span className="muted">None</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </div>
  );
}
