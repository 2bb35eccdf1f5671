import { readFileSync } from 'node:fs';
import { onTestFinished } from 'vitest';
import { z } from 'zod';

// A fetch that answers from recorded HTTP exchanges instead of the network. Requests are matched by
// method, path and query (in any order); each recording answers once, in the order given, so a retry can
// be recorded as a second answer to the same request. A request nobody recorded is refused and fails the
// test that made it, even when the code under test swallowed the refusal.

const ZInteraction = z.strictObject({
  note: z.string().optional(),
  request: z.strictObject({
    method: z.string(),
    path: z.string().startsWith('/'),
    query: z.record(z.string(), z.string()).optional(),
  }),
  response: z.strictObject({
    status: z.number().int(),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.unknown().optional(),
  }),
});
const ZRecording = z.strictObject({ description: z.string(), interactions: z.array(ZInteraction) });

export type TInteraction = z.infer<typeof ZInteraction>;

/** The interactions of test/fixtures/<dir>/<name>.json. */
export function loadRecording(dir: string, name: string): TInteraction[] {
  const url = new URL(`../fixtures/${dir}/${name}.json`, import.meta.url);
  return ZRecording.parse(JSON.parse(readFileSync(url, 'utf8'))).interactions;
}

function keyOf(method: string, path: string, query: Iterable<[string, string]>): string {
  const pairs = [...query].map(([k, v]) => `${k}=${v}`).sort();
  return `${method.toUpperCase()} ${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

export interface TReplay {
  fetch: typeof globalThis.fetch;
  /** Every request made, as "METHOD /path?query", in order. */
  requests: string[];
  /** Requests that matched no remaining recording. */
  unexpected: string[];
  /** Request headers of every request, in order, lower-cased. */
  headers: Array<Record<string, string>>;
  /** Recordings that were never asked for. */
  unused(): string[];
}

export function createReplayFetch(interactions: TInteraction[], origin = 'https://api.github.com'): TReplay {
  const queues = new Map<string, TInteraction[]>();
  for (const interaction of interactions) {
    const { method, path, query = {} } = interaction.request;
    const key = keyOf(method, path, Object.entries(query));
    queues.set(key, [...(queues.get(key) ?? []), interaction]);
  }
  const replay: TReplay = {
    requests: [],
    unexpected: [],
    headers: [],
    unused: () => [...queues.entries()].flatMap(([key, rest]) => rest.map(() => key)),
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      const key = keyOf(method, url.pathname, url.searchParams.entries());
      replay.requests.push(key);
      replay.headers.push(Object.fromEntries(new Headers(init?.headers).entries()));
      const next = url.origin === origin ? queues.get(key)?.shift() : undefined;
      if (!next) {
        replay.unexpected.push(`${url.origin} ${key}`);
        throw new TypeError(`replay: no recording for ${url.origin} ${key}`);
      }
      const { status, headers, body } = next.response;
      const payload = body === undefined || status === 204 ? null : JSON.stringify(body);
      return new Response(payload, { status, headers });
    },
  };
  // Registered on the running test: an unrecorded request fails it whatever the collector did with it.
  onTestFinished(() => {
    if (replay.unexpected.length > 0)
      throw new Error(`unrecorded requests:\n${replay.unexpected.join('\n')}`);
  });
  return replay;
}
