import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { fetchAll } from '../controls/queries.ts';

export type TReviewSystem =
  paths['/api/v1/orgs/{org}/access-reviews/systems']['get']['responses']['200']['content']['application/json']['items'][number];
export type TReviewCampaign =
  paths['/api/v1/orgs/{org}/access-reviews']['get']['responses']['200']['content']['application/json']['items'][number];
export type TReviewDetail =
  paths['/api/v1/orgs/{org}/access-reviews/{id}']['get']['responses']['200']['content']['application/json'];
export type TReviewItem = TReviewDetail['items'][number];

export const accessReviewsKey = (org: string) => ['org', org, 'access-reviews'];

export function useReviewSystems(org: string) {
  return useQuery({
    queryKey: [...accessReviewsKey(org), 'systems'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/orgs/{org}/access-reviews/systems', { params: { path: { org } } })))
        .items,
  });
}

export function useReviewCampaigns(org: string) {
  return useQuery({
    queryKey: [...accessReviewsKey(org), 'campaigns'],
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/access-reviews', {
            params: { path: { org }, query: { limit: 500, offset } },
          }),
        ),
      ),
  });
}

export function useReviewCampaign(org: string, id: string) {
  return useQuery({
    queryKey: [...accessReviewsKey(org), 'campaign', id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org}/access-reviews/{id}', { params: { path: { org, id } } })),
  });
}

/** A date and time as people read it, in UTC like the server's dates. */
export function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
