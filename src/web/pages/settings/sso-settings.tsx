import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { TMemberRole } from '../../../domain/permissions.ts';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { Badge, label } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { CopyableValue } from './copy-button.tsx';
import { formatDateTime, grantableRoles, ROLE_HINTS, settingsKeys } from './settings-api.ts';

type TSso = NonNullable<
  paths['/api/v1/orgs/{org}/sso']['get']['responses']['200']['content']['application/json']
>;

/** The organization's OpenID Connect connection; null when none is configured yet. */
function useSso(slug: string) {
  return useQuery({
    queryKey: settingsKeys.sso(slug),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/sso', { params: { path: { org: slug } } })),
  });
}

export function SsoSettings() {
  const org = useOrg();
  const sso = useSso(org.slug);
  if (sso.isPending) return <Loading what="Loading single sign-on" />;
  if (sso.error) return <ErrorState error={sso.error} retry={() => void sso.refetch()} />;
  return (
    <div className="stack settings-panel">
      {sso.data ? (
        <SsoSummary sso={sso.data} />
      ) : (
        <p className="muted">
          No single sign-on yet. Register Attestly as an OpenID Connect client at your identity provider
          (Okta, Entra ID, Google Workspace, Keycloak…), then enter its issuer and client credentials below.
        </p>
      )}
      <SsoForm existing={sso.data ?? null} />
    </div>
  );
}

function SsoSummary({ sso }: { sso: TSso }) {
  return (
    <section className="card stack" aria-labelledby="sso-status-title">
      <div className="row">
        <h2 id="sso-status-title" className="card-title">
          OpenID Connect
        </h2>
        <Badge status={sso.enabled ? 'done' : 'draft'}>{sso.enabled ? 'Enabled' : 'Disabled'}</Badge>
      </div>
      <p className="small muted">Last changed {formatDateTime(sso.updatedAt)}.</p>
      <div className="stack">
        <div>
          <strong>Redirect URI</strong> <span className="small muted">register this at your provider</span>
          <CopyableValue value={sso.redirectUri} label="Redirect URI" />
        </div>
        <div>
          <strong>Sign-in link</strong> <span className="small muted">share it with your members</span>
          <CopyableValue value={sso.startUrl} label="Sign-in link" />
        </div>
      </div>
    </section>
  );
}

function SsoForm({ existing }: { existing: TSso | null }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const roles = grantableRoles(org.role);
  const [form, setForm] = useState({
    issuer: existing?.issuer ?? '',
    clientId: existing?.clientId ?? '',
    clientSecret: '',
    allowedDomains: existing?.allowedDomains.join(', ') ?? '',
    jitRole: (existing?.jitRole ?? 'employee') as TMemberRole,
    enabled: existing?.enabled ?? true,
  });
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/sso', {
          params: { path: { org: org.slug } },
          body: {
            issuer: form.issuer.trim(),
            clientId: form.clientId.trim(),
            // Write-only: sent only when typed, so the stored one is kept otherwise.
            ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
            allowedDomains: form.allowedDomains
              .split(/[\s,]+/)
              .map((d) => d.trim())
              .filter(Boolean),
            jitRole: form.jitRole,
            enabled: form.enabled,
          },
        }),
      ),
    onSuccess: (data) => {
      errors.clear();
      setSaved(true);
      setForm((f) => ({ ...f, clientSecret: '' }));
      queries.setQueryData(settingsKeys.sso(org.slug), data);
    },
    onError: (e) => {
      setSaved(false);
      errors.show(e);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setSaved(false);
    save.mutate();
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="sso-form-title">
      <h2 id="sso-form-title" className="card-title">
        {existing ? 'Change the connection' : 'Connect an identity provider'}
      </h2>
      <Field
        label="Issuer URL"
        hint="The provider's issuer, e.g. https://login.example.com. Attestly checks it by discovery when you save."
        error={errors.fields.issuer}
      >
        {(p) => (
          <input
            {...p}
            type="url"
            value={form.issuer}
            maxLength={2000}
            required
            onChange={(e) => setForm({ ...form, issuer: e.target.value })}
          />
        )}
      </Field>
      <div className="form-grid">
        <Field label="Client ID" error={errors.fields.clientId}>
          {(p) => (
            <input
              {...p}
              value={form.clientId}
              maxLength={255}
              required
              autoComplete="off"
              onChange={(e) => setForm({ ...form, clientId: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Client secret"
          hint={
            existing
              ? 'Stored and never shown. Leave empty to keep it; give it again if the issuer or client ID changes.'
              : 'Stored encrypted and never shown again.'
          }
          error={errors.fields.clientSecret}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              value={form.clientSecret}
              maxLength={1000}
              autoComplete="new-password"
              placeholder={existing ? '•••••••• (stored)' : ''}
              onChange={(e) => setForm({ ...form, clientSecret: e.target.value })}
            />
          )}
        </Field>
      </div>
      <fieldset className="fieldset stack">
        <legend>Joining on first sign-in (just in time)</legend>
        <Field
          label="Allowed email domains"
          hint="Comma-separated, e.g. acme.com, acme.io. People with a verified address at exactly these domains (not their subdomains) join on their first sign-in; leave empty to admit only existing members."
          error={errors.fields.allowedDomains}
        >
          {(p) => (
            <input
              {...p}
              value={form.allowedDomains}
              onChange={(e) => setForm({ ...form, allowedDomains: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Role of people who join this way"
          hint={ROLE_HINTS[form.jitRole]}
          error={errors.fields.jitRole}
        >
          {(p) => (
            <select
              {...p}
              value={form.jitRole}
              onChange={(e) => setForm({ ...form, jitRole: e.target.value as TMemberRole })}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {label(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <label className="choice">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => setForm({ ...form, enabled: e.target.checked })}
        />
        <span>
          <strong>Enabled</strong>
          <br />
          <span className="small muted">
            When off, nobody can sign in to {org.name} through this provider.
          </span>
        </span>
      </label>
      <FormError error={errors.form} />
      {saved && (
        <p className="notice" role="status">
          Saved. The provider answered discovery.
        </p>
      )}
      <div>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Checking the provider…' : existing ? 'Save changes' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
