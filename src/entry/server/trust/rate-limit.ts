// A token bucket per key (here: per client address and route group), in memory. Each bucket holds up to
// `capacity` requests and refills at `perSecond`; an empty bucket says how long until the next request may
// pass. Enough for one server process; several processes each keep their own buckets.

export interface TBucketRule {
  capacity: number;
  perSecond: number;
}

export interface RateLimiter {
  /** Takes one request from the key's bucket: null when it may pass, else the seconds to wait. */
  take(key: string, nowMs: number): number | null;
}

export function createRateLimiter(rule: TBucketRule, maxKeys = 10_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, nowMs) {
      const bucket = buckets.get(key) ?? { tokens: rule.capacity, at: nowMs };
      const elapsed = Math.max(0, nowMs - bucket.at) / 1000;
      bucket.tokens = Math.min(rule.capacity, bucket.tokens + elapsed * rule.perSecond);
      bucket.at = nowMs;
      // Re-inserting keeps the map in order of last use, so the oldest key is the first to go.
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return null;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / rule.perSecond));
    },
  };
}
