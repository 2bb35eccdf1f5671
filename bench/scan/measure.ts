import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsBlobStore } from '../../src/adapters/blobs/fs-blob-store.ts';
import { checkResources } from '../../src/app/monitoring/scan.ts';
import { snapshotBytes } from '../../src/app/monitoring/store-snapshot.ts';
import { canonicalJson } from '../../src/domain/audit-chain.ts';
import {
  diffOutcomes,
  indexStates,
  judgeRun,
  type TPairState,
  type TTransition,
} from '../../src/domain/monitoring/diff.ts';
import { evaluateInventory, summarize, type TSummary } from '../../src/domain/monitoring/evaluate.ts';
import type { TOutcome, TResource } from '../../src/domain/monitoring/model.ts';
import { testLibrary } from '../../src/entry/monitoring.ts';
import { measureDbWrites, type TDbFigures } from './db-write.ts';
import { changeInventory, generateInventory, NOW, validateSample } from './generate.ts';
import {
  collectGarbage,
  startGcMeter,
  startPeakSampler,
  type TGcMeter,
  type TPeakSampler,
} from './memory.ts';

// One size of the scan benchmark, in two processes that run.ts starts: one generates the inventory into a
// JSON file, the other measures, so generation's garbage is not billed to the engine's memory. The
// measuring process first runs the engine once on a freshly parsed inventory (the memory figures), then
// repeats JSON.parse (the baseline) and evaluateInventory in turn, so both see the same machine noise.

export interface TSizeOptions {
  size: number;
  reps: number;
  seed: number;
  /** The fraction of resources the second run changes. */
  change: number;
  /** Also write both runs to an in-memory PGlite database. */
  database: boolean;
}

export interface TGenerated {
  size: number;
  /** Library types without a generator, and so without data in this inventory. */
  missing: string[];
  validated: number;
  generateMs: number;
  jsonBytes: number;
}

export interface TMeasured {
  types: number;
  tests: number;
  /** Types whose outcomes lack a pass or a fail: the inventory does not exercise both sides. */
  oneSided: string[];
  parseMs: number[];
  evaluateMs: number[];
  /** Garbage collection during each repetition above. */
  parseGcMs: number[];
  evaluateGcMs: number[];
  summary: TSummary;
  peakRss: { parse: number; beforeEvaluate: number; evaluate: number; secondRun: number; process: number };
  /** Live heap with the parsed inventory alone, then with the inventory and the outcomes. */
  heapInventory: number;
  heapAfterEvaluate: number;
  second: {
    changed: number;
    /** judgeRun: evaluation and diff in one pass, as a real run does it. */
    judgeMs: number;
    judgeGcMs: number;
    /** Peak RSS while judging, and the same run as the two separate steps below. */
    judgePeak: number;
    evaluateMs: number;
    diffMs: number;
    evaluateGcMs: number;
    diffGcMs: number;
    /** judgeRun and evaluateInventory + diffOutcomes gave the same transitions. */
    same: boolean;
    kinds: Record<'new' | 'changed' | 'gone', number>;
    /** Transitions of resources the change did not touch: must be 0. */
    unrelated: number;
    /** Changed resources whose flip changed no outcome. */
    silent: number;
    sample: Array<Record<string, unknown>>;
  };
  checkResourcesMs: number;
  snapshot: {
    bytes: number;
    /** Canonical JSON in pieces through SHA-256, then the same into a filesystem blob store. */
    hashMs: number;
    storeMs: number;
    /** The former way, one string of the whole snapshot (skipped at 1M: too close to V8's string limit). */
    wholeMs: number | null;
    /** The streamed SHA-256 equals that of the whole string. */
    identical: boolean | null;
  };
  db: TDbFigures | null;
}

export type TSizeResult = TGenerated & TMeasured;

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

export function writeInventory(size: number, seed: number, path: string): TGenerated {
  const library = testLibrary();
  const [generated, generateMs] = timed(() => {
    const inventory = generateInventory(library, size, seed);
    const validated = validateSample(library, inventory.resources);
    return { missing: inventory.missing, validated, bytes: Buffer.from(JSON.stringify(inventory.resources)) };
  });
  writeFileSync(path, generated.bytes);
  const { missing, validated } = generated;
  return { size, missing, validated, generateMs, jsonBytes: generated.bytes.length };
}

