import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { useSignedIn } from '../api/session.ts';
import { Field, FormError } from '../components/field.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { TryDemo } from './demo-page.tsx';

/** Email and password, then the second factor when the account or the organization needs one. */
export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const errors = useFormErrors();
  const [step, setStep] = useState<'password' | 'mfa'>(params.get('step') === 'mfa' ? 'mfa' : 'password');
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({ email: '', password: '', code: '' });
  const next = params.get('next');
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/';

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      if (step === 'password') {
        const session = await unwrap(
          api.POST('/api/v1/auth/sign-in', { body: { email: form.email, password: form.password } }),
        );
        await signedIn(session);
        if (session.mfaRequired) setStep('mfa');
        else navigate(target);
      } else {
        await unwrap(api.POST('/api/v1/auth/mfa', { body: { code: form.code.trim() } }));
        await signedIn({ csrfToken: '' });
        navigate(target);
      }
    } catch (error) {
      errors.show(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="centered">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>Sign in to Attestly</h1>
        {step === 'password' ? (
          <>
            <Field label="Email" error={errors.fields.email}>
              {(p) => (
                <input
                  {...p}
                  type="email"
                  value={form.email}
                  onChange={(e) => setForm({ ...form, email: e.target.value })}
                  autoComplete="username"
                  required
                />
              )}
            </Field>
            <Field label="Password" error={errors.fields.password}>
              {(p) => (
                <input
                  {...p}
                  type="password"
                  value={form.password}
                  onChange={(e) => setForm({ ...form, password: e.target.value })}
                  autoComplete="current-password"
                  required
                />
              )}
            </Field>
          </>
        ) : (
          <Field label="Code from your authenticator app" error={errors.fields.code}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                autoComplete="one-time-code"
                value={form.code}
                onChange={(e) => setForm({ ...form, code: e.target.value })}
                required
              />
            )}
          </Field>
        )}
        <FormError error={errors.form} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Signing in…' : step === 'password' ? 'Sign in' : 'Verify'}
        </button>
      </form>
      <TryDemo />
    </main>
  );
}
