import { useQuery } from '@tanstack/react-query';
import { ApiError, api, csrfHeaders, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';

// The trust center's queries, keyed by organization first, and the one upload the typed client cannot send.

type TJson<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type TTrustCenter = TJson<'/api/v1/orgs/{org}/trust-center', 'get'>;
export type TTrustSettings =
  paths['/api/v1/orgs/{org}/trust-center']['put']['requestBody']['content']['application/json'];
export type TTrustPolicy = TJson<'/api/v1/orgs/{org}/trust-center/policies', 'get'>['items'][number];
export type TTrustDocument = TJson<'/api/v1/orgs/{org}/trust-center/documents', 'get'>['items'][number];
export type TAccessRequest = TJson<'/api/v1/orgs/{org}/trust-center/access-requests', 'get'>['items'][number];
export type TDownload = TJson<'/api/v1/orgs/{org}/trust-center/downloads', 'get'>['items'][number];

export const trustKeys = {
  all: (slug: string) => ['org', slug, 'trust-center'] as const,
  settings: (slug: string) => ['org', slug, 'trust-center', 'settings'] as const,
  policies: (slug: string) => ['org', slug, 'trust-center', 'policies'] as const,
  documents: (slug: string) => ['org', slug, 'trust-center', 'documents'] as const,
  requests: (slug: string) => ['org', slug, 'trust-center', 'access-requests'] as const,
  downloads: (slug: string) => ['org', slug, 'trust-center', 'downloads'] as const,
  series: (slug: string) => ['org', slug, 'trust-center', 'series'] as const,
};

export function useTrustCenter(slug: string) {
  return useQuery({
    queryKey: trustKeys.settings(slug),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/trust-center', { params: { path: { org: slug } } })),
  });
}

/** The criteria series of the program (CC6, A1…) an area may name; null when no program is set up yet. */
export function useSeries(slug: string) {
  return useQuery({
    queryKey: trustKeys.series(slug),
    queryFn: async () => {
      try {
        const readiness = await unwrap(
          api.GET('/api/v1/orgs/{org}/readiness', { params: { path: { org: slug } } }),
        );
        return readiness.series.map((s) => ({ id: s.id, name: s.name }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NOT_INITIALIZED') return null;
        throw error;
      }
    },
  });
}

export interface TDocumentUpload {
  file: File;
  title: string;
  description: string;
  kind: TTrustDocument['kind'];
  access: TTrustDocument['access'];
}

/** Sends a PDF as multipart/form-data (fields first), with the session's CSRF header. */
export async function uploadTrustDocument(slug: string, upload: TDocumentUpload): Promise<TTrustDocument> {
  const form = new FormData();
  form.append('title', upload.title);
  if (upload.description.trim()) form.append('description', upload.description);
  form.append('kind', upload.kind);
  form.append('access', upload.access);
  form.append('file', upload.file, upload.file.name);
  let response: Response;
  try {
    response = await fetch(`/api/v1/orgs/${encodeURIComponent(slug)}/trust-center/documents`, {
      method: 'POST',
      headers: { accept: 'application/json', ...csrfHeaders() },
      body: form,
    });
  } catch {
    throw new Error('the upload did not reach the server; check the connection and try again');
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (response.status !== 201) throw new ApiError(response.status, body);
  return body as TTrustDocument;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Today plus `days`, as the YYYY-MM-DD a date input holds (UTC, as the server counts days). */
export function isoDateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
