import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Badge } from '../components/badge.tsx';
import { Page } from '../components/page.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { PolicyAcceptances } from './policies/policy-acceptances.tsx';
import { day, pdfHref, type TPolicyView, usePolicy } from './policies/policy-api.ts';
import { PolicyEditor } from './policies/policy-editor.tsx';
import { PolicyMarkdown } from './policies/policy-markdown.tsx';
import { PolicyVersions } from './policies/policy-versions.tsx';
import { PolicyWorkflow } from './policies/policy-workflow.tsx';

/** One policy: its text (edited with a live preview), approval and publication, versions, and acceptance. */
export function PolicyPage() {
  const org = useOrg();
  const { id = '' } = useParams();
  const policy = usePolicy(org.slug, id);
  return (
    <Query query={policy} what="Loading the policy">
      {(view) => <PolicyScreen key={view.policy.id} view={view} />}
    </Query>
  );
}

function PolicyScreen({ view }: { view: TPolicyView }) {
  const org = useOrg();
  const [dirty, setDirty] = useState(false);
  const onDirtyChange = useCallback((value: boolean) => setDirty(value), []);
  const { policy, published } = view;
  const latest = view.versions.reduce((max, v) => (v.version > max.version ? v : max), {
    version: 0,
    status: 'draft' as string,
  });

  return (
    <Page
      title={policy.title}
      subtitle={
        <>
          {org.role === 'employee' ? (
            <Link to={`/o/${org.slug}/me`}>My page</Link>
          ) : (
            <Link to={`/o/${org.slug}/policies`}>All policies</Link>
          )}{' '}
          · Owner {policy.ownerEmail ?? `not named (${policy.ownerRole.replace(/_/g, ' ')})`} · Reviewed{' '}
          {policy.reviewCadence.replace(/_/g, ' ')}
        </>
      }
      actions={
        <>
          {latest.version > 0 && (
            <Badge status={latest.status}>{`v${latest.version} ${latest.status}`}</Badge>
          )}
          {published && (
            <a className="button" href={pdfHref(org.slug, policy.id, published.version)} download>
              PDF of version {published.version}
            </a>
          )}
        </>
      }
    >
      <div className="stack">
        {org.can('policies:write') ? (
          <PolicyEditor org={org.slug} view={view} onDirtyChange={onDirtyChange} />
        ) : (
          <ReadOnlyText view={view} />
        )}
        {org.role !== 'employee' && <PolicyWorkflow view={view} dirty={dirty} />}
        <PolicyVersions org={org.slug} view={view} />
        {org.can('policy_acceptances:read') && <PolicyAcceptances org={org.slug} id={policy.id} />}
      </div>
    </Page>
  );
}

function ReadOnlyText({ view }: { view: TPolicyView }) {
  const shown = view.published ?? view.draft;
  if (!shown) return <EmptyState title="Nothing written yet">This policy has no text yet.</EmptyState>;
  return (
    <section className="card policy-card" aria-labelledby="text-title">
      <h2 id="text-title">
        {shown.status === 'published'
          ? `Version ${shown.version}, in force since ${day(shown.publishedAt)}`
          : `Version ${shown.version} (${shown.status}, not published yet)`}
      </h2>
      <PolicyMarkdown text={shown.bodyMarkdown} />
    </section>
  );
}
