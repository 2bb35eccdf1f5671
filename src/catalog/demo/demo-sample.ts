import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AttestlyError } from '../../domain/errors.ts';
import type { TResource } from '../../domain/monitoring/model.ts';

// The demo organization's monitoring data: sanitized samples of a directory and a code host, replayed by
// the `sample` integration instead of calling a provider. A sample is written relative to one day (the
// day the demo was seeded, or today): "@-40d" is a timestamp 40 days before it, "@-40d:date" that date. A
// resource with `from` appears that many days before, one with `until` is gone from that day on (a merged
// pull request past the collector's lookback); its `changes` say what it looked like until a day, so
// replaying it at several past days gives a history with transitions.

export const SAMPLE_DATASETS = ['okta-directory', 'github-organization'] as const;
export type TSampleDataset = (typeof SAMPLE_DATASETS)[number];

const ZSample = z.strictObject({
  integration: z.strictObject({ name: z.string(), provider: z.string() }),
  note: z.string(),
  resources: z.array(
    z.strictObject({
      type: z.string(),
      id: z.string(),
      name: z.string(),
      attributes: z.record(z.string(), z.unknown()),
      from: z.number().int().max(0).optional(),
      until: z.number().int().max(0).optional(),
      changes: z
        .array(
          z.strictObject({ until: z.number().int().max(0), attributes: z.record(z.string(), z.unknown()) }),
        )
        .optional(),
    }),
  ),
});
export type TSample = z.infer<typeof ZSample>;

const DAY_MS = 86_400_000;
const cache = new Map<TSampleDataset, TSample>();

export function loadSample(dataset: TSampleDataset): TSample {
  let sample = cache.get(dataset);
  if (!sample) {
    const raw = readFileSync(new URL(`./${dataset}.json`, import.meta.url), 'utf8');
    const parsed = ZSample.safeParse(JSON.parse(raw));
    if (!parsed.success)
      throw new AttestlyError(
        'INTERNAL',
        `sample ${dataset} is malformed: ${parsed.error.issues[0]?.message}`,
      );
    sample = parsed.data;
    cache.set(dataset, sample);
  }
  return sample;
}

function resolveTimes(value: unknown, anchor: Date): unknown {
  if (typeof value === 'string') {
    const match = /^@(-\d+)d(:date)?$/.exec(value);
    if (!match) return value;
    const at = new Date(anchor.getTime() + Number(match[1]) * DAY_MS);
    return match[2] ? at.toISOString().slice(0, 10) : at.toISOString();
  }
  if (Array.isArray(value)) return value.map((v) => resolveTimes(v, anchor));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveTimes(v, anchor)]));
  }
  return value;
}

/**
 * The sample's resources as they were `daysBefore` days before the anchor day (0: as they are), with its
 * relative times resolved against the anchor.
 */
export function sampleResources(sample: TSample, anchor: Date, daysBefore = 0): TResource[] {
  const day = -daysBefore;
  return sample.resources
    .filter((r) => (r.from === undefined || r.from <= day) && (r.until === undefined || day < r.until))
    .map((r) => {
      // The earliest change still in force wins: changes describe the past, oldest last.
      const change = (r.changes ?? []).filter((c) => day < c.until).sort((a, b) => a.until - b.until)[0];
      const attributes = { ...r.attributes, ...(change?.attributes ?? {}) };
      return {
        type: r.type,
        id: r.id,
        name: r.name,
        attributes: resolveTimes(attributes, anchor) as Record<string, unknown>,
      };
    });
}
