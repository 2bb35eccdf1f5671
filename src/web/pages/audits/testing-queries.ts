import { useQuery } from '@tanstack/react-query';
import { ApiError, api, csrfHeaders, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { fetchAll } from '../controls/queries.ts';
import { auditsKey } from './queries.ts';

// The queries of the timelines and populations tabs: control timelines and exceptions over the audit's
// period, the populations of the period with their provenance, and the samples drawn from them.

type TJson<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer R } } };
}
  ? R
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer R } } } }
    ? R
    : never;

export type TTimelines = TJson<'/api/v1/orgs/{org}/audits/{auditId}/timelines', 'get'>;
export type TTimelineSummary = TTimelines['items'][number];
export type TControlTimeline = TJson<'/api/v1/orgs/{org}/audits/{auditId}/controls/{code}/timeline', 'get'>;
export type TTimelineException = TJson<
  '/api/v1/orgs/{org}/audits/{auditId}/exceptions',
  'get'
>['items'][number];
export type TPopulation = TJson<'/api/v1/orgs/{org}/audits/{auditId}/populations', 'get'>['items'][number];
export type TPopulationItem = TJson<
  '/api/v1/orgs/{org}/audits/{auditId}/populations/{kind}',
  'get'
>['items'][number];
export type TSample = TJson<'/api/v1/orgs/{org}/audits/{auditId}/samples', 'get'>['items'][number];
export type TPopulationKind = TPopulation['kind'];
export type TImported = TJson<'/api/v1/orgs/{org}/populations/{kind}/import', 'post'>;

export const EXCEPTION_LABEL: Record<TTimelineException['kind'], string> = {
  failing: 'Failing',
  unmonitored: 'Unmonitored',
  evidence_expired: 'Evidence expired',
  review_missing: 'Review missing',
};

const testingKey = (org: string, auditId: string) => [...auditsKey(org), auditId, 'testing'] as const;

export function useTimelines(org: string, auditId: string) {
  return useQuery({
    queryKey: [...testingKey(org, auditId), 'timelines'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/audits/{auditId}/timelines', { params: { path: { org, auditId } } }),
      ),
  });
}

export function useControlTimeline(org: string, auditId: string, code: string | null) {
  return useQuery({
    queryKey: [...testingKey(org, auditId), 'timeline', code],
    enabled: code !== null,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/audits/{auditId}/controls/{code}/timeline', {
          params: { path: { org, auditId, code: code ?? '' } },
        }),
      ),
  });
}

export function useExceptions(org: string, auditId: string) {
  return useQuery({
    queryKey: [...testingKey(org, auditId), 'exceptions'],
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/audits/{auditId}/exceptions', {
            params: { path: { org, auditId }, query: { limit: 500, offset } },
          }),
        ),
      ),
  });
}

export function usePopulations(org: string, auditId: string) {
  return useQuery({
    queryKey: [...testingKey(org, auditId), 'populations'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/audits/{auditId}/populations', { params: { path: { org, auditId } } }),
      ),
  });
}

export function usePopulationItems(org: string, auditId: string, kind: TPopulationKind | null) {
  return useQuery({
    queryKey: [...testingKey(org, auditId), 'population', kind],
    enabled: kind !== null,
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/audits/{auditId}/populations/{kind}', {
            params: { path: { org, auditId, kind: kind ?? 'change' }, query: { limit: 500, offset } },
          }),
        ),
      ),
  });
}

export function useSamples(org: string, auditId: string) {
  return useQuery({
    queryKey: [...testingKey(org, auditId), 'samples'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org}/audits/{auditId}/samples', { params: { path: { org, auditId } } })),
  });
}

/** Sends a population file as text/csv (openapi-fetch serializes bodies as JSON), with the CSRF header. */
export async function importPopulationFile(
  org: string,
  kind: TPopulationKind,
  file: File,
): Promise<TImported> {
  const url = `/api/v1/orgs/${encodeURIComponent(org)}/populations/${kind}/import?fileName=${encodeURIComponent(file.name.slice(0, 200))}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', accept: 'application/json', ...csrfHeaders() },
    body: await file.text(),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as TImported;
}
