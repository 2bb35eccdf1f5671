import { z } from 'zod';
import { loadSample, SAMPLE_DATASETS, sampleResources } from '../../catalog/demo/demo-sample.ts';
import type { Collector } from '../monitoring/collector.ts';

export const SAMPLE_TYPE = 'sample';
export const ZSampleConfig = z.strictObject({ dataset: z.enum(SAMPLE_DATASETS) });

/**
 * The demo's integrations: a collector that replays a bundled sample (catalog/demo) instead of calling a
 * provider, so the demo's scheduled runs always succeed and never reach the network. `asOf` says which day
 * of the sample's history to replay; by default today's state, with its relative times resolved from now.
 */
export function createSampleCollector(
  now: () => Date,
  asOf: () => { anchor: Date; daysBefore: number } = () => ({ anchor: now(), daysBefore: 0 }),
): Collector<typeof ZSampleConfig> {
  return {
    type: SAMPLE_TYPE,
    title: 'Sample data (demo)',
    configSchema: ZSampleConfig,
    async collect(config, context) {
      const { anchor, daysBefore } = asOf();
      const resources = sampleResources(loadSample(config.dataset), anchor, daysBefore);
      context.progress(`replaying ${resources.length} sample resources`);
      return resources;
    },
  };
}
