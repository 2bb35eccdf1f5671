import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { useOrg } from '../../org.ts';
import { accessReviewsKey, type TReviewItem, when } from './queries.ts';

const VERIFICATION: Record<NonNullable<TReviewItem['verification']>, { tone: string; text: string }> = {
  pending: { tone: 'warn', text: 'Awaiting removal' },
  verified: { tone: 'good', text: 'Removal verified' },
  flagged: { tone: 'bad', text: 'Still active' },
};

/** A decided account: keep or revoke, the comment, who and when; for a revocation, its task and verification. */
function Decided({ item }: { item: TReviewItem }) {
  const org = useOrg();
  if (!item.decision) return null;
  const verification = item.verification ? VERIFICATION[item.verification] : null;
  return (
    <div className="stack-tight access-review-decided">
      <div className="row row-tight">
        <span className={`badge badge-${item.decision === 'keep' ? 'good' : 'bad'}`}>
          {item.decision === 'keep' ? 'Kept' : 'Revoked'}
        </span>
        {verification && <span className={`badge badge-${verification.tone}`}>{verification.text}</span>}
      </div>
      {item.comment && <div>“{item.comment}”</div>}
      <div className="muted small">
        {item.decidedBy} · {item.decidedAt ? when(item.decidedAt) : ''}
      </div>
      {item.task && (
        <div className="small">
          Task: <Link to={`/o/${org.slug}/tasks`}>{item.task.title}</Link> (
          {item.task.status.replace('_', ' ')}
          {item.task.dueDate ? `, due ${item.task.dueDate}` : ''}
          {item.task.assigneeEmail ? `, ${item.task.assigneeEmail}` : ''})
        </div>
      )}
      {item.verificationNote && item.verification !== 'pending' && (
        <div className={`small ${item.verification === 'flagged' ? 'access-review-flagged' : 'muted'}`}>
          {item.verificationNote}
        </div>
      )}
    </div>
  );
}

/** The reviewer's choice for one account: a comment, then keep or revoke (revoking needs the comment). */
export function DecisionCell({
  campaignId,
  item,
  canDecide,
}: {
  campaignId: string;
  item: TReviewItem;
  canDecide: boolean;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: (decision: 'keep' | 'revoke') =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/access-reviews/{id}/items/{itemId}', {
          params: { path: { org: org.slug, id: campaignId, itemId: item.id } },
          body: { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        }),
      ),
    onSuccess: async () => {
      setComment('');
      setError(null);
      await queries.invalidateQueries({ queryKey: accessReviewsKey(org.slug) });
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'tasks'] });
    },
    onError: (e) => setError(e instanceof ApiError || e instanceof Error ? e.message : String(e)),
  });
  // A revocation is final (its task exists); a kept account can still be revoked until completion.
  const open = canDecide && item.decision !== 'revoke';
  return (
    <div className="stack-tight">
      <Decided item={item} />
      {open && (
        <div className="access-review-decide">
          <input
            type="text"
            value={comment}
            maxLength={2000}
            placeholder={item.decision ? 'Why revoke it now?' : 'Comment (needed to revoke)'}
            aria-label={`Comment on ${item.name}`}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setComment(e.target.value)}
          />
          <div className="row row-tight">
            {!item.decision && (
              <button
                type="button"
                className="button button-small"
                aria-label={`Keep ${item.name}`}
                disabled={decide.isPending}
                onClick={() => decide.mutate('keep')}
              >
                Keep
              </button>
            )}
            <button
              type="button"
              className="button button-small button-danger"
              aria-label={`Revoke ${item.name}`}
              disabled={decide.isPending}
              onClick={() => {
                if (!comment.trim()) return setError('Say why the access is revoked.');
                decide.mutate('revoke');
              }}
            >
              Revoke
            </button>
          </div>
          {error && (
            <div className="field-error" role="alert">
              {error}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
