import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { TRole } from '../../api/session.ts';
import { label } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';

function emailProblem(email: string): string {
  return email.trim() ? `"${email}" is not an email address` : 'Enter their email address.';
}

/** Invites one person for one function of the program, then shows the link to pass on. */
export function InviteRow({
  title,
  hint,
  defaultRole,
  roles,
}: {
  title: string;
  hint: string;
  defaultRole: TRole;
  roles: TRole[];
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TRole>(defaultRole);
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [sent, setSent] = useState<{ email: string; role: string; link: string | null } | null>(null);
  const [copied, setCopied] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    // The browser's check of an email field first; the server's stricter one answers next to the field too.
    const input = event.currentTarget.querySelector('input[type="email"]');
    const bad = email.trim() === '' || (input instanceof HTMLInputElement && !input.validity.valid);
    setInvalid(bad);
    if (bad) return;
    setBusy(true);
    try {
      const invitation = await unwrap(
        api.POST('/api/v1/orgs/{org}/invitations', {
          params: { path: { org: org.slug } },
          body: { email, role },
        }),
      );
      setSent({ email: invitation.email, role: invitation.role, link: invitation.link });
      setCopied(false);
      setEmail('');
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'invitations'] });
    } catch (error) {
      errors.show(error);
    } finally {
      setBusy(false);
    }
  }

  async function copy(link: string) {
    await navigator.clipboard.writeText(link);
    setCopied(true);
  }

  return (
    <form className="card stack-tight" onSubmit={submit} noValidate aria-label={`Invite the ${title}`}>
      <h3 className="card-title">{title}</h3>
      <p className="hint">{hint}</p>
      <div className="invite-fields">
        <Field label="Email" error={invalid ? emailProblem(email) : errors.fields.email}>
          {(p) => (
            <input
              {...p}
              type="email"
              value={email}
              autoComplete="off"
              required
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Role in Attestly" error={errors.fields.role}>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as TRole)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {label(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Inviting…' : 'Invite'}
        </button>
      </div>
      <FormError error={errors.form} />
      {sent && sent.link === null && (
        <p role="status">
          Invited {sent.email} as {sent.role}. An email with the link was sent to them.
        </p>
      )}
      {sent && sent.link !== null && (
        <div className="stack-tight" role="status">
          <p>
            Invited {sent.email} as {sent.role}. No mail server is set up, so send them this link yourself; it
            works once.
          </p>
          <div className="row">
            <input
              className="input invite-link"
              readOnly
              value={sent.link}
              aria-label={`Invitation link for ${sent.email}`}
              onFocus={(e) => e.target.select()}
            />
            <button type="button" className="button" onClick={() => void copy(sent.link ?? '')}>
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
