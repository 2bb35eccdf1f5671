import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';

// The policy screens' reads, typed by the server's own schemas, and the query keys their changes invalidate.

type TJson<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type TPolicyList = TJson<'/api/v1/orgs/{org}/policies', 'get'>;
export type TPolicySummary = TPolicyList['items'][number];
export type TPolicyView = TJson<'/api/v1/orgs/{org}/policies/{id}', 'get'>;
export type TPolicyVersionMeta = TPolicyView['versions'][number];
export type TPolicyVersion = NonNullable<TPolicyView['draft']>;
export type TPolicyDiff = TJson<'/api/v1/orgs/{org}/policies/{id}/diff', 'get'>;
export type TPolicyAcceptances = TJson<'/api/v1/orgs/{org}/policies/{id}/acceptances', 'get'>;
export type TMyPage = TJson<'/api/v1/orgs/{org}/me', 'get'>;

export const policyKeys = {
  all: (org: string) => ['org', org, 'policies'] as const,
  one: (org: string, id: string) => ['org', org, 'policies', id] as const,
  version: (org: string, id: string, version: number) => ['org', org, 'policies', id, 'v', version] as const,
  diff: (org: string, id: string, from: number, to: number) =>
    ['org', org, 'policies', id, 'diff', from, to] as const,
  acceptances: (org: string, id: string) => ['org', org, 'policies', id, 'acceptances'] as const,
  me: (org: string) => ['org', org, 'me'] as const,
  members: (org: string) => ['org', org, 'members'] as const,
};

export function usePolicies(org: string) {
  return useQuery({
    queryKey: policyKeys.all(org),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/policies', { params: { path: { org } } })),
  });
}

export function usePolicy(org: string, id: string) {
  return useQuery({
    queryKey: policyKeys.one(org, id),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/policies/{id}', { params: { path: { org, id } } })),
  });
}

export function usePolicyVersion(org: string, id: string, version: number, enabled = true) {
  return useQuery({
    queryKey: policyKeys.version(org, id, version),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/policies/{id}/versions/{version}', {
          params: { path: { org, id, version } },
        }),
      ),
    enabled,
    // A version's text never changes once it has a number and is no longer a draft; drafts are refetched.
    staleTime: 30_000,
  });
}

/** Members of the organization (for choosing a policy owner and counting who must accept). */
/** The link that downloads one version as a PDF (same origin, the session cookie authenticates it). */
export function pdfHref(org: string, id: string, version: number): string {
  return `/api/v1/orgs/${encodeURIComponent(org)}/policies/${encodeURIComponent(id)}/versions/${version}/pdf`;
}

/** A date the same way for everyone: 2026-03-04. */
export function day(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '—';
}
