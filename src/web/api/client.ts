import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './openapi.d.ts';

// The one way the app talks to the server: typed by the generated OpenAPI types, same origin, the session
// cookie sent by the browser, and the CSRF token the session handed out added to every change.

let csrfToken: string | null = null;

/** Remembers the CSRF token of the current session (from sign-in or GET /api/v1/session). */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for a change sent outside openapi-fetch (an upload with progress, api/upload.ts). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD')
      request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
api.use(csrf);

interface TErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
}

/** The server's error, with the per-field messages a form shows next to its inputs. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(status: number, body: unknown) {
    const error = (body as TErrorBody | undefined)?.error;
    super(error?.message ?? `the server answered ${status}`);
    this.status = status;
    this.code = error?.code ?? 'INTERNAL';
    this.details = error?.details ?? {};
  }

  /** Field name → message, from request validation issues (`body/name`) or a `field` detail. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const issues = this.details.issues;
    if (Array.isArray(issues)) {
      for (const issue of issues as { path?: string; message?: string }[]) {
        const field = String(issue.path ?? '')
          .replace(/^(body|querystring|params)\/?/, '')
          .split('/')[0];
        if (field && !out[field]) out[field] = issue.message ?? 'invalid';
      }
    }
    const field = this.details.field;
    if (typeof field === 'string' && !out[field]) out[field] = this.message.replace(/^[\w.]+: /, '');
    return out;
  }
}

/** Returns the data of an openapi-fetch call or throws its ApiError. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as T;
}
