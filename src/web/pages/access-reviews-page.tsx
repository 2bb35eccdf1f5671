import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Badge, label } from '../components/badge.tsx';
import { Page } from '../components/page.tsx';
import { usePaged } from '../components/pager.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import {
  type TReviewCampaign,
  type TReviewSystem,
  useReviewCampaigns,
  useReviewSystems,
  when,
} from './access-reviews/queries.ts';
import { StartForm } from './access-reviews/start-form.tsx';

// User access reviews (CC6.2, CC6.3): every system with accounts and when its next review is due, starting
// a review (which freezes the accounts), and every review with how far it has come.

const DUE_BADGE: Record<TReviewSystem['due'], { status: string; text: string }> = {
  overdue: { status: 'overdue', text: 'Overdue' },
  due: { status: 'expiring', text: 'Due now' },
  scheduled: { status: 'valid', text: 'Scheduled' },
};

export function AccessReviewsPage() {
  const org = useOrg();
  const navigate = useNavigate();
  const systems = useReviewSystems(org.slug);
  const campaigns = useReviewCampaigns(org.slug);
  const [starting, setStarting] = useState<TReviewSystem | null>(null);
  const writable = org.can('access_reviews:write');

  return (
    <Page
      title="Access reviews"
      subtitle="Each quarter, every account of each system is kept or revoked by its owner. A review freezes the accounts when it starts; revocations become tasks that the next collection verifies."
    >
      {starting && (
        <StartForm
          key={starting.integrationId}
          system={starting}
          onCancel={() => setStarting(null)}
          onStarted={(campaign) => navigate(`/o/${org.slug}/access-reviews/${campaign.id}`)}
        />
      )}
      <section aria-labelledby="systems" className="stack">
        <h2 id="systems">Systems</h2>
        <Query query={systems} what="Loading systems">
          {(items) =>
            items.length === 0 ? (
              <EmptyState title="No system with accounts yet">
                Connect an identity provider, a code host, a cloud account or a database in{' '}
                <Link to={`/o/${org.slug}/monitoring`}>Monitoring</Link> (or push its users), and its accounts
                can be reviewed here.
              </EmptyState>
            ) : (
              <div className="table-wrap">
                <table aria-label="Systems with accounts">
                  <thead>
                    <tr>
                      <th scope="col">System</th>
                      <th scope="col">Accounts</th>
                      <th scope="col">Last review</th>
                      <th scope="col">Next due</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((s) => (
                      <tr key={s.integrationId}>
                        <td>
                          <strong>{s.name}</strong>
                          <div className="muted">{s.accountTypes.join(', ')}</div>
                        </td>
                        <td>{s.accounts}</td>
                        <td>
                          {s.lastCampaign ? (
                            <Link to={`/o/${org.slug}/access-reviews/${s.lastCampaign.id}`}>
                              {s.lastCampaign.title}
                            </Link>
                          ) : (
                            <span className="muted">Never reviewed</span>
                          )}
                        </td>
                        <td>
                          <Badge status={DUE_BADGE[s.due].status}>{DUE_BADGE[s.due].text}</Badge>
                          <div className="muted">
                            {s.nextDue ?? 'now'} · every {s.cadenceMonths} months
                          </div>
                        </td>
                        <td>
                          {s.openCampaignId ? (
                            <Link className="button" to={`/o/${org.slug}/access-reviews/${s.openCampaignId}`}>
                              Continue review
                            </Link>
                          ) : writable ? (
                            <button
                              type="button"
                              className="button button-primary"
                              aria-label={`Start review of ${s.name}`}
                              onClick={() => setStarting(s)}
                            >
                              Start review
                            </button>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Query>
      </section>
      <section aria-labelledby="reviews" className="stack">
        <h2 id="reviews">Reviews</h2>
        <Query query={campaigns} what="Loading reviews">
          {(items) =>
            items.length === 0 ? (
              <EmptyState title="No reviews yet">Start one from a system above.</EmptyState>
            ) : (
              <Campaigns campaigns={items} />
            )
          }
        </Query>
      </section>
    </Page>
  );
}

function Campaigns({ campaigns }: { campaigns: TReviewCampaign[] }) {
  const org = useOrg();
  const { items, pager } = usePaged(campaigns);
  return (
    <div className="stack">
      <div className="table-wrap">
        <table aria-label="Access reviews">
          <thead>
            <tr>
              <th scope="col">Review</th>
              <th scope="col">Status</th>
              <th scope="col">Frozen at</th>
              <th scope="col">Progress</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/o/${org.slug}/access-reviews/${c.id}`}>{c.title}</Link>
                  <div className="muted">Reviewers: {c.reviewerEmails.join(', ') || 'nobody'}</div>
                </td>
                <td>
                  <Badge status={c.status === 'completed' ? 'done' : 'in_progress'}>{label(c.status)}</Badge>
                  {c.status === 'in_progress' && <div className="muted">due {c.dueDate}</div>}
                </td>
                <td className="nowrap">{when(c.frozenAt)}</td>
                <td>
                  {c.progress.decided} of {c.accounts} decided
                  {c.progress.revoked > 0 && (
                    <div className="muted">
                      {c.progress.revoked} revoked · {c.progress.verified} verified
                      {c.progress.flagged > 0 && (
                        <>
                          {' · '}
                          <span className="access-review-flagged">{c.progress.flagged} still active</span>
                        </>
                      )}
                    </div>
                  )}
                </td>
                <td>
                  {c.evidenceId ? (
                    <Link to={`/o/${org.slug}/evidence?item=${c.evidenceId}`}>Review record</Link>
                  ) : (
                    <span className="muted">When completed</span>
                  )}
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
