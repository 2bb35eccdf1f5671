import { setTimeout as delay } from 'node:timers/promises';
import { Client, RequestExecutor } from '@okta/okta-sdk-nodejs';
import { z } from 'zod';
import { AttestlyError } from '../../../domain/errors.ts';
import type { TProviderHttpOptions } from '../shared/provider-http.ts';
import { parseResponse, ZOktaError } from './schemas.ts';

// The Okta SDK's client (SSWS authorization, its HTTP layer and its error type) with a request executor of
// our own: it sends through an injectable fetch, so tests replay recorded responses, and applies Okta's
// rate-limit rules with bounded waits. Responses are read as the raw JSON Okta sends and parsed with zod,
// not through the SDK's generated models: those drop fields they do not declare (a Classic org's MFA
// enrollment `settings.factors`, for one) and would hide a shape change instead of failing on it.

export interface TOktaClientOptions extends TProviderHttpOptions {
  orgUrl: string;
  token: string;
}

/** What the SDK's Http layer hands its request executor. */
interface TSdkRequest {
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** "GET /api/v1/users?limit=200", query decoded, for messages. */
function describe(url: string, method = 'GET'): string {
  const { pathname, searchParams } = new URL(url);
  const query = [...searchParams].map(([key, value]) => `${key}=${value}`).join('&');
  return `${method.toUpperCase()} ${pathname}${query ? `?${query}` : ''}`;
}

/**
 * Okta's rules (developer.okta.com rate limits, and the SDK's README): x-rate-limit-reset is the epoch
 * second the window reopens; measure it against the response's Date header, which is the server's clock,
 * and add a second for the skew between the two.
 */
export function resetWaitMs(headers: Headers, nowMs: number): number | undefined {
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (!headers.has('x-rate-limit-reset') || !Number.isFinite(reset)) return undefined;
  const serverNow = Date.parse(headers.get('date') ?? '');
  return Math.max(reset * 1000 - (Number.isFinite(serverNow) ? serverNow : nowMs), 0) + 1000;
}

class RateLimitedExecutor extends RequestExecutor {
  #options: Required<Omit<TOktaClientOptions, 'signal' | 'orgUrl' | 'token'>> & { signal?: AbortSignal };
  /** Set when a response said the window is spent: the next request waits for it to reopen. */
  #pausedUntil = 0;

  constructor(options: TOktaClientOptions) {
    super();
    this.#options = {
      fetch: options.fetch ?? globalThis.fetch,
      sleep: options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal })),
      now: options.now ?? Date.now,
      maxWaitMs: options.maxWaitMs ?? 60_000,
      maxRetries: options.maxRetries ?? 3,
      log: options.log ?? (() => {}),
      ...(options.signal ? { signal: options.signal } : {}),
    };
  }

  /** Waits out a rate limit, or fails the collection when the wait or the retries pass their bounds. */
  async #wait(ms: number, what: string, reason: string, retries: number, retrying: boolean): Promise<void> {
    const { maxWaitMs, maxRetries, log, sleep, signal } = this.#options;
    if (ms > maxWaitMs || (retrying && retries >= maxRetries)) {
      throw new AttestlyError(
        'COLLECTION_FAILED',
        `Okta rate limit on ${what}: ${reason}; it lifts in ${Math.ceil(ms / 1000)} s, after ${retries} retries ` +
          `(waits up to ${maxWaitMs / 1000} s, ${maxRetries} retries)`,
        { status: 429, request: what, waitMs: ms, retries },
      );
    }
    log(`Okta rate limit on ${what}: waiting ${Math.ceil(ms / 1000)} s`);
    await sleep(ms, signal);
  }

  override async fetch(request: TSdkRequest): Promise<Response> {
    const { fetch, now, signal } = this.#options;
    const url = String(request.url);
    const method = (request.method ?? 'GET').toUpperCase();
    const what = describe(url, method);
    for (let attempt = 0; ; attempt++) {
      const paused = this.#pausedUntil - now();
      if (paused > 0) {
        await this.#wait(paused, what, 'the previous response spent the window', attempt, false);
        this.#pausedUntil = 0;
      }
      const response = await fetch(url, {
        method,
        headers: request.headers ?? {},
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(signal ? { signal } : {}),
      });
      const reset = resetWaitMs(response.headers, now());
      if (response.headers.get('x-rate-limit-remaining') === '0' && reset !== undefined)
        this.#pausedUntil = now() + reset;
      if (response.status !== 429) return response;
      this.#pausedUntil = 0;
      const body = ZOktaError.safeParse(
        await response
          .clone()
          .json()
          .catch(() => undefined),
      );
      const summary = body.success ? body.data.errorSummary : 'Too Many Requests';
      // Without a usable reset header, back off exponentially from one second.
      const waitMs = reset ?? 1000 * 2 ** attempt;
      await this.#wait(waitMs, what, summary, attempt, true);
    }
  }
}

