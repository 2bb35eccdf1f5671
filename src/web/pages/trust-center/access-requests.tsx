import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Badge } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { CopyableValue } from '../settings/copy-button.tsx';
import { formatDateTime, isoDateIn, type TAccessRequest, trustKeys } from './trust-api.ts';

// Visitors' requests for the gated documents: approve until a day (the visitor's link is shown when the
// server returns it, i.e. when mail is not delivered) or deny; an approval can be withdrawn.

const STATUS_TONE: Record<TAccessRequest['status'], string> = {
  pending: 'todo',
  approved: 'published',
  denied: 'fail',
};

export function AccessRequests() {
  const org = useOrg();
  const requests = useQuery({
    queryKey: trustKeys.requests(org.slug),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/trust-center/access-requests', { params: { path: { org: org.slug } } }),
      ),
  });
  const [link, setLink] = useState<{ email: string; link: string } | null>(null);
  return (
    <section className="stack" aria-labelledby="trust-requests-title">
      <h2 id="trust-requests-title">Access requests</h2>
      {link && (
        <div className="card stack secret-once" role="status">
          <strong>Access approved for {link.email}.</strong>
          <p className="warning-text">
            Mail is not delivered from this server: send this link to the requester yourself. It is shown only
            now.
          </p>
          <CopyableValue value={link.link} label="Download link" />
          <div>
            <button type="button" className="button button-small" onClick={() => setLink(null)}>
              I have sent it
            </button>
          </div>
        </div>
      )}
      <Query query={requests} what="Loading the access requests">
        {(data) => <RequestList requests={data.items} onLink={setLink} />}
      </Query>
    </section>
  );
}

function RequestList({
  requests,
  onLink,
}: {
  requests: TAccessRequest[];
  onLink: (link: { email: string; link: string }) => void;
}) {
  const [status, setStatus] = useState<TAccessRequest['status'] | 'all'>('pending');
  const shown = status === 'all' ? requests : requests.filter((r) => r.status === status);
  const { items, pager, reset } = usePaged(shown, 20);
  const count = (s: TAccessRequest['status']) => requests.filter((r) => r.status === s).length;
  if (requests.length === 0)
    return (
      <EmptyState title="No access requests yet">
        Visitors request gated documents from the public page, after accepting your confidentiality terms.
      </EmptyState>
    );
  return (
    <>
      <div className="filters">
        <label>
          Show{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as typeof status);
              reset();
            }}
          >
            <option value="pending">Pending ({count('pending')})</option>
            <option value="approved">Approved ({count('approved')})</option>
            <option value="denied">Denied ({count('denied')})</option>
            <option value="all">All ({requests.length})</option>
          </select>
        </label>
      </div>
      {shown.length === 0 ? (
        <EmptyState title={`No ${status} requests`}>
          Choose another status above to see the others.
        </EmptyState>
      ) : (
        <ul className="trust-requests stack">
          {items.map((r) => (
            <RequestCard key={r.id} request={r} onLink={onLink} />
          ))}
        </ul>
      )}
      {pager}
    </>
  );
}

function RequestCard({
  request: r,
  onLink,
}: {
  request: TAccessRequest;
  onLink: (link: { email: string; link: string }) => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [expiresOn, setExpiresOn] = useState(isoDateIn(30));
  const invalidate = () => queries.invalidateQueries({ queryKey: trustKeys.requests(org.slug) });
  const approve = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/trust-center/access-requests/{id}/approve', {
          params: { path: { org: org.slug, id: r.id } },
          body: { expiresOn },
        }),
      ),
    onSuccess: async (result) => {
      errors.clear();
      if (result.link) onLink({ email: r.email, link: result.link });
      await invalidate();
    },
    onError: (e) => errors.show(e),
  });
  const deny = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/trust-center/access-requests/{id}/deny', {
          params: { path: { org: org.slug, id: r.id } },
        }),
      ),
    onSuccess: async () => {
      errors.clear();
      await invalidate();
    },
    onError: (e) => errors.show(e),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    approve.mutate();
  }

  const busy = approve.isPending || deny.isPending;
  return (
    <li className="card stack">
      <div className="row">
        <strong>{r.name}</strong>
        <span>{r.company}</span>
        <a href={`mailto:${r.email}`}>{r.email}</a>
        <Badge status={STATUS_TONE[r.status]}>{r.status.charAt(0).toUpperCase() + r.status.slice(1)}</Badge>
      </div>
      <p className="muted small">
        Requested {formatDateTime(r.createdAt)}
        {r.sourceAddress ? ` from ${r.sourceAddress}` : ''}; accepted NDA version {r.ndaVersion} at{' '}
        {formatDateTime(r.ndaAcceptedAt)}.{r.decidedAt && ` Decided ${formatDateTime(r.decidedAt)}.`}
        {r.status === 'approved' && r.expiresAt && ` Access until ${formatDateTime(r.expiresAt)}.`}
      </p>
      <details>
        <summary>The confidentiality terms they accepted</summary>
        <pre className="trust-nda-text">{r.ndaText}</pre>
      </details>
      {r.status === 'pending' && (
        <form className="row form-inline" onSubmit={submit} noValidate aria-label={`Approve ${r.email}`}>
          <Field label="Access until" error={errors.fields.expiresOn}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={expiresOn}
                min={isoDateIn(1)}
                max={isoDateIn(366)}
                onChange={(e) => setExpiresOn(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button button-primary" disabled={busy}>
            Approve
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => deny.mutate()}
          >
            Deny
          </button>
        </form>
      )}
      {r.status === 'approved' && (
        <div>
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => deny.mutate()}
          >
            Withdraw access
          </button>
        </div>
      )}
      <FormError error={errors.form} />
    </li>
  );
}
