import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { label } from '../../components/badge.tsx';
import { Page } from '../../components/page.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { formatBytes } from '../controls/format.ts';
import { Sha } from '../evidence/sha.tsx';
import { ReportBadge, TierBadge, WarningList } from './badges.tsx';
import { type TVendorDetail, type TVendorReport, useVendor } from './queries.ts';
import { BridgeLetterForm, ReportForm } from './report-forms.tsx';
import { ReviewForm } from './review-form.tsx';
import { SubserviceForm } from './subservice-form.tsx';
import { VendorForm } from './vendor-form.tsx';

type TPanel = 'edit' | 'report' | 'review' | 'subservice' | { bridgeFor: TVendorReport };

/** One vendor: its tier and why, warnings, SOC 2 reports with bridge letters, reviews, subservice settings. */
export function VendorPage() {
  const org = useOrg();
  const { id = '' } = useParams();
  const detail = useVendor(org.slug, id);
  if (detail.isPending) return <Loading what="Loading the vendor" />;
  if (detail.error || !detail.data)
    return (
      <Page title="Vendor">
        <ErrorState error={detail.error ?? 'no data'} retry={() => void detail.refetch()} />
        <Link to={`/o/${org.slug}/vendors`}>Back to the vendors</Link>
      </Page>
    );
  return <VendorBody data={detail.data} />;
}

