import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { fetchAll } from '../controls/queries.ts';

export type TEvidence =
  paths['/api/v1/orgs/{org}/evidence']['get']['responses']['200']['content']['application/json']['items'][number];

export function useEvidence(org: string, enabled = true) {
  return useQuery({
    queryKey: ['org', org, 'evidence'],
    enabled,
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/evidence', {
            params: { path: { org }, query: { limit: 500, offset } },
          }),
        ),
      ),
  });
}

/** Where the browser fetches an evidence file: inline for a preview, otherwise as a download. */
export function evidenceFileUrl(org: string, id: string, inline = false): string {
  return `/api/v1/orgs/${encodeURIComponent(org)}/evidence/${encodeURIComponent(id)}/file${inline ? '?inline=1' : ''}`;
}

/** Media types the server lets the app show inside the page (see the file route). */
export function previewKind(mediaType: string): 'image' | 'pdf' | null {
  if (mediaType === 'application/pdf') return 'pdf';
  if (['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(mediaType)) return 'image';
  return null;
}
