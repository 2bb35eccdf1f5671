import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, rememberCsrfToken, unwrap } from '../api/client.ts';
import { type TRole, useSession, useSignedIn } from '../api/session.ts';
import { Field, FormError } from '../components/field.tsx';
import { EmptyState, ErrorState, Loading } from '../components/states.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';

/** Where someone lands after joining: employees on their own page, everyone else on the dashboard. */
function landingOf(accepted: { organization: { slug: string }; role: TRole }): string {
  const org = `/o/${encodeURIComponent(accepted.organization.slug)}`;
  return accepted.role === 'employee' ? `${org}/me` : org;
}

/**
 * `/invitations/accept?token=…`: the link an invitation mails. Signed in, the user accepts it; otherwise they
 * choose a password (and are signed in), or sign in first when they already have an account. The server
 * tells nothing about an invitation before it is accepted, so the page cannot name the organization yet.
 */
export function InvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const session = useSession();

  useEffect(() => {
    document.title = 'Invitation · Attestly';
  }, []);

  if (!token)
    return (
      <main className="centered">
        <EmptyState title="This invitation link is incomplete">
          Open the full link from your invitation email, token included.
        </EmptyState>
      </main>
    );
  if (session.isPending)
    return (
      <main className="centered">
        <Loading what="Checking your session" />
      </main>
    );
  if (session.error)
    return (
      <main className="centered">
        <ErrorState error={session.error} retry={() => void session.refetch()} />
      </main>
    );
  const here = `/invitations/accept?token=${encodeURIComponent(token)}`;
  return (
    <main className="centered">
      {session.data && !session.data.mfaRequired ? (
        <AcceptAsUser token={token} email={session.data.user.email} here={here} />
      ) : (
        <RegisterWithPassword token={token} here={here} />
      )}
    </main>
  );
}

/** A link that no longer works says so plainly, with who can help. */
function isDeadLink(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NOT_FOUND';
}

function DeadLink() {
  return (
    <div className="card auth-card" role="alert">
      <h1>This invitation link no longer works</h1>
      <p>
        It was already used, revoked, or has expired. Ask the person who invited you to send a new invitation.
      </p>
      <Link className="button" to="/">
        Go to Attestly
      </Link>
    </div>
  );
}

function AcceptAsUser({ token, email, here }: { token: string; email: string; here: string }) {
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function accept() {
    setBusy(true);
    setFailure(null);
    try {
      const accepted = await unwrap(api.POST('/api/v1/invitations/accept', { body: { token } }));
      // The session now lists the new organization: forget the cached one before going there.
      await signedIn({ csrfToken: '' });
      navigate(landingOf(accepted), { replace: true });
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  async function switchAccount() {
    await api.POST('/api/v1/auth/sign-out');
    rememberCsrfToken(null);
    queries.clear();
    navigate(`/sign-in?next=${encodeURIComponent(here)}`);
  }

  if (isDeadLink(failure)) return <DeadLink />;
  const wrongUser = failure instanceof ApiError && failure.code === 'FORBIDDEN';
  return (
    <div className="card auth-card">
      <h1>Accept the invitation</h1>
      <p>
        You are signed in as <strong>{email}</strong>. Accepting adds you to the organization that invited
        you, with the role it chose.
      </p>
      <FormError error={failure instanceof Error ? failure.message : failure ? String(failure) : null} />
      {wrongUser ? (
        <button type="button" className="button button-primary" onClick={() => void switchAccount()}>
          Sign out and sign in as the invited user
        </button>
      ) : (
        <button
          type="button"
          className="button button-primary"
          onClick={() => void accept()}
          disabled={busy}
          aria-busy={busy}
        >
          {busy ? 'Accepting…' : 'Accept the invitation'}
        </button>
      )}
    </div>
  );
}

function RegisterWithPassword({ token, here }: { token: string; here: string }) {
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');
  const [dead, setDead] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const accepted = await unwrap(api.POST('/api/v1/invitations/register', { body: { token, password } }));
      // The answer set the session cookie; the next session read brings its CSRF token.
      await signedIn({ csrfToken: '' });
      navigate(landingOf(accepted), { replace: true });
    } catch (error) {
      if (isDeadLink(error)) setDead(true);
      else errors.show(error);
      setBusy(false);
    }
  }

  if (dead) return <DeadLink />;
  return (
    <form className="card auth-card" onSubmit={submit} noValidate>
      <h1>Accept the invitation</h1>
      <p>Choose a password for your new Attestly account; you are signed in and join the organization.</p>
      <Field label="Password" hint="At least 12 characters." error={errors.fields.password}>
        {(p) => (
          <input
            {...p}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            required
          />
        )}
      </Field>
      <FormError error={errors.form} />
      <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
        {busy ? 'Joining…' : 'Create account and join'}
      </button>
      <p className="muted">
        Already have an account? <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in first</Link>,
        then accept.
      </p>
    </form>
  );
}
