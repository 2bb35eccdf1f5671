import type { z } from 'zod';
import type { TResourceType } from '../../../src/domain/monitoring/model.ts';

// The toolkit of the generators: a seeded PRNG, the generator shape typed by a resource type's schema,
// and small value helpers shared by the families.

/** The "now" of every benchmark evaluation; generated dates are placed around it. */
export const NOW = new Date('2026-03-01T00:00:00.000Z');
export const DAY_MS = 86_400_000;

export interface TRng {
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small, fast and good enough to spread settings; never Math.random. */
export function seededRng(seed: number): TRng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  };
}

export type TAttrs = Record<string, unknown>;

export interface TGenerator {
  /** Share of the inventory relative to the other types (members and alerts outnumber organizations). */
  weight: number;
  make(rng: TRng, i: number): { id: string; name: string; attributes: TAttrs };
  /** The same resource with one judged setting turned from passing to failing or back. */
  flip(attributes: TAttrs): TAttrs;
}

export function generator<S extends z.ZodType>(
  type: TResourceType<S>,
  weight: number,
  make: (rng: TRng, i: number) => { id: string; name: string; attributes: z.infer<S> },
  flip: (attributes: z.infer<S>) => z.infer<S>,
): [string, TGenerator] {
  return [
    type.type,
    { weight, make: make as TGenerator['make'], flip: flip as unknown as TGenerator['flip'] },
  ];
}

export const iso = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY_MS).toISOString();
export const hex = (rng: TRng, n: number) =>
  Array.from({ length: n }, () => rng.int(16).toString(16)).join('');
export const nullable = <T>(rng: TRng, p: number, value: T): T | null => (rng.chance(p) ? null : value);