/**
 * The second run: the first run's state, 1% of the resources changed, judged in one pass as
 * app/monitoring/run-integration.ts does (its peak memory is the second run's), then again as evaluate and
 * diff, which must agree.
 */
async function secondRun(
  resources: TResource[],
  outcomes: TOutcome[],
  options: TSizeOptions,
  meter: TGcMeter,
  sampler: TPeakSampler,
) {
  const { tests } = testLibrary();
  // As the states come back from the database: one row per pair, indexed by test and resource.
  function* stored(): Generator<TPairState> {
    for (const { testId, resourceId, status, reason } of outcomes)
      yield { testId, resourceId, status, reason, since: NOW };
  }
  const previous = indexStates(stored());
  outcomes.length = 0;
  const next = changeInventory(resources, options.change, options.seed + 1);
  const changedIds = new Set(next.resources.filter((r, i) => r !== resources[i]).map((r) => r.id));
  collectGarbage();
  sampler.reset();
  const judged = await meter.measure(() => judgeRun(next.resources, tests, { now: NOW }, previous));
  const judgePeak = sampler.peak();
  const transitions = judged.value.transitions;
  collectGarbage();
  const evaluated = await meter.measure(() => evaluateInventory(next.resources, tests, { now: NOW }));
  const nextOutcomes = evaluated.value;
  const diffed = await meter.measure(() => diffOutcomes(previous, nextOutcomes));
  const same =
    diffed.value.length === transitions.length &&
    diffed.value.every((t, i) => {
      const u = transitions[i];
      if (u === undefined || t.kind !== u.kind) return false;
      if (t.kind === 'gone' || u.kind === 'gone')
        return (
          t.kind === 'gone' && u.kind === 'gone' && t.testId === u.testId && t.resourceId === u.resourceId
        );
      return t.outcome.testId === u.outcome.testId && t.outcome.resourceId === u.outcome.resourceId;
    });
  const kinds = { new: 0, changed: 0, gone: 0 };
  const touched = new Set<string>();
  let unrelated = 0;
  for (const t of transitions) {
    kinds[t.kind] += 1;
    const id = t.kind === 'gone' ? t.resourceId : t.outcome.resourceId;
    touched.add(id);
    if (!changedIds.has(id)) unrelated += 1;
  }
  const picks = [0, transitions.length >> 1, transitions.length - 1];
  const sample = [...new Set(picks.filter((i) => i >= 0))]
    .map((i) => transitions[i] as TTransition)
    .map((t) => ({
      test_id: t.kind === 'gone' ? t.testId : t.outcome.testId,
      resource_id: t.kind === 'gone' ? t.resourceId : t.outcome.resourceId,
      from_status: t.kind === 'new' ? null : t.from,
      to_status: t.kind === 'gone' ? null : t.outcome.status,
      reason: t.kind === 'gone' ? 'the resource is no longer there' : t.outcome.reason,
    }));
  const silent = [...changedIds].filter((id) => !touched.has(id)).length;
  const figures = {
    changed: next.changed,
    judgeMs: judged.ms,
    judgeGcMs: judged.gcMs,
    judgePeak,
    same,
    evaluateMs: evaluated.ms,
    diffMs: diffed.ms,
    evaluateGcMs: evaluated.gcMs,
    diffGcMs: diffed.gcMs,
    kinds,
    unrelated,
    silent,
    sample,
  };
  return { figures, nextOutcomes };
}

