import type { paths } from '../../api/openapi.d.ts';

// The shapes the dashboard and the criteria screens read, as the server declares them.

export type TDashboard =
  paths['/api/v1/orgs/{org}/dashboard']['get']['responses']['200']['content']['application/json'];
export type TReadiness =
  paths['/api/v1/orgs/{org}/readiness']['get']['responses']['200']['content']['application/json'];
export type TCriterionReadiness = TReadiness['criteria'][number];
export type TGap = TReadiness['gaps'][number];
export type TCatalog = paths['/api/v1/catalog']['get']['responses']['200']['content']['application/json'];
export type TCatalogCriterion = TCatalog['criteria'][number];

/** The readiness statuses in the order a reader scans them, with what each means. */
export const STATUS_MEANING: Record<string, string> = {
  ready: 'every control is implemented and has current evidence',
  partial: 'some work done, some missing',
  gap: 'nothing in place yet',
  not_applicable: 'excluded from the assessment, with a reason',
};

export function percent(score: number | null | undefined): string {
  return score === null || score === undefined ? '–' : `${score}%`;
}
