import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, rememberCsrfToken, unwrap } from './client.ts';
import type { components, paths } from './openapi.d.ts';

export type TSession = paths['/api/v1/session']['get']['responses']['200']['content']['application/json'];
export type TRole = TSession['organizations'][number]['role'];
export type { components };

/** The signed-in user, or null when nobody is signed in (401). */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<TSession | null> => {
      try {
        const session = await unwrap(api.GET('/api/v1/session'));
        rememberCsrfToken(session.csrfToken);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          rememberCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** After sign-in or setup: keep the new session's CSRF token and forget everything cached before it. */
export function useSignedIn() {
  const client = useQueryClient();
  return async (session: { csrfToken: string }) => {
    if (session.csrfToken) rememberCsrfToken(session.csrfToken);
    // Whatever was cached belonged to nobody (or someone else): start over with the new session.
    client.clear();
  };
}
