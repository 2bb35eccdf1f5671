import { setTimeout as delay } from 'node:timers/promises';
import { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { AttestlyError } from '../../../domain/errors.ts';
import type { TProviderHttpOptions } from '../shared/provider-http.ts';
import { ZGithubError } from './schemas.ts';

// The Octokit client the collector uses, with GitHub's rate-limit rules applied to every request, and the
// translation of GitHub's refusals into COLLECTION_FAILED with GitHub's own message and the permission
// the token lacked.

export const GITHUB_API = 'https://api.github.com';
const API_VERSION = '2022-11-28';

export interface TClientOptions extends TProviderHttpOptions {
  token: string;
  apiUrl: string;
}

/** A rejected request as Octokit reports it (a RequestError), read through zod rather than instanceof. */
const ZRequestError = z.object({
  status: z.number().int(),
  message: z.string(),
  response: z.object({ headers: z.record(z.string(), z.unknown()), data: z.unknown() }).optional(),
});

export interface TRejection {
  status: number;
  /** GitHub's message from the response body, or Octokit's when there was no body. */
  message: string;
  headers: Record<string, string>;
  documentationUrl: string | undefined;
}

/** The HTTP refusal behind an Octokit error, or undefined for anything else (a bug, an abort, our own error). */
export function rejectionOf(error: unknown): TRejection | undefined {
  if (error instanceof AttestlyError) return undefined;
  const parsed = ZRequestError.safeParse(error);
  if (!parsed.success) return undefined;
  const { status, message, response } = parsed.data;
  const body = ZGithubError.safeParse(response?.data);
  const headers = Object.fromEntries(
    Object.entries(response?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
  return {
    status,
    message: body.success ? body.data.message : message,
    headers,
    documentationUrl: body.success ? body.data.documentation_url : undefined,
  };
}

/**
 * The permission a refused request needed: GitHub names it for fine-grained tokens and apps in
 * x-accepted-github-permissions; otherwise the endpoint's documented scope (classic tokens).
 */
export function permissionOf(rejection: TRejection, documented: string): string {
  return rejection.headers['x-accepted-github-permissions'] || documented;
}

/** COLLECTION_FAILED for a request GitHub refused, or that never reached it. */
export function collectionFailed(error: unknown, what: string, documentedPermission: string): AttestlyError {
  if (error instanceof AttestlyError) return error;
  const rejection = rejectionOf(error);
  if (!rejection) {
    const message = error instanceof Error ? error.message : String(error);
    return new AttestlyError('COLLECTION_FAILED', `GitHub: ${what} failed: ${message}`);
  }
  const details: Record<string, unknown> = { status: rejection.status, request: what };
  if ([401, 403, 404].includes(rejection.status))
    details.permission = permissionOf(rejection, documentedPermission);
  if (rejection.headers['x-github-sso']) details.sso = rejection.headers['x-github-sso'];
  if (rejection.documentationUrl) details.documentationUrl = rejection.documentationUrl;
  const hint = rejection.status === 401 ? ' (the token is invalid, expired or revoked)' : '';
  return new AttestlyError(
    'COLLECTION_FAILED',
    `GitHub refused ${what}: ${rejection.status} ${rejection.message}${hint}`,
    details,
  );
}

/**
 * How long GitHub asks us to wait before retrying, or undefined when the error is not a rate limit.
 * GitHub's rules: honour retry-after; when the primary limit is spent (x-ratelimit-remaining 0) wait for
 * x-ratelimit-reset; for a secondary limit without either, wait a minute and back off exponentially.
 */
export function rateLimitWaitMs(rejection: TRejection, nowMs: number, attempt: number): number | undefined {
  if (rejection.status !== 403 && rejection.status !== 429) return undefined;
  const { headers } = rejection;
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter))
    return Math.max(retryAfter, 0) * 1000;
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset))
    return Math.max(reset * 1000 - nowMs, 0) + 1000;
  if (rejection.status === 429 || /secondary rate limit/i.test(rejection.message))
    return 60_000 * 2 ** attempt;
  return undefined;
}

export function createOctokit(options: TClientOptions): Octokit {
  const sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  const now = options.now ?? Date.now;
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  const maxRetries = options.maxRetries ?? 3;
  const log = options.log ?? (() => {});
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.apiUrl,
    userAgent: 'attestly',
    request: {
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
  });
  octokit.hook.wrap('request', async (request, requestOptions) => {
    requestOptions.headers['x-github-api-version'] = API_VERSION;
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const rejection = rejectionOf(error);
        const waitMs = rejection && rateLimitWaitMs(rejection, now(), attempt);
        if (!rejection || waitMs === undefined) throw error;
        const { method, url } = octokit.request.endpoint.parse(requestOptions);
        const what = `${method} ${new URL(url, options.apiUrl).pathname}`;
        if (attempt >= maxRetries || waitMs > maxWaitMs) {
          throw new AttestlyError(
            'COLLECTION_FAILED',
            `GitHub rate limit on ${what}: ${rejection.message}; it lifts in ${Math.ceil(waitMs / 1000)} s, ` +
              `after ${attempt} retries (waits up to ${maxWaitMs / 1000} s, ${maxRetries} retries)`,
            { status: rejection.status, request: what, waitMs, retries: attempt },
          );
        }
        log(`GitHub rate limit on ${what}: waiting ${Math.ceil(waitMs / 1000)} s`);
        await sleep(waitMs, options.signal);
      }
    }
  });
  return octokit;
}
