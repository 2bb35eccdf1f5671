import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { Query } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { type TAuditView, useAuditors } from './queries.ts';

/**
 * The auditors invited into this audit (they see this audit and its period only) and, for those who manage
 * audits, the open invitations and the invite form. Without mail, the link is shown once to pass on.
 */
export function AuditorsPanel({ audit }: { audit: TAuditView }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const auditors = useAuditors(org.slug, audit.id);
  const manage = org.can('audits:manage');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<{ email: string; link: string | null } | null>(null);
  const invite = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/audits/{auditId}/auditors', {
          params: { path: { org: org.slug, auditId: audit.id } },
          body: { email: email.trim() },
        }),
      ),
    onSuccess: async (invitation) => {
      setSent({ email: invitation.email, link: invitation.link });
      setEmail('');
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'audits', audit.id, 'auditors'] });
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setSent(null);
    invite.mutate();
  }

  return (
    <section className="card stack-tight" aria-labelledby="audit-auditors">
      <h2 id="audit-auditors" className="card-title">
        Auditors
      </h2>
      <Query query={auditors} what="Loading auditors">
        {(data) => (
          <div className="stack-tight">
            {data.auditors.length === 0 ? (
              <p className="muted">Nobody from the firm has joined yet.</p>
            ) : (
              <ul aria-label="Auditors in this audit">
                {data.auditors.map((a) => (
                  <li key={a.email}>{a.email}</li>
                ))}
              </ul>
            )}
            {data.invitations.filter((i) => !i.acceptedAt && !i.revokedAt).length > 0 && (
              <p className="muted">
                Invited, not joined yet:{' '}
                {data.invitations
                  .filter((i) => !i.acceptedAt && !i.revokedAt)
                  .map((i) => `${i.email} (until ${new Date(i.expiresAt).toISOString().slice(0, 10)})`)
                  .join(', ')}
              </p>
            )}
          </div>
        )}
      </Query>
      {manage && (
        <form className="stack-tight" onSubmit={submit} noValidate aria-label="Invite an auditor">
          <p className="muted">
            An auditor invited here sees this audit only, with evidence and audit-log entries of its period.
          </p>
          <div className="row audits-invite">
            <Field label="Auditor's email" error={errors.fields.email}>
              {(p) => (
                <input
                  {...p}
                  type="email"
                  value={email}
                  maxLength={254}
                  onChange={(e) => setEmail(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button" disabled={invite.isPending || !email.trim()}>
              {invite.isPending ? 'Inviting…' : 'Invite auditor'}
            </button>
          </div>
          <FormError error={errors.form} />
          {sent && (
            <div className="notice" role="status">
              {sent.link ? (
                <>
                  Invited {sent.email}. Mail is not set up: pass on this link (shown once):{' '}
                  <code className="audits-link">{sent.link}</code>
                </>
              ) : (
                `Invited ${sent.email}; the link is on its way by mail.`
              )}
            </div>
          )}
        </form>
      )}
    </section>
  );
}
