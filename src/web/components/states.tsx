import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';

// Loading, error and empty states: every screen shows one of these instead of a blank area.

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {what}…
    </div>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : null;
  return (
    <div className="state state-error" role="alert">
      <strong>Something went wrong{code ? ` (${code})` : ''}.</strong> {message}
      {retry && (
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children && <div>{children}</div>}
    </div>
  );
}

/** Renders a query's loading and error states, then `children(data)`. */
export function Query<T>({
  query,
  children,
  what,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
  what?: string;
}) {
  if (query.isPending) return <Loading {...(what ? { what } : {})} />;
  if (query.error || query.data === undefined)
    return <ErrorState error={query.error ?? 'no data'} retry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
