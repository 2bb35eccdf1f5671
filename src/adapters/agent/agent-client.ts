import { z } from 'zod';
import type { TEndpointDevice } from '../../catalog/monitoring/endpoint.ts';
import { AttestlyError, ERROR_CODES } from '../../domain/errors.ts';
import { OUTCOME_STATUSES } from '../../domain/monitoring/model.ts';

// The agent's side of the API: enrol with a token, then post reports with the device credential. The
// server's errors come back as the same AttestlyError codes, so the command line exits as the server said.

const ZServerError = z.object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) });

const ZEnrolled = z.object({ deviceId: z.string(), hostname: z.string(), credential: z.string() });

const ZReported = z.object({
  run: z.object({ id: z.string(), status: z.enum(['succeeded', 'failed']), resources: z.number() }),
  results: z.array(z.object({ testId: z.string(), status: z.enum(OUTCOME_STATUSES), reason: z.string() })),
});
export type TReported = z.infer<typeof ZReported>;

/** The server's base URL: https, or http only to this machine (a credential must not cross a network in clear). */
export function parseServerUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AttestlyError('INVALID_INPUT', `not a URL: ${raw}`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new AttestlyError(
      'INVALID_INPUT',
      `the server URL must use https (http only for localhost): ${raw}`,
    );
  url.search = '';
  url.hash = '';
  return url;
}

async function post<S extends z.ZodType>(
  base: URL,
  path: string,
  body: unknown,
  schema: S,
  fetchImpl: typeof fetch,
  credential?: string,
): Promise<z.infer<S>> {
  const target = `${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`;
  let response: Response;
  try {
    response = await fetchImpl(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new AttestlyError('INVALID_INPUT', `cannot reach ${base.origin}: ${cause}`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const failure = ZServerError.safeParse(json);
    if (failure.success)
      throw new AttestlyError(failure.data.error.code, `the server said: ${failure.data.error.message}`);
    throw new AttestlyError(
      'INVALID_INPUT',
      `${target} answered ${response.status}: is this an Attestly server?`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new AttestlyError('INVALID_INPUT', `${target} did not answer as an Attestly server`);
  return parsed.data;
}

export function enrolWithServer(
  base: URL,
  input: { token: string; hostname: string },
  fetchImpl: typeof fetch = fetch,
) {
  return post(base, '/api/v1/agent/enrol', input, ZEnrolled, fetchImpl);
}

export function sendReport(
  base: URL,
  credential: string,
  device: TEndpointDevice,
  fetchImpl: typeof fetch = fetch,
): Promise<TReported> {
  return post(base, '/api/v1/agent/reports', device, ZReported, fetchImpl, credential);
}
