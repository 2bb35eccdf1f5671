import { describe, expect, it } from 'vitest';
import { evaluateInventory } from '../../domain/monitoring/evaluate.ts';
import { loadCatalog } from '../load-catalog.ts';
import { loadTestLibrary } from '../monitoring/library.ts';
import { loadSample, SAMPLE_DATASETS, sampleResources } from './demo-sample.ts';

const library = loadTestLibrary(new Set(loadCatalog().controls.map((c) => c.id)));
const TODAY = new Date('2026-06-15T12:00:00Z');

describe('the demo samples', () => {
  it.each(SAMPLE_DATASETS)('%s matches its resource types at every point of its history', (dataset) => {
    const sample = loadSample(dataset);
    for (const daysBefore of [0, 20, 40, 70]) {
      for (const resource of sampleResources(sample, TODAY, daysBefore)) {
        const type = library.resourceTypes.get(resource.type);
        expect(type, resource.type).toBeDefined();
        const parsed = type?.schema.safeParse(resource.attributes);
        expect(parsed?.success, `${dataset} ${resource.id} ${daysBefore} days before`).toBe(true);
      }
    }
  });

  it('resolves relative times against the anchor day', () => {
    const [pat] = sampleResources(loadSample('okta-directory'), TODAY).filter((r) => r.id === '00u7pat');
    expect(pat?.attributes.lastLogin).toBe('2026-02-05T12:00:00.000Z');
    const [chris] = sampleResources(loadSample('okta-directory'), TODAY).filter((r) => r.id === '00u6chris');
    expect(chris?.attributes.terminationDate).toBe('2026-06-03');
  });

  it('replays the past: resources appear on their day and earlier attributes apply until a change', () => {
    const sample = loadSample('okta-directory');
    const at = (days: number) => new Map(sampleResources(sample, TODAY, days).map((r) => [r.id, r]));
    expect(at(0).has('00u9riley')).toBe(true);
    expect(at(51).has('00u9riley')).toBe(false);
    expect(at(0).get('00u4jordan')?.attributes.factors).toHaveLength(1);
    expect(at(19).get('00u4jordan')?.attributes.factors).toHaveLength(1);
    expect(at(20).get('00u4jordan')?.attributes.factors).toEqual([]);
  });

  it('gives the demo both passing and failing tests today, and different verdicts weeks ago', () => {
    const verdicts = (daysBefore: number) => {
      const at = new Date(TODAY.getTime() - daysBefore * 86_400_000);
      const resources = SAMPLE_DATASETS.flatMap((d) => sampleResources(loadSample(d), TODAY, daysBefore));
      return evaluateInventory(resources, library.tests, { now: at });
    };
    const today = verdicts(0);
    expect(today.some((o) => o.status === 'pass')).toBe(true);
    expect(today.some((o) => o.status === 'fail')).toBe(true);
    const failing = (outcomes: typeof today) =>
      new Set(outcomes.filter((o) => o.status === 'fail').map((o) => `${o.testId} ${o.resourceId}`));
    expect(failing(verdicts(0))).not.toEqual(failing(verdicts(60)));
  });
});
