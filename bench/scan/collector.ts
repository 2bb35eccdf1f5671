import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';

// The collector benchmark: node bench/scan/collector.ts [--pages 30] [--latency 20] [--rate 10] [--burst 10]
// A fake provider API on 127.0.0.1 answers each call after a fixed latency and rate-limits with a token
// bucket (`burst` calls at once, refilled at `rate` per second), answering 429 with Retry-After when it is
// empty. Two small collectors page through it: one only honours Retry-After, the way
// src/adapters/integrations/github/client.ts does; the other also paces itself at the advertised rate.
// The figure is the collection time over the bound the rate limit sets, calls / rate.

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '30' },
    'page-size': { type: 'string', default: '100' },
    latency: { type: 'string', default: '20' },
    rate: { type: 'string', default: '10' },
    burst: { type: 'string', default: '10' },
  },
  strict: true,
});
const options = {
  pages: Number(values.pages),
  pageSize: Number(values['page-size']),
  latencyMs: Number(values.latency),
  rate: Number(values.rate),
  burst: Number(values.burst),
};
for (const [name, value] of Object.entries(options)) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
}
const TARGET = 1.25;

/** Every response is parsed, as a real collector parses every API response. */
const ZPage = z.object({
  items: z.array(z.object({ id: z.string(), login: z.string(), mfaEnabled: z.boolean() })),
  next: z.string().nullable(),
});

interface TProviderStats {
  served: number;
  limited: number;
}

/** The fake provider; a new one (with a full bucket) for each collector, so both start alike. */
async function startProvider() {
  const stats: TProviderStats = { served: 0, limited: 0 };
  let tokens = options.burst;
  let refilledAt = performance.now();
  const server = createServer(async (request, response) => {
    const now = performance.now();
    tokens = Math.min(options.burst, tokens + ((now - refilledAt) * options.rate) / 1000);
    refilledAt = now;
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    const remaining = Math.floor(tokens);
    await delay(options.latencyMs);
    const headers = {
      'content-type': 'application/json',
      'x-ratelimit-limit': String(options.rate),
      'x-ratelimit-remaining': String(remaining),
    };
    if (!allowed) {
      stats.limited += 1;
      // Retry-After is whole seconds (RFC 9110), so it overstates a wait shorter than a second.
      const seconds = Math.ceil((1 - tokens) / options.rate);
      response.writeHead(429, { ...headers, 'retry-after': String(seconds) });
      response.end(JSON.stringify({ message: 'API rate limit exceeded' }));
      return;
    }
    stats.served += 1;
    const page = Number(new URL(request.url ?? '/', 'http://provider').searchParams.get('cursor') ?? '0');
    const items = Array.from({ length: options.pageSize }, (_, i) => {
      const n = page * options.pageSize + i;
      return { id: String(1_000_000 + n), login: `user-${n}`, mfaEnabled: n % 7 !== 0 };
    });
    const next = page + 1 < options.pages ? String(page + 1) : null;
    response.writeHead(200, headers);
    response.end(JSON.stringify({ items, next }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(at - now, 0);
}

type TStrategy = 'retry-after' | 'paced';

/**
 * Pages through the provider, waiting out every 429 for its Retry-After. `paced` also reads the
 * x-ratelimit-* headers: it spends the burst the provider has left, then spaces calls at the advertised
 * rate, so it should never be refused.
 */
async function collect(baseUrl: string, strategy: TStrategy) {
  let cursor: string | null = '0';
  let items = 0;
  let waitedMs = 0;
  let intervalMs = 0;
  let remaining = Number.POSITIVE_INFINITY;
  let sentAt = 0;
  let refusedInARow = 0;
  while (cursor !== null) {
    if (strategy === 'paced' && remaining < 1) {
      const wait = sentAt + intervalMs - performance.now();
      if (wait > 0) await delay(wait);
    }
    sentAt = performance.now();
    const response = await fetch(`${baseUrl}/members?cursor=${encodeURIComponent(cursor)}`);
    const limit = Number(response.headers.get('x-ratelimit-limit'));
    // 2% slack for timer and clock granularity: one early call costs a whole Retry-After second.
    if (limit > 0) intervalMs = (1000 / limit) * 1.02;
    remaining = Number(response.headers.get('x-ratelimit-remaining') ?? Number.POSITIVE_INFINITY);
    if (response.status === 429) {
      await response.arrayBuffer();
      const wait = retryAfterMs(response.headers.get('retry-after'), Date.now());
      if (wait === undefined || ++refusedInARow > 5)
        throw new Error(`the provider kept refusing (${refusedInARow} times in a row)`);
      waitedMs += wait;
      await delay(wait);
      remaining = Number.POSITIVE_INFINITY;
      continue;
    }
    if (!response.ok) throw new Error(`the provider answered ${response.status}`);
    refusedInARow = 0;
    const page = ZPage.parse(await response.json());
    items += page.items.length;
    cursor = page.next;
  }
  return { items, waitedMs };
}

console.log(
  `collector benchmark: ${options.pages} pages of ${options.pageSize}, ${options.latencyMs} ms per call, ` +
    `${options.rate} calls/s with bursts of ${options.burst}; bound = calls / rate`,
);
for (const strategy of ['retry-after', 'paced'] as const) {
  const provider = await startProvider();
  const start = performance.now();
  const { items, waitedMs } = await collect(provider.url, strategy);
  const elapsed = performance.now() - start;
  await provider.close();
  const calls = provider.stats.served;
  const boundMs = (calls / options.rate) * 1000;
  // A full bucket lets the first `burst` calls through at once: the tightest bound for this limiter.
  const bucketBoundMs = (Math.max(calls - options.burst, 0) / options.rate) * 1000;
  const ratio = elapsed / boundMs;
  console.log(
    `  ${strategy.padEnd(11)} ${items} items, ${calls} calls + ${provider.stats.limited} refused (429), ` +
      `waited ${(waitedMs / 1000).toFixed(1)} s: ${(elapsed / 1000).toFixed(2)} s; ` +
      `${ratio.toFixed(2)}x the bound of ${(boundMs / 1000).toFixed(1)} s ` +
      `(${(elapsed / bucketBoundMs).toFixed(2)}x the token-bucket bound of ${(bucketBoundMs / 1000).toFixed(1)} s)` +
      `  ${ratio <= TARGET ? 'ok' : 'MISS'} (target <= ${TARGET}x)`,
  );
}
