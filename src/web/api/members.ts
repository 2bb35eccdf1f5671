import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';

/** The one cache entry of an organization's members: every screen reads the same `{ items }` answer. */
export const membersKey = (slug: string) => ['org', slug, 'members'] as const;

export function useMembers(slug: string, enabled = true) {
  return useQuery({
    queryKey: membersKey(slug),
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/members', { params: { path: { org: slug } } })),
  });
}