function VendorBody({ data }: { data: TVendorDetail }) {
  const org = useOrg();
  const { vendor, reports, reviews } = data;
  const [panel, setPanel] = useState<TPanel | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const writable = org.can('vendors:write');
  const open = (p: TPanel) => {
    setNotice(null);
    setPanel(p);
  };
  const done = (text: string) => {
    setPanel(null);
    setNotice(text);
  };
  return (
    <Page
      title={vendor.name}
      subtitle={vendor.services || 'A vendor in the inventory.'}
      actions={
        writable && panel === null ? (
          <button type="button" className="button" onClick={() => open('edit')}>
            Edit vendor
          </button>
        ) : null
      }
    >
      <p>
        <Link to={`/o/${org.slug}/vendors`}>← All vendors</Link>
      </p>
      {panel === 'edit' && (
        <VendorForm
          vendor={vendor}
          onCancel={() => setPanel(null)}
          onDone={(v) => done(`Saved "${v.name}".`)}
        />
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="two-col">
        <section className="card stack vendor-card" aria-labelledby="vendor-facts">
          <h2 id="vendor-facts" className="card-title">
            Tier <TierBadge tier={vendor.tier} />
            {vendor.status === 'offboarded' && <span className="badge badge-muted">Offboarded</span>}
          </h2>
          <ul className="small">
            {vendor.tierReasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <dl className="facts">
            <dt>Data</dt>
            <dd>{vendor.dataCategories.map(label).join(', ')}</dd>
            <dt>Owner</dt>
            <dd>{vendor.ownerEmail ?? 'Nobody'}</dd>
            <dt>Contract</dt>
            <dd>
              {vendor.contractStart ?? '—'} to renewal on {vendor.renewalDate ?? '—'}
            </dd>
            <dt>Review cadence</dt>
            <dd>
              {label(vendor.cadence)}
              {vendor.reviewCadence === null ? ' (by tier)' : ''}
            </dd>
            <dt>Last review</dt>
            <dd>
              {vendor.lastReview
                ? `${vendor.lastReview.reviewedOn}, ${label(vendor.lastReview.outcome)} by ${vendor.lastReview.reviewerEmail}`
                : 'None yet'}
            </dd>
            <dt>Next review due</dt>
            <dd>{vendor.nextReviewDue ?? 'Now (never reviewed)'}</dd>
            <dt>SOC 2 report</dt>
            <dd>
              <ReportBadge status={vendor.reportStatus} />
              {vendor.latestReport && ` covers until ${vendor.latestReport.coveredUntil}`}
            </dd>
          </dl>
        </section>
        <section className="card stack vendor-card" aria-labelledby="vendor-warnings">
          <h2 id="vendor-warnings" className="card-title">
            Warnings ({vendor.warnings.length})
          </h2>
          <WarningList warnings={vendor.warnings} />
        </section>
      </div>

      <section className="stack" aria-labelledby="reports-heading">
        <div className="section-head">
          <h2 id="reports-heading">SOC 2 reports ({reports.length})</h2>
          {writable && panel === null && (
            <button type="button" className="button" onClick={() => open('report')}>
              Upload SOC 2 report
            </button>
          )}
        </div>
        {panel === 'report' && (
          <ReportForm
            vendorId={vendor.id}
            onCancel={() => setPanel(null)}
            onDone={(r) => done(`Uploaded ${r.fileName}.`)}
          />
        )}
        {typeof panel === 'object' && panel !== null && (
          <BridgeLetterForm
            vendorId={vendor.id}
            report={panel.bridgeFor}
            onCancel={() => setPanel(null)}
            onDone={(r) => done(`Bridge letter added: covered until ${r.bridgeLetter?.coveredUntil}.`)}
          />
        )}
        {reports.length === 0 ? (
          <EmptyState title="No SOC 2 report on file">
            {vendor.tier === 'critical' || vendor.tier === 'high'
              ? `A ${vendor.tier} vendor needs a current report: ask the vendor for it.`
              : 'Optional for a vendor of this tier.'}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table aria-label="SOC 2 reports">
              <thead>
                <tr>
                  <th scope="col">Report</th>
                  <th scope="col">Period</th>
                  <th scope="col">Opinion</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Bridge letter</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <a href={`/api/v1/orgs/${org.slug}/vendors/${vendor.id}/reports/${r.id}/file`}>
                        {r.fileName}
                      </a>
                      <div className="muted small">
                        {r.reportType === 'type1' ? 'Type 1' : 'Type 2'} · {formatBytes(r.sizeBytes)}
                      </div>
                      <Sha value={r.sha256} />
                    </td>
                    <td>
                      {r.reportType === 'type1'
                        ? `as of ${r.periodEnd}`
                        : `${r.periodStart} to ${r.periodEnd}`}
                    </td>
                    <td>
                      {label(r.opinion)}
                      {r.exceptions && <div className="prose small">Exceptions: {r.exceptions}</div>}
                    </td>
                    <td>{r.expiresOn}</td>
                    <td>
                      {r.bridgeLetter ? (
                        <>
                          <a
                            href={`/api/v1/orgs/${org.slug}/vendors/${vendor.id}/reports/${r.id}/bridge-letter`}
                          >
                            {r.bridgeLetter.fileName}
                          </a>
                          <div className="muted small">covers until {r.bridgeLetter.coveredUntil}</div>
                        </>
                      ) : (
                        <span className="muted">None</span>
                      )}
                      {writable && panel === null && (
                        <div>
                          <button
                            type="button"
                            className="button button-small"
                            aria-label={`Upload a bridge letter for ${r.fileName}`}
                            onClick={() => open({ bridgeFor: r })}
                          >
                            {r.bridgeLetter ? 'Replace bridge letter' : 'Upload bridge letter'}
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="stack" aria-labelledby="reviews-heading">
        <div className="section-head">
          <h2 id="reviews-heading">Reviews ({reviews.length})</h2>
          {writable && panel === null && (
            <button type="button" className="button" onClick={() => open('review')}>
              Record review
            </button>
          )}
        </div>
        {panel === 'review' && (
          <ReviewForm
            vendorId={vendor.id}
            reports={reports}
            onCancel={() => setPanel(null)}
            onDone={(r) => done(`Recorded the review of ${r.reviewedOn}.`)}
          />
        )}
        {reviews.length === 0 ? (
          <EmptyState title="Not reviewed yet">
            Review the vendor ({label(vendor.cadence).toLowerCase()} for its tier): read its report, check its
            exceptions and the CUECs it expects of you.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table aria-label="Vendor reviews">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Reviewer</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Report read</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {reviews.map((r) => (
                  <tr key={r.id}>
                    <td>{r.reviewedOn}</td>
                    <td>{r.reviewerEmail}</td>
                    <td>{label(r.outcome)}</td>
                    <td>
                      {reports.find((x) => x.id === r.reportId)?.fileName ?? <span className="muted">—</span>}
                    </td>
                    <td className="prose">{r.notes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="stack" aria-labelledby="subservice-heading">
        <div className="section-head">
          <h2 id="subservice-heading">Subservice organization</h2>
          {writable && panel === null && (
            <button type="button" className="button" onClick={() => open('subservice')}>
              Edit subservice settings
            </button>
          )}
        </div>
        {panel === 'subservice' ? (
          <SubserviceForm
            vendor={vendor}
            onCancel={() => setPanel(null)}
            onDone={() => done('Saved the subservice settings.')}
          />
        ) : vendor.subservice ? (
          <div className="card stack vendor-card">
            <p>
              {vendor.name} is a subservice organization, presented with the{' '}
              <strong>{vendor.subservice.method === 'carve_out' ? 'carve-out' : 'inclusive'}</strong> method
              {vendor.subservice.reportSections ? ` in ${vendor.subservice.reportSections}` : ''}.
            </p>
            <h3>Complementary subservice organization controls ({vendor.subservice.csocs.length})</h3>
            {vendor.subservice.csocs.length === 0 ? (
              <p className="muted">None recorded yet.</p>
            ) : (
              <ol>
                {vendor.subservice.csocs.map((c) => (
                  <li key={c.description}>
                    {c.description}
                    {c.criteria.length > 0 && (
                      <span className="muted mono small"> ({c.criteria.join(', ')})</span>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </div>
        ) : (
          <p className="muted">
            Not a subservice organization of the system description. Mark it as one when your controls rely on
            controls it operates (a cloud host, for one).
          </p>
        )}
      </section>
    </Page>
  );
}