/** An SDK error (OktaApiError) read through zod rather than instanceof. */
const ZApiError = z.object({
  status: z.number().int(),
  errorCode: z.union([z.string(), z.number()]),
  errorSummary: z.string(),
  errorId: z.string().optional(),
  errorCauses: z.array(z.object({ errorSummary: z.string() })).optional(),
});

/** What a refused read needed: the OAuth scope, and the admin role an SSWS token's creator must hold. */
export interface TOktaPermission {
  scope: string;
  role: string;
}

/** COLLECTION_FAILED for a request Okta refused, or that never reached it. */
export function collectionFailed(error: unknown, what: string, needs: TOktaPermission): AttestlyError {
  if (error instanceof AttestlyError) return error;
  const parsed = ZApiError.safeParse(error);
  if (!parsed.success) {
    const message = error instanceof Error ? error.message : String(error);
    return new AttestlyError('COLLECTION_FAILED', `Okta: ${what} failed: ${message}`);
  }
  const { status, errorCode, errorSummary, errorId, errorCauses } = parsed.data;
  const causes = (errorCauses ?? []).map((c) => c.errorSummary).join('; ');
  const details: Record<string, unknown> = { status, request: what, errorCode: String(errorCode) };
  if (errorId) details.errorId = errorId;
  let hint = '';
  if (status === 401) hint = ' (the API token is invalid, expired or revoked)';
  if (status === 403) {
    details.permission = needs.scope;
    details.role = needs.role;
    hint = ` (needs ${needs.scope}, or an API token created by an admin with the ${needs.role} role or higher)`;
  }
  return new AttestlyError(
    'COLLECTION_FAILED',
    `Okta refused ${what}: ${status} ${errorCode} ${errorSummary}${causes ? `: ${causes}` : ''}${hint}`,
    details,
  );
}

/** The URL of rel="next" in a Link header, if any. */
export function nextLink(link: string | null): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (match?.[2] && /\brel="?next"?/.test(match[2])) return match[1];
  }
  return undefined;
}

export interface TOktaApi {
  /** Every item of a list, following Okta's Link headers; each page is parsed with zod. */
  list<S extends z.ZodType>(
    path: string,
    query: Record<string, string>,
    item: S,
    needs: TOktaPermission,
  ): Promise<Array<z.infer<S>>>;
}

const MAX_PAGES = 10_000;

/**
 * A GET asking for JSON, as the SDK's Http layer takes it. Its declared type extends node-fetch's
 * RequestInit, whose types the SDK does not ship, so the fields are not visible to the compiler. A new
 * object each time: the Http layer writes the URL and headers into it.
 */
const GET_JSON = () =>
  ({ method: 'get', headers: { Accept: 'application/json' } }) as unknown as Parameters<
    Client['http']['http']
  >[1];

export function createOktaApi(options: TOktaClientOptions): TOktaApi {
  const origin = new URL(options.orgUrl).origin;
  const client = new Client({
    orgUrl: origin,
    token: options.token,
    authorizationMode: 'SSWS',
    requestExecutor: new RateLimitedExecutor(options),
    // Caching would answer a later scan from an earlier one's responses.
    cacheMiddleware: null,
  });
  return {
    async list(path, query, item, needs) {
      const first = new URL(path, origin);
      for (const [key, value] of Object.entries(query)) first.searchParams.set(key, value);
      const items: Array<z.infer<typeof item>> = [];
      const seen = new Set<string>();
      for (let url: string | undefined = first.href; url; ) {
        const what = describe(url);
        // The token goes only to the org it belongs to, and a page repeating itself would never end.
        if (new URL(url).origin !== origin || seen.has(url) || seen.size >= MAX_PAGES)
          throw new AttestlyError('COLLECTION_FAILED', `Okta sent an unusable next-page link: ${url}`);
        seen.add(url);
        let response: Response;
        let body: unknown;
        try {
          response = (await client.http.http(url, GET_JSON())) as Response;
          body = await response.json();
        } catch (error) {
          throw collectionFailed(error, what, needs);
        }
        items.push(...parseResponse(z.array(item), body, what));
        url = nextLink(response.headers.get('link'));
      }
      return items;
    },
  };
}
