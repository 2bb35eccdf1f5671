import { useQuery } from '@tanstack/react-query';
import { useOutletContext } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { fetchAll } from '../controls/queries.ts';

// The audit screens' queries, keyed under the organization so any change there refreshes them.

export type TAuditView =
  paths['/api/v1/orgs/{org}/audits/{auditId}']['get']['responses']['200']['content']['application/json'];
export type TAuditRequestView =
  paths['/api/v1/orgs/{org}/audits/{auditId}/requests']['get']['responses']['200']['content']['application/json']['items'][number];
export type TAuditorsView =
  paths['/api/v1/orgs/{org}/audits/{auditId}/auditors']['get']['responses']['200']['content']['application/json'];

export const auditsKey = (org: string) => ['org', org, 'audits'] as const;

export function useAudits(org: string) {
  return useQuery({
    queryKey: auditsKey(org),
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/audits', { params: { path: { org }, query: { limit: 500, offset } } }),
        ),
      ),
  });
}

export function useAudit(org: string, auditId: string) {
  return useQuery({
    queryKey: [...auditsKey(org), auditId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org}/audits/{auditId}', { params: { path: { org, auditId } } })),
  });
}

export function useAuditRequests(org: string, auditId: string) {
  return useQuery({
    queryKey: [...auditsKey(org), auditId, 'requests'],
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/audits/{auditId}/requests', {
            params: { path: { org, auditId }, query: { limit: 500, offset } },
          }),
        ),
      ),
  });
}

export function useAuditors(org: string, auditId: string) {
  return useQuery({
    queryKey: [...auditsKey(org), auditId, 'auditors'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org}/audits/{auditId}/auditors', { params: { path: { org, auditId } } })),
  });
}

/** The audit a tab of the audit page shows (the page loads it once and hands it to its tabs). */
export function useAuditContext(): TAuditView {
  return useOutletContext<TAuditView>();
}

export const PHASE_LABEL: Record<TAuditView['phase'], string> = {
  planning: 'Planning',
  fieldwork: 'Fieldwork',
  reporting: 'Reporting',
  done: 'Done',
};

export const STATUS_TONE: Record<TAuditRequestView['status'], string> = {
  open: 'neutral',
  submitted: 'warn',
  resubmitted: 'warn',
  flagged: 'bad',
  accepted: 'good',
};

/** "Type 2, 2026-01-01 to 2026-06-30" or "Type 1 as of 2026-06-30". */
export function describePeriod(a: Pick<TAuditView, 'reportType' | 'period'>): string {
  return a.reportType === 'type1'
    ? `Type 1 as of ${a.period.from}`
    : `Type 2, ${a.period.from} to ${a.period.to}`;
}
