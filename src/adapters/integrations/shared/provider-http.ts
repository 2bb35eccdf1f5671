import type { z } from 'zod';
import { AttestlyError } from '../../../domain/errors.ts';

// What the HTTP-based collectors share: the options tests use to replay recordings and control time, and
// one way to say that a provider answered with something we did not expect.

export interface TProviderHttpOptions {
  /** Tests pass a replaying fetch; production uses the global one. */
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** The longest single wait for a rate limit; a longer one fails the collection instead of hanging. */
  maxWaitMs?: number;
  maxRetries?: number;
  log?: (message: string) => void;
}

/** Parses a response body, or fails the collection naming the provider, the request and the field. */
export function parseProviderResponse<S extends z.ZodType>(
  provider: string,
  schema: S,
  data: unknown,
  what: string,
): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AttestlyError(
    'COLLECTION_FAILED',
    `${provider} returned an unexpected response to ${what} at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
  );
}
