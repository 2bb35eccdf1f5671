import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, unwrap } from '../api/client.ts';
import { Badge, label } from '../components/badge.tsx';
import { FormError } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { usePaged } from '../components/pager.tsx';
import { Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { DecisionCell } from './access-reviews/decision-cell.tsx';
import { type TReviewDetail, useReviewCampaign, when } from './access-reviews/queries.ts';

// One access review: the frozen snapshot (the accounts as they were when it started, with the snapshot's
// hash and whether it still verifies), keep or revoke per account, progress, and completion into evidence.

export function AccessReviewPage() {
  const org = useOrg();
  const { id = '' } = useParams();
  const campaign = useReviewCampaign(org.slug, id);
  const back = <Link to={`/o/${org.slug}/access-reviews`}>All access reviews</Link>;
  return (
    <Query query={campaign} what="Loading the review">
      {(c) => (
        <Page title={c.title} subtitle={back}>
          <Summary campaign={c} />
          <Accounts campaign={c} />
        </Page>
      )}
    </Query>
  );
}

function Summary({ campaign: c }: { campaign: TReviewDetail }) {
  const org = useOrg();
  const queries = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const complete = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/access-reviews/{id}/complete', {
          params: { path: { org: org.slug, id: c.id } },
        }),
      ),
    onSuccess: async () => {
      setError(null);
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
    },
    onError: (e) => setError(e instanceof ApiError || e instanceof Error ? e.message : String(e)),
  });
  const verified = c.integrity.fileMatches && c.integrity.rowsMatch;
  const allDecided = c.progress.decided === c.accounts;
  return (
    <section className="card stack" aria-label="Review summary">
      <dl className="access-review-facts">
        <dt>System</dt>
        <dd>
          {c.systemName} <span className="muted">({c.systemType})</span>
        </dd>
        <dt>Status</dt>
        <dd>
          <Badge status={c.status === 'completed' ? 'done' : 'in_progress'}>{label(c.status)}</Badge>{' '}
          {c.completedAt ? (
            <span className="muted">
              {when(c.completedAt)} by {c.completedBy}
            </span>
          ) : (
            <span className="muted">due {c.dueDate}</span>
          )}
        </dd>
        <dt>Frozen at</dt>
        <dd>
          {when(c.frozenAt)} <span className="muted">by {c.startedBy}</span>
          {c.sources.map((s) => (
            <div key={s.resourceType} className="muted small">
              {s.resourceType} as collected {when(s.collectedAt)}
            </div>
          ))}
        </dd>
        <dt>Snapshot SHA-256</dt>
        <dd>
          <code className="mono access-review-hash">{c.snapshotSha256}</code>{' '}
          {verified ? (
            <span className="badge badge-good">Snapshot verified</span>
          ) : (
            <span className="badge badge-bad">
              {c.integrity.fileMatches ? 'Stored accounts altered' : 'Snapshot file altered'}
            </span>
          )}{' '}
          <a href={`/api/v1/orgs/${org.slug}/access-reviews/${c.id}/snapshot`} download>
            Download snapshot
          </a>
        </dd>
        <dt>Reviewers</dt>
        <dd>{c.reviewerEmails.join(', ') || <span className="muted">nobody</span>}</dd>
        <dt>Progress</dt>
        <dd>
          <span data-testid="review-progress">
            {c.progress.decided} of {c.accounts} decided
          </span>
          <span className="muted">
            {' '}
            · {c.progress.kept} kept · {c.progress.revoked} revoked · {c.progress.verified} removal
            {c.progress.verified === 1 ? '' : 's'} verified
            {c.progress.flagged > 0 ? ` · ${c.progress.flagged} still active past due` : ''}
          </span>
        </dd>
      </dl>
      {c.evidenceId && (
        <p className="notice" role="status">
          Completed: the review is evidence for CC6.2 and CC6.3.{' '}
          <Link to={`/o/${org.slug}/evidence?item=${c.evidenceId}`}>Open the review record</Link>
        </p>
      )}
      {c.status === 'in_progress' && org.can('access_reviews:write') && (
        <div className="row">
          <button
            type="button"
            className="button button-primary"
            disabled={!allDecided || complete.isPending}
            onClick={() => complete.mutate()}
          >
            {complete.isPending ? 'Completing…' : 'Complete review'}
          </button>
          {!allDecided && (
            <span className="muted">
              Every account must be kept or revoked before the review is completed.
            </span>
          )}
        </div>
      )}
      <FormError error={error} />
    </section>
  );
}

function Accounts({ campaign: c }: { campaign: TReviewDetail }) {
  const org = useOrg();
  const { items, pager } = usePaged(c.items, 50);
  const email = org.session.user.email;
  // The server's rule: the review's reviewers decide, and owners and admins may act for them.
  const canDecide =
    c.status === 'in_progress' &&
    org.can('access_reviews:write') &&
    (org.role === 'owner' || org.role === 'admin' || c.reviewerEmails.includes(email));
  return (
    <section aria-labelledby="frozen" className="stack">
      <h2 id="frozen">Frozen snapshot</h2>
      <p className="muted">
        Accounts and privileges as they were at {when(c.frozenAt)}. Later collections never change this list;
        they only verify the revocations.
      </p>
      <div className="table-wrap">
        <table aria-label="Frozen accounts">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Status</th>
              <th scope="col">Privileges</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>
                  <strong>{i.name}</strong>
                  {i.email && i.email !== i.name && <div>{i.email}</div>}
                  <div className="muted small">
                    {i.resourceType} · {i.accountId}
                  </div>
                </td>
                <td>
                  <Badge status={i.status === 'active' ? 'valid' : 'not_applicable'}>{label(i.status)}</Badge>
                </td>
                <td>
                  {i.privileges.privileged && <span className="badge badge-warn">Privileged</span>}
                  {i.privileges.roles.length > 0 && <div>{i.privileges.roles.join(', ')}</div>}
                  {i.privileges.groups.length > 0 && (
                    <div className="muted small">Groups: {i.privileges.groups.join(', ')}</div>
                  )}
                </td>
                <td className="nowrap">
                  {i.lastLogin ? i.lastLogin.slice(0, 10) : <span className="muted">—</span>}
                </td>
                <td>
                  <DecisionCell campaignId={c.id} item={i} canDecide={canDecide} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </section>
  );
}
