import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Badge } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { CopyableValue, CopyButton } from './copy-button.tsx';
import { formatDate, formatDateTime, settingsKeys } from './settings-api.ts';
import { registrationToJson, toCreationOptions } from './webauthn-json.ts';

/** The signed-in user's second factors, and (for owners and admins) whether the organization requires one. */
export function SecuritySettings() {
  const org = useOrg();
  return (
    <div className="stack settings-panel">
      {org.needsSecondFactor && (
        <div className="mfa-required-banner" role="alert">
          <strong>{org.name} requires a second factor.</strong> Set up an authenticator app or a passkey
          below; until then, the rest of {org.name} stays closed to you.
        </div>
      )}
      <p className="muted">
        These are your own sign-in factors ({org.session.user.email}); they apply in every organization you
        belong to.
      </p>
      <Totp />
      <Passkeys />
      {org.can('org:manage') && <RequireMfa />}
    </div>
  );
}

function Totp() {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const enroll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/me/totp/enroll')),
    onMutate: () => errors.clear(),
    onError: (e) => errors.show(e),
  });
  const confirm = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/me/totp/confirm', { body: { code: code.trim() } })),
    onSuccess: async (data) => {
      errors.clear();
      setRecoveryCodes(data.recoveryCodes);
      enroll.reset();
      setCode('');
      await queries.invalidateQueries({ queryKey: ['session'] });
    },
    onError: (e) => errors.show(e),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    confirm.mutate();
  }

  const enabled = org.session.user.totpEnabled;
  return (
    <section className="card stack" aria-labelledby="totp-title">
      <div className="row">
        <h2 id="totp-title" className="card-title">
          Authenticator app
        </h2>
        <Badge status={enabled ? 'done' : 'todo'}>{enabled ? 'On' : 'Off'}</Badge>
      </div>
      {recoveryCodes && (
        <div className="stack secret-once" role="status">
          <strong>Your authenticator app is on. Save these recovery codes now.</strong>
          <p className="warning-text">
            They are shown only this once. Each one signs you in once if you lose your device; keep them
            somewhere safe, away from the device.
          </p>
          <ol className="recovery-codes mono">
            {recoveryCodes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          <div className="row row-tight">
            <CopyButton value={recoveryCodes.join('\n')} label="Copy all codes" />
          </div>
          <div>
            <button type="button" className="button button-small" onClick={() => setRecoveryCodes(null)}>
              I have saved them
            </button>
          </div>
        </div>
      )}
      {enabled && !recoveryCodes && (
        <p>Sign-ins ask for a code from your authenticator app (or one of your recovery codes).</p>
      )}
      {!enabled && !enroll.data && (
        <>
          <p>
            Use an app such as a password manager or an authenticator to produce a new 6-digit code every 30
            seconds.
          </p>
          <FormError error={errors.form} />
          <div>
            <button
              type="button"
              className="button button-primary"
              disabled={enroll.isPending}
              onClick={() => enroll.mutate()}
            >
              {enroll.isPending ? 'Starting…' : 'Set up an authenticator app'}
            </button>
          </div>
        </>
      )}
      {!enabled && enroll.data && (
        <form className="stack" onSubmit={submit} noValidate aria-label="Confirm the authenticator app">
          <ol className="steps">
            <li>
              In your authenticator app, add an account with this secret key (or open the link on the device
              that has the app):
              <CopyableValue value={enroll.data.secret} label="Secret key" />
              <details>
                <summary>Show the otpauth:// link</summary>
                <CopyableValue value={enroll.data.uri} label="Setup link" />
              </details>
            </li>
            <li>
              <Field label="Enter the 6-digit code it shows" error={errors.fields.code}>
                {(p) => (
                  <input
                    {...p}
                    className="input code-input"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={10}
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                  />
                )}
              </Field>
            </li>
          </ol>
          <FormError error={errors.form} />
          <div className="row">
            <button
              type="submit"
              className="button button-primary"
              disabled={confirm.isPending || !code.trim()}
            >
              {confirm.isPending ? 'Checking…' : 'Turn on'}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                enroll.reset();
                errors.clear();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Passkeys() {
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [name, setName] = useState('');
  const supported =
    typeof window !== 'undefined' && 'PublicKeyCredential' in window && !!navigator.credentials;
  const passkeys = useQuery({
    queryKey: settingsKeys.passkeys,
    queryFn: () => unwrap(api.GET('/api/v1/me/passkeys')),
  });
  const add = useMutation({
    mutationFn: async () => {
      const options = await unwrap(api.POST('/api/v1/me/passkeys/options'));
      let credential: Credential | null;
      try {
        credential = await navigator.credentials.create({ publicKey: toCreationOptions(options) });
      } catch (error) {
        // NotAllowedError: the user cancelled or the browser timed out; say so plainly.
        if (error instanceof DOMException && error.name === 'NotAllowedError')
          throw new Error('No passkey was created: the request was cancelled or timed out.');
        if (error instanceof DOMException && error.name === 'InvalidStateError')
          throw new Error('This authenticator already holds a passkey for your account.');
        throw error;
      }
      if (!credential) throw new Error('No passkey was created.');
      return unwrap(
        api.POST('/api/v1/me/passkeys', {
          body: {
            credential: registrationToJson(credential as PublicKeyCredential),
            ...(name.trim() ? { name: name.trim() } : {}),
          },
        }),
      );
    },
    onMutate: () => errors.clear(),
    onSuccess: async () => {
      setName('');
      await queries.invalidateQueries({ queryKey: settingsKeys.passkeys });
      await queries.invalidateQueries({ queryKey: ['session'] });
    },
    onError: (e) => errors.show(e),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }

  return (
    <section className="card stack" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title" className="card-title">
        Passkeys
      </h2>
      <p className="muted">
        A passkey on your device or security key signs you in without a code, and counts as a second factor.
      </p>
      <Query query={passkeys} what="Loading your passkeys">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title="No passkeys yet">Add one below with this device or a security key.</EmptyState>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Added</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((p) => (
                    <PasskeyRow key={p.id} passkey={p} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Query>
      {supported ? (
        <form className="row form-inline" onSubmit={submit} noValidate aria-label="Add a passkey">
          <Field label="Name (optional)" hint="e.g. “Work laptop”." error={errors.fields.name}>
            {(p) => <input {...p} value={name} maxLength={64} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {add.isPending ? 'Waiting for your device…' : 'Add a passkey'}
          </button>
        </form>
      ) : (
        <p className="muted">This browser cannot create passkeys.</p>
      )}
      <FormError error={errors.form} />
    </section>
  );
}

function PasskeyRow({
  passkey,
}: {
  passkey: { id: string; name: string; createdAt: string; lastUsedAt: string | null };
}) {
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/me/passkeys/{id}', { params: { path: { id: passkey.id } } })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: settingsKeys.passkeys });
      await queries.invalidateQueries({ queryKey: ['session'] });
    },
    onSettled: () => setConfirming(false),
  });
  return (
    <tr>
      <td>{passkey.name}</td>
      <td className="nowrap">{formatDate(passkey.createdAt)}</td>
      <td className="nowrap">{passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt) : 'Never'}</td>
      <td>
        {confirming ? (
          <div className="row row-tight">
            <button
              type="button"
              className="button button-small button-danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate()}
            >
              {remove.isPending ? 'Removing…' : 'Remove now'}
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button button-small button-danger"
            aria-label={`Remove the passkey ${passkey.name}`}
            onClick={() => setConfirming(true)}
          >
            Remove
          </button>
        )}
        {remove.error && (
          <div className="field-error" role="alert">
            {remove.error.message}
          </div>
        )}
      </td>
    </tr>
  );
}

function RequireMfa() {
  const org = useOrg();
  const queries = useQueryClient();
  const membership = org.session.organizations.find((m) => m.organization.slug === org.slug);
  const required = membership?.organization.requireMfa ?? false;
  const change = useMutation({
    mutationFn: (requireMfa: boolean) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org}/settings', {
          params: { path: { org: org.slug } },
          body: { requireMfa },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['session'] }),
  });
  return (
    <section className="card stack" aria-labelledby="require-mfa-title">
      <div className="row">
        <h2 id="require-mfa-title" className="card-title">
          Require a second factor in {org.name}
        </h2>
        <Badge status={required ? 'done' : 'todo'}>{required ? 'Required' : 'Not required'}</Badge>
      </div>
      <p className="muted">
        When required, members without an authenticator app or a passkey cannot reach {org.name} until they
        set one up here, under Settings, Security. It is part of logical access security (CC6.1).
      </p>
      <label className="choice">
        <input
          type="checkbox"
          checked={change.isPending ? !!change.variables : required}
          disabled={change.isPending}
          onChange={(e) => change.mutate(e.target.checked)}
        />
        <span>
          <strong>Require a second factor for every member</strong>
          <br />
          <span className="small muted">You need one yourself before you can turn this on.</span>
        </span>
      </label>
      <FormError error={change.error?.message} />
    </section>
  );
}
