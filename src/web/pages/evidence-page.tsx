import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Badge } from '../components/badge.tsx';
import { Page } from '../components/page.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { EvidenceDetail } from './evidence/evidence-detail.tsx';
import { EvidenceTable } from './evidence/evidence-table.tsx';
import { type TEvidence, useEvidence } from './evidence/queries.ts';
import { UploadForm } from './evidence/upload-form.tsx';

const EXPIRY_FILTERS = ['valid', 'expiring', 'expired'] as const;

/**
 * Evidence: the list, the upload form (?upload=1, with ?control=AC-01 to link it) and one item's detail
 * (?item=<id>), all on one route so every state has its own link.
 */
export function EvidencePage() {
  const org = useOrg();
  const [params, setParams] = useSearchParams();
  const evidence = useEvidence(org.slug);
  const [uploaded, setUploaded] = useState<{ id: string; title: string } | null>(null);
  const itemId = params.get('item');
  const uploading = params.get('upload') === '1' && org.can('evidence:write');
  const expiry = params.get('expiry') ?? '';
  const base = `/o/${org.slug}/evidence`;

  function setParam(name: string, value: string | null) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  }

  if (itemId)
    return (
      <Query query={evidence} what="Loading evidence">
        {(items) => {
          const item = items.find((e) => e.id === itemId);
          return (
            <Page title={item?.title ?? 'Evidence'} subtitle={<Link to={base}>All evidence</Link>}>
              {item ? (
                <EvidenceDetail key={item.id} item={item} />
              ) : (
                <EmptyState title="No such evidence">
                  It may have been removed. <Link to={base}>Back to all evidence</Link>
                </EmptyState>
              )}
            </Page>
          );
        }}
      </Query>
    );

  return (
    <Page
      title="Evidence"
      subtitle="Files that show controls operate, with their SHA-256 and how long they stay valid."
      actions={
        org.can('evidence:write') && !uploading ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setUploaded(null);
              setParam('upload', '1');
            }}
          >
            Upload evidence
          </button>
        ) : null
      }
    >
      {uploading && (
        <UploadForm
          initialControls={params.getAll('control')}
          onCancel={() => setParams(new URLSearchParams(expiry ? { expiry } : {}))}
          onDone={(created) => {
            setUploaded({ id: created.id, title: created.title });
            setParams(new URLSearchParams(expiry ? { expiry } : {}));
          }}
        />
      )}
      {uploaded && (
        <p className="notice" role="status">
          Uploaded <Link to={`${base}?item=${encodeURIComponent(uploaded.id)}`}>{uploaded.title}</Link>.
        </p>
      )}
      <Query query={evidence} what="Loading evidence">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No evidence yet">
              {org.can('evidence:write')
                ? 'Upload a file that shows a control operates: a screenshot, an export, a signed document.'
                : 'Members upload evidence; it will be listed here.'}
            </EmptyState>
          ) : (
            <>
              <fieldset className="filters plain-fieldset">
                <legend className="visually-hidden">Filter by expiry</legend>
                <ExpiryFilter items={items} value={expiry} onChange={(v) => setParam('expiry', v)} />
              </fieldset>
              <EvidenceTable
                key={expiry}
                items={expiry ? items.filter((e) => e.expiry === expiry) : items}
                detailLink={(id) => `${base}?item=${encodeURIComponent(id)}`}
              />
            </>
          )
        }
      </Query>
    </Page>
  );
}

function ExpiryFilter({
  items,
  value,
  onChange,
}: {
  items: TEvidence[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="row">
      <button type="button" className="button" aria-pressed={value === ''} onClick={() => onChange('')}>
        All ({items.length})
      </button>
      {EXPIRY_FILTERS.map((status) => (
        <button
          key={status}
          type="button"
          className="button"
          aria-pressed={value === status}
          onClick={() => onChange(status)}
        >
          <Badge status={status} /> {items.filter((e) => e.expiry === status).length}
        </button>
      ))}
    </div>
  );
}
