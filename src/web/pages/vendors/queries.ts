import { useQuery } from '@tanstack/react-query';
import { ApiError, api, csrfHeaders, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { fetchAll } from '../controls/queries.ts';

export type TVendor =
  paths['/api/v1/orgs/{org}/vendors']['get']['responses']['200']['content']['application/json']['items'][number];
export type TVendorDetail =
  paths['/api/v1/orgs/{org}/vendors/{id}']['get']['responses']['200']['content']['application/json'];
export type TVendorReport = TVendorDetail['reports'][number];
export type TVendorReview = TVendorDetail['reviews'][number];
export type TVendorWarning = TVendor['warnings'][number];
export type TCuec =
  paths['/api/v1/orgs/{org}/cuecs']['get']['responses']['200']['content']['application/json']['items'][number];

/** Tier and report status as badge tones (text and colour, never colour alone). */
export const TIER_TONE: Record<TVendor['tier'], string> = {
  critical: 'bad',
  high: 'warn',
  medium: 'neutral',
  low: 'good',
};
export const REPORT_STATUS: Record<TVendor['reportStatus'], { tone: string; text: string }> = {
  current: { tone: 'good', text: 'Report current' },
  expiring: { tone: 'warn', text: 'Report expiring' },
  expired: { tone: 'bad', text: 'Report expired' },
  missing: { tone: 'bad', text: 'Report missing' },
  none: { tone: 'muted', text: 'No report needed' },
};

export function useVendors(org: string) {
  return useQuery({
    queryKey: ['org', org, 'vendors'],
    queryFn: () =>
      fetchAll((offset) =>
        unwrap(
          api.GET('/api/v1/orgs/{org}/vendors', { params: { path: { org }, query: { limit: 500, offset } } }),
        ),
      ),
  });
}

export function useVendor(org: string, id: string) {
  return useQuery({
    queryKey: ['org', org, 'vendors', id],
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/vendors/{id}', { params: { path: { org, id } } })),
  });
}

export function useCuecs(org: string) {
  return useQuery({
    queryKey: ['org', org, 'cuecs'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/orgs/{org}/cuecs', { params: { path: { org } } }))).items,
  });
}

/**
 * Uploads a PDF with its fields as multipart/form-data (openapi-fetch has no FormData serializer), with
 * the same CSRF header as every change. Throws the server's ApiError.
 */
export async function uploadPdf(
  path: string,
  fields: Record<string, string>,
  file: File,
): Promise<TVendorReport> {
  const form = new FormData();
  // The fields before the file: the server reads the parts in order.
  for (const [name, value] of Object.entries(fields)) if (value !== '') form.append(name, value);
  form.append('file', file, file.name);
  const response = await fetch(path, {
    method: 'POST',
    headers: { accept: 'application/json', ...csrfHeaders() },
    body: form,
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as TVendorReport;
}

/** The field error an ApiError carries, or a message for the file input when the server named no field. */
export function fileError(error: unknown): ApiError | unknown {
  if (
    error instanceof ApiError &&
    ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'].includes(error.code) &&
    Object.keys(error.fieldErrors()).length === 0
  )
    return new ApiError(error.status, {
      error: { code: error.code, message: error.message, details: { field: 'file' } },
    });
  return error;
}
