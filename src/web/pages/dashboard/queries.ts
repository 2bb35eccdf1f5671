import { useQuery } from '@tanstack/react-query';
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

export function useReadiness(slug: string) {
  return useQuery({
    queryKey: ['org', slug, 'readiness'],
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/readiness', { params: { path: { org: slug } } })),
    retry: retryServerErrors,
  });
}

export function isNoProgram(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NOT_INITIALIZED';
}
