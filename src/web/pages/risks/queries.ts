import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { fetchAll } from '../controls/queries.ts';

export type TRisk =
  paths['/api/v1/orgs/{org}/risks']['get']['responses']['200']['content']['application/json']['items'][number];
export type THeatMap =
  paths['/api/v1/orgs/{org}/risks/heat-map']['get']['responses']['200']['content']['application/json'];
export type TLibraryRisk =
  paths['/api/v1/risk-library']['get']['responses']['200']['content']['application/json']['items'][number];

export const CATEGORIES: TRisk['category'][] = [
  'security',
  'availability',
  'confidentiality',
  'privacy',
  'processing_integrity',
  'fraud',
  'change',
  'vendor',
  'operational',
  'compliance',
];
export const TREATMENTS: TRisk['treatment'][] = ['mitigate', 'accept', 'transfer', 'avoid'];

/** Bands of likelihood x impact, as the server rates them (domain/risk.ts). */
export const RATING_TONE: Record<TRisk['inherentRating'], string> = {
  low: 'good',
  medium: 'warn',
  high: 'bad',
  critical: 'bad',
};

export function useRisks(org: string) {
  return useQuery({
    queryKey: ['org', org, 'risks'],
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/risks', { params: { path: { org }, query: { limit: 500, offset } } }),
        ),
      ),
  });
}

export function useHeatMap(org: string) {
  return useQuery({
    queryKey: ['org', org, 'risks', 'heat-map'],
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/risks/heat-map', { params: { path: { org } } })),
  });
}

export function useRiskLibrary(enabled: boolean) {
  return useQuery({
    queryKey: ['risk-library'],
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => (await unwrap(api.GET('/api/v1/risk-library', {}))).items,
  });
}
