import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';

// The queries the controls, evidence and tasks screens share, keyed by organization first.

type TJson<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type TControl = TJson<'/api/v1/orgs/{org}/controls', 'get'>['items'][number];
export type TControlDetail = TJson<'/api/v1/orgs/{org}/controls/{code}', 'get'>;
export type TMember = TJson<'/api/v1/orgs/{org}/members', 'get'>['items'][number];
export type TTestResult = TJson<'/api/v1/orgs/{org}/test-results', 'get'>['items'][number];

/** Every page of a paged list (the API returns at most 500 items a call). */
export async function fetchAll<T>(
  get: (offset: number) => Promise<{ items: T[]; nextOffset: number | null }>,
): Promise<T[]> {
  const all: T[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page = await get(offset);
    all.push(...page.items);
    offset = page.nextOffset;
  }
  return all;
}

export function useControls(org: string, enabled = true) {
  return useQuery({
    queryKey: ['org', org, 'controls'],
    enabled,
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/controls', {
            params: { path: { org }, query: { limit: 500, offset } },
          }),
        ),
      ),
  });
}

export function useControl(org: string, code: string) {
  return useQuery({
    queryKey: ['org', org, 'controls', code],
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/controls/{code}', { params: { path: { org, code } } })),
  });
}

/** Members, for choosing an owner or an assignee (needs members:read). */
export interface TControlMonitoring {
  status: 'passing' | 'failing';
  results: Array<TTestResult & { title: string }>;
}

/**
 * What the latest monitoring results say of each control, as the readiness assessment reads them: failing
 * when a mapped test fails or errs on a resource, passing when at least one passes and none fails.
 */
export function useControlMonitoring(org: string, enabled: boolean) {
  return useQuery({
    queryKey: ['org', org, 'monitoring', 'controls'],
    enabled,
    queryFn: async () => {
      const [library, custom, results] = await Promise.all([
        unwrap(api.GET('/api/v1/tests')),
        unwrap(api.GET('/api/v1/orgs/{org}/custom-tests', { params: { path: { org } } })),
        fetchAll((offset) =>
          unwrap(
            api.GET('/api/v1/orgs/{org}/test-results', {
              params: { path: { org }, query: { limit: 500, offset } },
            }),
          ),
        ),
      ]);
      const tests = new Map([...library, ...custom.items].map((t) => [t.id, t]));
      const byControl = new Map<string, TControlMonitoring>();
      for (const result of results) {
        const test = tests.get(result.testId);
        if (!test || result.status === 'not_applicable') continue;
        for (const code of test.controls) {
          const entry = byControl.get(code) ?? { status: 'passing', results: [] };
          if (result.status === 'fail' || result.status === 'error') entry.status = 'failing';
          entry.results.push({ ...result, title: test.title });
          byControl.set(code, entry);
        }
      }
      return byControl;
    },
  });
}
