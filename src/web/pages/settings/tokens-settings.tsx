import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { TMemberRole } from '../../../domain/permissions.ts';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { Badge, label } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { CopyableValue } from './copy-button.tsx';
import { RoleField } from './role-field.tsx';
import { formatDate, formatDateTime, settingsKeys } from './settings-api.ts';

type TToken =
  paths['/api/v1/orgs/{org}/tokens']['get']['responses']['200']['content']['application/json']['items'][number];
type TCreated = paths['/api/v1/orgs/{org}/tokens']['post']['responses']['201']['content']['application/json'];

/** API tokens for scripts and CI: each bound to this organization and one role; the secret is shown once. */
export function TokensSettings() {
  const org = useOrg();
  const tokens = useQuery({
    queryKey: settingsKeys.tokens(org.slug),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/tokens', { params: { path: { org: org.slug } } })),
  });
  const [created, setCreated] = useState<TCreated | null>(null);
  return (
    <div className="stack settings-panel">
      <section aria-labelledby="new-token-title" className="stack">
        <h2 id="new-token-title">Create an API token</h2>
        <TokenForm onCreated={setCreated} />
        {created && (
          <div className="card stack secret-once" role="status">
            <strong>
              Token “{created.name}” created with the {created.role} role.
            </strong>
            <p className="warning-text">
              Copy it now: this is the only time it is shown. Only its hash is kept, so nobody can show it
              again. Store it in your secret manager and send it as <code>Authorization: Bearer …</code>.
            </p>
            <CopyableValue value={created.token} label="Token secret" />
            <div>
              <button type="button" className="button button-small" onClick={() => setCreated(null)}>
                I have stored it
              </button>
            </div>
          </div>
        )}
      </section>
      <section aria-labelledby="tokens-title" className="stack">
        <h2 id="tokens-title">Tokens</h2>
        <Query query={tokens} what="Loading API tokens">
          {(data) => <TokenTable tokens={data.items} />}
        </Query>
      </section>
    </div>
  );
}

/** The end of the chosen day in the user's time zone, as the ISO instant the API takes. */
function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59`).toISOString();
}

function TokenForm({ onCreated }: { onCreated: (token: TCreated) => void }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [form, setForm] = useState({ name: '', role: 'viewer' as TMemberRole, expires: '' });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/tokens', {
          params: { path: { org: org.slug } },
          body: {
            name: form.name,
            role: form.role,
            ...(form.expires ? { expiresAt: endOfDay(form.expires) } : {}),
          },
        }),
      ),
    onSuccess: async (token) => {
      errors.clear();
      onCreated(token);
      setForm({ ...form, name: '' });
      await queries.invalidateQueries({ queryKey: settingsKeys.tokens(org.slug) });
    },
    onError: (e) => errors.show(e),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    create.mutate();
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label="Create an API token">
      <div className="form-grid">
        <Field label="Name" hint="What uses it, e.g. “CI evidence upload”." error={errors.fields.name}>
          {(p) => (
            <input
              {...p}
              value={form.name}
              maxLength={100}
              required
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          )}
        </Field>
        <RoleField
          value={form.role}
          onChange={(role) => setForm({ ...form, role })}
          error={errors.fields.role}
        />
        <Field label="Expires on" hint="Optional; leave empty for no expiry." error={errors.fields.expiresAt}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.expires}
              onChange={(e) => setForm({ ...form, expires: e.target.value })}
            />
          )}
        </Field>
      </div>
      <FormError error={errors.form} />
      <div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}

function tokenStatus(t: TToken, now: number): string {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

const STATUS_TONE: Record<string, string> = { active: 'valid', revoked: 'excluded', expired: 'expired' };

function TokenTable({ tokens }: { tokens: TToken[] }) {
  const now = Date.now();
  const paged = usePaged(tokens, 20);
  if (tokens.length === 0)
    return (
      <EmptyState title="No API tokens yet">
        Create one above for a script or a CI job; give it the smallest role that does the job.
      </EmptyState>
    );
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {paged.items.map((t) => (
              <TokenRow key={t.id} token={t} status={tokenStatus(t, now)} />
            ))}
          </tbody>
        </table>
      </div>
      {paged.pager}
    </>
  );
}

function TokenRow({ token, status }: { token: TToken; status: string }) {
  const org = useOrg();
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/orgs/{org}/tokens/{id}', { params: { path: { org: org.slug, id: token.id } } }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: settingsKeys.tokens(org.slug) }),
    onSettled: () => setConfirming(false),
  });
  return (
    <tr>
      <td>{token.name}</td>
      <td>{label(token.role)}</td>
      <td>
        <Badge status={STATUS_TONE[status] ?? 'draft'}>{label(status)}</Badge>
      </td>
      <td className="nowrap">{formatDate(token.createdAt)}</td>
      <td className="nowrap">{token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</td>
      <td className="nowrap">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
      <td>
        {status !== 'active' ? (
          <span className="muted">—</span>
        ) : confirming ? (
          <div className="row row-tight">
            <button
              type="button"
              className="button button-small button-danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              {revoke.isPending ? 'Revoking…' : 'Revoke now'}
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button button-small button-danger"
            aria-label={`Revoke the token ${token.name}`}
            onClick={() => setConfirming(true)}
          >
            Revoke
          </button>
        )}
        {revoke.error && (
          <div className="field-error" role="alert">
            {revoke.error.message}
          </div>
        )}
      </td>
    </tr>
  );
}