export async function measureSize(options: TSizeOptions, path: string): Promise<TMeasured> {
  const sampler = startPeakSampler();
  const meter = startGcMeter();
  const library = testLibrary();
  const { tests } = library;
  const read = () => readFileSync(path, 'utf8');

  // The engine once, on a parsed inventory in a process that holds nothing else: the memory figures.
  let text = read();
  sampler.reset();
  const firstParse = await meter.measure(() => JSON.parse(text) as TResource[]);
  const resources = firstParse.value;
  const peakParse = sampler.peak();
  text = '';
  collectGarbage();
  const heapInventory = process.memoryUsage().heapUsed;
  const rssBeforeEvaluate = process.memoryUsage.rss();
  sampler.reset();
  const firstEvaluate = await meter.measure(() => evaluateInventory(resources, tests, { now: NOW }));
  const outcomes = firstEvaluate.value;
  const peakEvaluate = sampler.peak();
  collectGarbage();
  const heapAfterEvaluate = process.memoryUsage().heapUsed;
  const summary = summarize(resources.length, outcomes);
  const sides = new Map<string, Set<string>>();
  for (const o of outcomes) sides.set(o.resourceType, (sides.get(o.resourceType) ?? new Set()).add(o.status));
  const oneSided = [...library.resourceTypes.keys()].filter(
    (type) => !sides.get(type)?.has('pass') || !sides.get(type)?.has('fail'),
  );
  sampler.reset();
  const second = await secondRun(resources, outcomes, options, meter, sampler);
  const peakSecond = sampler.peak();
  const db = options.database
    ? await measureDbWrites(evaluateInventory(resources, tests, { now: NOW }), second.nextOutcomes, NOW)
    : null;
  second.nextOutcomes.length = 0;

  // The repetitions, parse and evaluate in turn; the first run above counts as the first of each.
  // Only the times are kept: the repetitions' results are garbage as soon as they are measured.
  const only = ({ ms, gcMs }: { ms: number; gcMs: number }) => ({ ms, gcMs });
  const parses = [only(firstParse)];
  const evaluations = [only(firstEvaluate)];
  for (let rep = 1; rep < options.reps; rep++) {
    text = read();
    collectGarbage();
    parses.push(only(await meter.measure(() => JSON.parse(text) as TResource[])));
    text = '';
    collectGarbage();
    evaluations.push(only(await meter.measure(() => evaluateInventory(resources, tests, { now: NOW }))));
  }

  // What a real run also does around judging (app/monitoring/run-integration.ts): every collected
  // resource checked against its schema before, and the canonical snapshot hashed with SHA-256 after.
  collectGarbage();
  const [, checkResourcesMs] = timed(() => checkResources(library, resources, 'bench').length);
  const snapshot = await measureSnapshot(resources);
  await sampler.stop();
  meter.stop();
  return {
    types: library.resourceTypes.size,
    tests: tests.length,
    oneSided,
    parseMs: parses.map((p) => p.ms),
    evaluateMs: evaluations.map((e) => e.ms),
    parseGcMs: parses.map((p) => p.gcMs),
    evaluateGcMs: evaluations.map((e) => e.gcMs),
    summary,
    peakRss: {
      parse: peakParse,
      beforeEvaluate: rssBeforeEvaluate,
      evaluate: peakEvaluate,
      secondRun: peakSecond,
      process: process.resourceUsage().maxRSS * 1024,
    },
    heapInventory,
    heapAfterEvaluate,
    second: second.figures,
    checkResourcesMs,
    snapshot,
    db,
  };
}

/** The evidence snapshot, streamed as run-integration stores it; and, below 1M, the former single string. */
async function measureSnapshot(resources: TResource[]): Promise<TMeasured['snapshot']> {
  const snapshot = { integration: { id: 'bench', type: 'bench' }, collectedAt: NOW, resources };
  collectGarbage();
  const [streamed, hashMs] = timed(() => {
    const hash = createHash('sha256');
    let bytes = 0;
    for (const piece of snapshotBytes(snapshot)) {
      hash.update(piece);
      bytes += piece.byteLength;
    }
    return { sha256: hash.digest('hex'), bytes };
  });
  const root = mkdtempSync(join(tmpdir(), 'attestly-scan-blobs-'));
  try {
    collectGarbage();
    const start = performance.now();
    const stored = await createFsBlobStore(root).putStream(snapshotBytes(snapshot));
    const storeMs = performance.now() - start;
    if (stored.sha256 !== streamed.sha256) throw new Error('the stored snapshot hashes differently');
    if (resources.length >= 1_000_000)
      return { bytes: streamed.bytes, hashMs, storeMs, wholeMs: null, identical: null };
    collectGarbage();
    const [whole, wholeMs] = timed(() => createHash('sha256').update(canonicalJson(snapshot)).digest('hex'));
    return { bytes: streamed.bytes, hashMs, storeMs, wholeMs, identical: whole === streamed.sha256 };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
