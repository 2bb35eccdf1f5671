import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { fetchAll } from '../controls/queries.ts';

// The people screens' queries, keyed under the organization so any change there refetches them.

type TJson<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type TPerson = TJson<'/api/v1/orgs/{org}/people', 'get'>['items'][number];
export type TPersonDetail = TJson<'/api/v1/orgs/{org}/people/{id}', 'get'>;
export type TChecklistItem = TPerson['checklist'][number];
export type TMyOnboarding = TJson<'/api/v1/orgs/{org}/me/onboarding', 'get'>;
export type TCourse = TMyOnboarding['courses'][number];
export type TFilter = 'all' | 'current' | 'leavers' | 'contractors' | 'upcoming';

export const FILTERS: Array<{ value: TFilter; label: string }> = [
  { value: 'all', label: 'Everyone' },
  { value: 'current', label: 'Current' },
  { value: 'leavers', label: 'Leavers' },
  { value: 'contractors', label: 'Contractors' },
  { value: 'upcoming', label: 'Not started' },
];

/** How an item's state reads, and its badge tone (colour always with words). */
export const ITEM_STATE: Record<TChecklistItem['state'], { text: string; badge: string }> = {
  done: { text: 'Done', badge: 'done' },
  exempt: { text: 'Exempt', badge: 'accepted' },
  not_applicable: { text: 'Not applicable', badge: 'not_applicable' },
  pending: { text: 'Pending', badge: 'in_progress' },
  overdue: { text: 'Overdue', badge: 'overdue' },
};

export const peopleKeys = {
  all: (org: string) => ['org', org, 'people'] as const,
  list: (org: string, filter: TFilter) => ['org', org, 'people', 'list', filter] as const,
  one: (org: string, id: string) => ['org', org, 'people', 'one', id] as const,
  mine: (org: string) => ['org', org, 'me', 'onboarding'] as const,
};

export function usePeople(org: string, filter: TFilter) {
  return useQuery({
    queryKey: peopleKeys.list(org, filter),
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/people', {
            params: { path: { org }, query: { filter, limit: 500, offset } },
          }),
        ),
      ),
  });
}

export function usePerson(org: string, id: string) {
  return useQuery({
    queryKey: peopleKeys.one(org, id),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/people/{id}', { params: { path: { org, id } } })),
  });
}

export function useMyOnboarding(org: string) {
  return useQuery({
    queryKey: peopleKeys.mine(org),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/me/onboarding', { params: { path: { org } } })),
  });
}

export function useCourse(org: string, courseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['org', org, 'training-courses', courseId],
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/training-courses/{courseId}', { params: { path: { org, courseId } } }),
      ),
  });
}

export function useAgentDevices(org: string, enabled: boolean) {
  return useQuery({
    queryKey: ['org', org, 'agent', 'devices'],
    enabled,
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/orgs/{org}/agent/devices', { params: { path: { org } } }))).items,
  });
}
