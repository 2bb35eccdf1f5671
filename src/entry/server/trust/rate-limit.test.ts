import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('the token bucket', () => {
  it('lets a burst through, then says how long to wait, and refills over time', () => {
    const limiter = createRateLimiter({ capacity: 3, perSecond: 0.5 });
    expect([0, 0, 0].map(() => limiter.take('a', 1_000))).toEqual([null, null, null]);
    expect(limiter.take('a', 1_000)).toBe(2);
    expect(limiter.take('b', 1_000)).toBeNull();
    expect(limiter.take('a', 2_000)).toBe(1);
    expect(limiter.take('a', 3_000)).toBeNull();
  });

  it('forgets the least recently used keys beyond its size', () => {
    const limiter = createRateLimiter({ capacity: 1, perSecond: 0.001 }, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0);
    expect(limiter.take('a', 0)).toBeNull();
    expect(limiter.take('c', 0)).not.toBeNull();
  });
});
