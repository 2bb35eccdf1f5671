import { type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../api/client.ts';

/** Client errors (no program, no access) are answers, not hiccups: retry only what may pass next time. */
export function retryServerErrors(count: number, error: unknown): boolean {
  return !(error instanceof ApiError && error.status < 500) && count < 2;
}

/** The catalog is the same for everyone and changes only with a release. */
export function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    queryFn: () => unwrap(api.GET('/api/v1/catalog')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The organization as the server sees it; any change under ['org', slug] (a new program) marks it stale. */
export function organizationQuery(slug: string) {
  return queryOptions({
    queryKey: ['org', slug, 'organization'],
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}', { params: { path: { org: slug } } })),
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

/**
 * Whether onboarding defined the program yet. Reads of the program, readiness and dashboard ask first, so a
 * fresh organization shows what to do next instead of requests the server must refuse.
 */
export async function hasProgram(queries: QueryClient, slug: string): Promise<boolean> {
  return (await queries.fetchQuery(organizationQuery(slug))).hasProgram;
}

/** The readiness assessment, or null while the organization has no program. */
export function useReadiness(slug: string) {
  const queries = useQueryClient();
  return useQuery({
    queryKey: ['org', slug, 'readiness'],
    queryFn: async () =>
      (await hasProgram(queries, slug))
        ? unwrap(api.GET('/api/v1/orgs/{org}/readiness', { params: { path: { org: slug } } }))
        : null,
    retry: retryServerErrors,
  });
}

export function isNoProgram(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NOT_INITIALIZED';
}
