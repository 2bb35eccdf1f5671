import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { useSignedIn } from '../api/session.ts';
import { Field, FormError } from '../components/field.tsx';
import { EmptyState } from '../components/states.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';

/** First run: the one-time link `attestly serve` printed creates the owner and the organization. */
export function SetupPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({ organizationName: '', email: '', password: '' });

  if (!token)
    return (
      <main className="centered">
        <EmptyState title="This setup link is incomplete">
          Open the full link that <code>attestly serve</code> printed on first run.
        </EmptyState>
      </main>
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const session = await unwrap(api.POST('/api/v1/setup', { body: { token, ...form } }));
      await signedIn(session);
      const slug = session.organizations[0]?.organization.slug;
      navigate(slug ? `/o/${slug}/onboarding` : '/');
    } catch (error) {
      errors.show(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="centered">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>Set up Attestly</h1>
        <p>Create your organization and its first owner. You can invite the rest of the team next.</p>
        <Field label="Organization name" error={errors.fields.organizationName}>
          {(p) => (
            <input
              {...p}
              value={form.organizationName}
              onChange={(e) => setForm({ ...form, organizationName: e.target.value })}
              required
              autoComplete="organization"
            />
          )}
        </Field>
        <Field label="Your work email" error={errors.fields.email}>
          {(p) => (
            <input
              {...p}
              type="email"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
              required
              autoComplete="email"
            />
          )}
        </Field>
        <Field label="Password" hint="At least 12 characters." error={errors.fields.password}>
          {(p) => (
            <input
              {...p}
              type="password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
              required
              autoComplete="new-password"
            />
          )}
        </Field>
        <FormError error={errors.form} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create organization'}
        </button>
      </form>
    </main>
  );
}
