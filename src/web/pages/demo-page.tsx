import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, unwrap } from '../api/client.ts';
import { type TSession, useSignedIn } from '../api/session.ts';
import { FormError } from '../components/field.tsx';
import { EmptyState, Loading } from '../components/states.tsx';

/** Where a signed-in demo session goes: the demo organization it is limited to. */
export function demoLanding(session: Pick<TSession, 'organizations'>): string {
  const slug = session.organizations[0]?.organization.slug ?? 'demo';
  return `/o/${encodeURIComponent(slug)}`;
}

/** `/demo?token=…`: the one-time link `attestly serve --demo` printed signs in as the demo's owner. */
export function DemoPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [failure, setFailure] = useState<unknown>(null);
  // The link works once: never spend it twice (React may run an effect twice in development).
  const spent = useRef<string | null>(null);

  useEffect(() => {
    if (!token || spent.current === token) return;
    spent.current = token;
    (async () => {
      try {
        const session = await unwrap(api.POST('/api/v1/demo/sign-in', { body: { token } }));
        await signedIn(session);
        navigate(demoLanding(session), { replace: true });
      } catch (error) {
        setFailure(error);
      }
    })();
  }, [token, signedIn, navigate]);

  useEffect(() => {
    document.title = 'Demo · Attestly';
  }, []);

  if (!token)
    return (
      <main className="centered">
        <EmptyState title="This demo link is incomplete">
          Open the full link that <code>attestly serve --demo</code> printed, token included.
        </EmptyState>
      </main>
    );

  if (failure) {
    const linkProblem =
      failure instanceof ApiError && (failure.code === 'UNAUTHENTICATED' || failure.code === 'INVALID_INPUT');
    return (
      <main className="centered">
        <div className="card auth-card" role="alert">
          <h1>{linkProblem ? 'This demo link no longer works' : 'The demo did not open'}</h1>
          {linkProblem ? (
            <p>
              A demo link signs in once and expires after 24 hours; this one was already used, has expired, or
              was copied incompletely. Run <code>attestly serve --demo</code> again for a fresh link.
            </p>
          ) : (
            <p>{failure instanceof Error ? failure.message : String(failure)}</p>
          )}
          <a className="button" href="/sign-in">
            Go to sign-in
          </a>
        </div>
      </main>
    );
  }

  return (
    <main className="centered">
      <Loading what="Opening the demo organization" />
    </main>
  );
}

/**
 * "Try the demo" under the sign-in form: only on an empty instance (the server says when), it seeds the demo
 * organization and signs in as its owner.
 */
export function TryDemo() {
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const status = useQuery({
    queryKey: ['demo'],
    queryFn: () => unwrap(api.GET('/api/v1/demo')),
    staleTime: 60_000,
    // Sign-in works without it: a failure here only hides the offer.
    retry: false,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!status.data?.available) return null;

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const session = await unwrap(api.POST('/api/v1/demo'));
      await signedIn(session);
      navigate(demoLanding(session));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <section className="card auth-card demo-try" aria-labelledby="try-demo-title">
      <h2 id="try-demo-title">New here?</h2>
      <p className="muted">
        Explore a sample company ten weeks into its SOC 2 observation window: this empty instance gets its
        sample data, and you are signed in as its owner.
      </p>
      <button type="button" className="button" onClick={() => void start()} disabled={busy} aria-busy={busy}>
        {busy ? 'Preparing the demo…' : 'Try the demo'}
      </button>
      {busy && <Loading what="Seeding the demo organization, this can take a minute" />}
      <FormError error={error} />
    </section>
  );
}
