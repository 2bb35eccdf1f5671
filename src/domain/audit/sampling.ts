import { createHash } from 'node:crypto';
import { FREQUENCIES, type TFrequency } from '../catalog-types.ts';
import { AttestlyError } from '../errors.ts';

// Samples an auditor tests instead of the whole population. The size follows the control's frequency, as
// the usual auditor guidance has it; the draw is reproducible: anyone with the seed and the same population
// gets the same items, and the population's digest shows whether it was the same.

/** Sample sizes by how often the control operates, with the population sizes the range is spread over. */
export const SAMPLE_SIZE_GUIDE: Record<
  TFrequency,
  { min: number; max: number; populationAtMin: number; populationAtMax: number }
> = {
  annual: { min: 1, max: 1, populationAtMin: 1, populationAtMax: 1 },
  quarterly: { min: 2, max: 2, populationAtMin: 1, populationAtMax: 1 },
  monthly: { min: 2, max: 5, populationAtMin: 6, populationAtMax: 12 },
  weekly: { min: 5, max: 15, populationAtMin: 13, populationAtMax: 52 },
  daily: { min: 20, max: 40, populationAtMin: 90, populationAtMax: 365 },
  // Several times a day, or whenever the event happens (a change, a hire).
  continuous: { min: 25, max: 60, populationAtMin: 250, populationAtMax: 2500 },
  'per-event': { min: 25, max: 60, populationAtMin: 250, populationAtMax: 2500 },
};

export const MAX_SAMPLE_SIZE = 500;

/** An organization's own sizes per frequency, in place of the guide. */
export type TSamplingOverrides = Partial<Record<TFrequency, number>>;

/**
 * The default size: the guide's minimum for a population at or below populationAtMin, its maximum at or
 * above populationAtMax, in between in proportion (rounded up); never more than the population.
 */
export function defaultSampleSize(frequency: TFrequency, populationCount: number): number {
  const g = SAMPLE_SIZE_GUIDE[frequency];
  let size = g.min;
  if (populationCount >= g.populationAtMax) size = g.max;
  else if (populationCount > g.populationAtMin) {
    const share = (populationCount - g.populationAtMin) / (g.populationAtMax - g.populationAtMin);
    size = Math.ceil(g.min + share * (g.max - g.min));
  }
  return Math.min(size, populationCount);
}

/** The size to draw: the auditor's, else the organization's for the frequency, else the guide's. */
export function sampleSize(
  frequency: TFrequency,
  populationCount: number,
  options: { requested?: number | undefined; overrides?: TSamplingOverrides } = {},
): number {
  const chosen = options.requested ?? options.overrides?.[frequency];
  if (chosen === undefined) return defaultSampleSize(frequency, populationCount);
  if (!Number.isInteger(chosen) || chosen < 1 || chosen > MAX_SAMPLE_SIZE)
    throw new AttestlyError('INVALID_INPUT', `a sample size is a whole number from 1 to ${MAX_SAMPLE_SIZE}`, {
      field: 'size',
    });
  return Math.min(chosen, populationCount);
}

export function checkSamplingOverrides(overrides: Record<string, unknown>): TSamplingOverrides {
  const out: TSamplingOverrides = {};
  for (const [frequency, size] of Object.entries(overrides)) {
    if (!(FREQUENCIES as readonly string[]).includes(frequency))
      throw new AttestlyError('INVALID_INPUT', `unknown frequency "${frequency}"`, { field: frequency });
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_SAMPLE_SIZE)
      throw new AttestlyError('INVALID_INPUT', `${frequency}: a size from 1 to ${MAX_SAMPLE_SIZE}`, {
        field: frequency,
      });
    out[frequency as TFrequency] = size;
  }
  return out;
}

/** A seed is 128 bits or more, written as lower-case hex. */
export const SEED_PATTERN = /^[0-9a-f]{32,128}$/;

export function checkSeed(seed: string): string {
  if (!SEED_PATTERN.test(seed))
    throw new AttestlyError('INVALID_INPUT', 'a seed is 32 to 128 lower-case hex digits', { field: 'seed' });
  return seed;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The population's fingerprint: SHA-256 over its items sorted by external id, one line each with the id
 * and when it occurred. The same items give the same digest whatever order they were read in.
 */
export function populationDigest(items: ReadonlyArray<{ externalId: string; occurredAt: Date }>): string {
  const lines = items
    .map((i) => `${JSON.stringify(i.externalId)} ${i.occurredAt.toISOString()}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(lines.join('\n'));
}

/**
 * The sample: items ranked by SHA-256(seed + ':' + externalId), the first `size` taken, returned in
 * external-id order. Depends only on the seed and the set of ids, never on the order they were read in.
 */
export function drawSample(seed: string, externalIds: readonly string[], size: number): string[] {
  const ranked = [...new Set(externalIds)]
    .map((id) => ({ id, rank: sha256(`${seed}:${id}`) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1));
  return ranked
    .slice(0, Math.max(0, size))
    .map((r) => r.id)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
