import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { fetchAll } from '../controls/queries.ts';

// The queries of the monitoring screens, keyed by organization first; the library and the types are the
// server's, the same for every organization.

type TJson<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type TIntegration = TJson<'/api/v1/orgs/{org}/integrations', 'get'>['items'][number];
export type TIntegrationType = TJson<'/api/v1/integration-types', 'get'>[number];
export type TResourceType = TJson<'/api/v1/resource-types', 'get'>[number];
export type TLibraryTest = TJson<'/api/v1/tests', 'get'>[number];
export type TCustomTest = TJson<'/api/v1/orgs/{org}/custom-tests', 'get'>['items'][number];
export type TRun = TJson<'/api/v1/orgs/{org}/integrations/{name}/runs', 'get'>['items'][number];
export type TResult = TJson<'/api/v1/orgs/{org}/test-results', 'get'>['items'][number];

/** What a result needs to be read: the test's title, severity and controls, built-in or custom. */
export interface TTestInfo {
  id: string;
  title: string;
  severity: string;
  controls: string[];
  remediation: string;
  custom: boolean;
}

export const monitoringKey = (org: string) => ['org', org, 'monitoring'] as const;

export function useIntegrations(org: string, enabled = true) {
  return useQuery({
    queryKey: [...monitoringKey(org), 'integrations'],
    enabled,
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/orgs/{org}/integrations', { params: { path: { org } } }))).items,
  });
}

export function useIntegrationTypes() {
  return useQuery({
    queryKey: ['integration-types'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => unwrap(api.GET('/api/v1/integration-types')),
  });
}

export function useResourceTypes() {
  return useQuery({
    queryKey: ['resource-types'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => unwrap(api.GET('/api/v1/resource-types')),
  });
}

export function useTestLibrary() {
  return useQuery({
    queryKey: ['tests'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => unwrap(api.GET('/api/v1/tests')),
  });
}

export function useCustomTests(org: string) {
  return useQuery({
    queryKey: [...monitoringKey(org), 'custom-tests'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/orgs/{org}/custom-tests', { params: { path: { org } } }))).items,
  });
}

/** Every test a result can come from, by id: the built-in library and the organization's own. */
export function useTestInfo(org: string) {
  const library = useTestLibrary();
  const custom = useCustomTests(org);
  const map = new Map<string, TTestInfo>();
  for (const t of library.data ?? []) map.set(t.id, { ...t, custom: false });
  for (const t of custom.data ?? []) map.set(t.id, { ...t, custom: true });
  return {
    tests: map,
    isPending: library.isPending || custom.isPending,
    error: library.error ?? custom.error,
    refetch: () => {
      void library.refetch();
      void custom.refetch();
    },
  };
}

export function useRuns(org: string, name: string) {
  return useQuery({
    queryKey: [...monitoringKey(org), 'runs', name],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/integrations/{name}/runs', {
          params: { path: { org, name }, query: { limit: 100, offset: 0 } },
        }),
      ),
  });
}

export function useIntegrationResults(org: string, integration: string) {
  return useQuery({
    queryKey: [...monitoringKey(org), 'results', integration],
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/test-results', {
            params: { path: { org }, query: { integration, limit: 500, offset } },
          }),
        ),
      ),
  });
}

/** "every 60 minutes" as a person says it. */
export function describeSchedule(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? 'daily' : `every ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'hourly' : `every ${minutes / 60} hours`;
  return `every ${minutes} minutes`;
}

/** The permission or scope a failed collection lacked, when the collector named it. */
export function missingPermission(error: { details?: Record<string, unknown> } | null): string | null {
  const permission = error?.details?.permission;
  if (typeof permission === 'string') return permission;
  if (Array.isArray(permission)) return permission.join(', ');
  return null;
}
