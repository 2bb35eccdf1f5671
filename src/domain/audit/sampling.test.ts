import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/support/errors.ts';
import {
  checkSamplingOverrides,
  checkSeed,
  defaultSampleSize,
  drawSample,
  populationDigest,
  sampleSize,
} from './sampling.ts';

const SEED = '0123456789abcdef0123456789abcdef';
const ids = (n: number) => Array.from({ length: n }, (_, i) => `acme/api#${1000 + i}`);
const items = (list: string[]) =>
  list.map((externalId, i) => ({ externalId, occurredAt: new Date(Date.UTC(2026, 0, 1 + i)) }));

describe('drawing a sample', () => {
  it('draws the same items from the same seed and population, whatever order it was read in', () => {
    const population = ids(200);
    const first = drawSample(SEED, population, 25);
    expect(first).toHaveLength(25);
    expect(new Set(first).size).toBe(25);
    expect(first.every((id) => population.includes(id))).toBe(true);
    expect(drawSample(SEED, [...population].reverse(), 25)).toEqual(first);
    // Sorted by external id for reading; the draw itself is by rank.
    expect(first).toEqual([...first].sort());
  });

  it('draws different items from a different seed', () => {
    const population = ids(200);
    const other = drawSample('f'.repeat(32), population, 25);
    expect(other).not.toEqual(drawSample(SEED, population, 25));
  });

  it('keeps the items already drawn when the size grows (ranks do not move)', () => {
    const population = ids(100);
    const five = drawSample(SEED, population, 5);
    const ten = drawSample(SEED, population, 10);
    expect(five.every((id) => ten.includes(id))).toBe(true);
  });

  it('takes the whole population when it is smaller than the size, and nothing for size 0', () => {
    expect(drawSample(SEED, ids(3), 25)).toEqual(ids(3));
    expect(drawSample(SEED, ids(3), 0)).toEqual([]);
  });
});

describe('the population digest', () => {
  it('is the same for the same items in any order and changes when an item is added or moved', () => {
    const list = ids(20);
    const digest = populationDigest(items(list));
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(populationDigest([...items(list)].reverse())).toBe(digest);
    expect(populationDigest(items([...list, 'acme/api#9999']))).not.toBe(digest);
    const moved = items(list).map((i, n) => (n === 0 ? { ...i, occurredAt: new Date(0) } : i));
    expect(populationDigest(moved)).not.toBe(digest);
  });
});

describe('sample sizes', () => {
  it('follows the frequency: 1 a year, 2 a quarter, ranges spread over the population size', () => {
    expect(defaultSampleSize('annual', 1)).toBe(1);
    expect(defaultSampleSize('quarterly', 4)).toBe(2);
    expect(defaultSampleSize('monthly', 6)).toBe(2);
    expect(defaultSampleSize('monthly', 9)).toBe(4);
    expect(defaultSampleSize('monthly', 12)).toBe(5);
    expect(defaultSampleSize('weekly', 26)).toBe(9);
    expect(defaultSampleSize('weekly', 52)).toBe(15);
    expect(defaultSampleSize('daily', 180)).toBe(27);
    expect(defaultSampleSize('daily', 365)).toBe(40);
    expect(defaultSampleSize('per-event', 120)).toBe(25);
    expect(defaultSampleSize('per-event', 1000)).toBe(37);
    expect(defaultSampleSize('continuous', 10_000)).toBe(60);
    // Never more than there is.
    expect(defaultSampleSize('per-event', 7)).toBe(7);
    expect(defaultSampleSize('quarterly', 1)).toBe(1);
  });

  it('takes the auditor’s size first, then the organization’s for the frequency', () => {
    expect(sampleSize('per-event', 400, { overrides: { 'per-event': 40 } })).toBe(40);
    expect(sampleSize('per-event', 400, { requested: 12, overrides: { 'per-event': 40 } })).toBe(12);
    expect(sampleSize('monthly', 12, { overrides: { 'per-event': 40 } })).toBe(5);
    expect(sampleSize('per-event', 30, { requested: 100 })).toBe(30);
  });

  it('refuses sizes, overrides and seeds out of bounds', () => {
    expect(errorOf(() => sampleSize('daily', 10, { requested: 0 })).code).toBe('INVALID_INPUT');
    expect(() => checkSamplingOverrides({ hourly: 5 })).toThrow(/unknown frequency/);
    expect(() => checkSamplingOverrides({ daily: 501 })).toThrow(/from 1 to 500/);
    expect(checkSamplingOverrides({ daily: 30 })).toEqual({ daily: 30 });
    expect(() => checkSeed('xyz')).toThrow(/hex/);
    expect(checkSeed(SEED)).toBe(SEED);
  });
});
