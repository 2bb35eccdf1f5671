import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  measureSize,
  median,
  type TGenerated,
  type TMeasured,
  type TSizeResult,
  writeInventory,
} from './measure.ts';
import { mib } from './memory.ts';

// The scan benchmark: node bench/scan/run.ts [--sizes 10000,100000,1000000] [--reps 3] [--cpu-prof]
// Each size runs in two child processes (with --expose-gc): one writes the inventory to a JSON file, the
// other measures it. Each prints its figures as one JSON line; this process prints them and checks them
// against the targets of the monitoring issue.

const MARK = '@@scan-result ';
const GIB = 1024 ** 3;
const TARGETS = { millionSeconds: 15, ratio: 2, peakBytes: 2 * GIB };

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    reps: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    change: { type: 'string', default: '0.01' },
    'db-size': { type: 'string', default: '100000' },
    'cpu-prof': { type: 'boolean', default: false },
    child: { type: 'string' },
    generate: { type: 'string' },
    json: { type: 'string' },
  },
  strict: true,
});

const int = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not ${value}`);
  return n;
};
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number) => (n >= 10_000 ? `${fmt(n / 1000, 1)} s` : `${fmt(n)} ms`);
const pct = (part: number, whole: number) => `${fmt((100 * part) / Math.max(whole, 1), 2)}%`;

/**
 * Repetitions at one size: at least --reps, and more for small inventories, whose runs last a few dozen
 * milliseconds and so swing with every other process on the machine. The first (cold) run is one of them.
 */
function repsFor(size: number): number {
  return Math.max(1, int('reps', values.reps), Math.min(15, Math.ceil(150_000 / Math.max(size, 1))));
}

/** Runs this file as a child process and returns the JSON line it prints, or why it printed none. */
function runChild<T>(mode: string[], profileDir?: string): Promise<T | string> {
  const flags = ['--expose-gc', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const args = [fileURLToPath(import.meta.url), ...mode];
  for (const name of ['reps', 'seed', 'change', 'db-size'] as const)
    args.push(`--${name}`, String(values[name]));
  const child = spawn(process.execPath, [...flags, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let result: T | undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith(MARK)) result = JSON.parse(line.slice(MARK.length)) as T;
    else console.log(line);
  });
  return new Promise((resolve) =>
    child.on('close', (code, signal) =>
      resolve(result ?? `${mode.join(' ')} ended with ${signal ?? `exit code ${code}`}`),
    ),
  );
}

async function runSize(
  size: number,
  dir: string,
  profileDir: string | undefined,
): Promise<TSizeResult | string> {
  const json = join(dir, `inventory-${size}.json`);
  try {
    const generated = await runChild<TGenerated>(['--generate', String(size), '--json', json]);
    if (typeof generated === 'string') return generated;
    const measured = await runChild<TMeasured>(['--child', String(size), '--json', json], profileDir);
    return typeof measured === 'string' ? measured : { ...generated, ...measured };
  } finally {
    rmSync(json, { force: true });
  }
}

function report(r: TSizeResult): void {
  const parse = median(r.parseMs);
  const evaluate = median(r.evaluateMs);
  const s = r.summary;
  const list = (xs: number[]) => xs.map((x) => fmt(x)).join(', ');
  console.log(
    `\n== ${fmt(r.size)} resources: ${r.types} resource types, ${r.tests} tests, ${fmt(s.outcomes)} outcomes`,
  );
  console.log(
    `  outcomes            pass ${pct(s.pass, s.outcomes)}, fail ${pct(s.fail, s.outcomes)}, not applicable ${pct(s.not_applicable, s.outcomes)}, error ${pct(s.error, s.outcomes)}`,
  );
  if (r.missing.length > 0) console.log(`  NOT GENERATED       no generator for ${r.missing.join(', ')}`);
  if (r.oneSided.length > 0)
    console.log(`  ONE-SIDED           no pass or no fail for ${r.oneSided.join(', ')}`);
  console.log(
    `  inventory           ${mib(r.jsonBytes)} of JSON, generated in ${ms(r.generateMs)}; ${fmt(r.validated)} resources checked against their schemas`,
  );
  const gcShare = (gc: number[], total: number[]) =>
    pct(
      gc.reduce((a, b) => a + b, 0),
      total.reduce((a, b) => a + b, 0),
    );
  console.log(
    `  JSON.parse          ${ms(parse)} (median of ${list(r.parseMs)} ms; GC pauses ${gcShare(r.parseGcMs, r.parseMs)})  <- baseline`,
  );
  console.log(
    `  evaluateInventory   ${ms(evaluate)} (median of ${list(r.evaluateMs)} ms; GC pauses ${gcShare(r.evaluateGcMs, r.evaluateMs)})`,
  );
  console.log(
    `  throughput          ${fmt((r.size / evaluate) * 1000)} resources/s, ${fmt((s.outcomes / evaluate) * 1000)} outcomes/s`,
  );
  // Parse and evaluate ran in turn, so each pair saw the same moment of a busy machine.
  const paired = r.evaluateMs.map((e, i) => fmt(e / (r.parseMs[i] ?? Number.NaN), 2));
  console.log(
    `  evaluation / parse  ${fmt(evaluate / parse, 2)}x (of the medians; per repetition ${paired.join(', ')})`,
  );
  console.log(
    `  peak RSS            parse ${mib(r.peakRss.parse)}, evaluate ${mib(r.peakRss.evaluate)} (from ${mib(r.peakRss.beforeEvaluate)}), second run ${mib(r.second.judgePeak)} (judgeRun; ${mib(r.peakRss.secondRun)} with the separate steps too); live heap: inventory ${mib(r.heapInventory)}, with outcomes ${mib(r.heapAfterEvaluate)}; whole child ${mib(r.peakRss.process)}`,
  );
  const k = r.second.kinds;
  const rows = k.new + k.changed + k.gone;
  console.log(
    `  second run          ${fmt(r.second.changed)} resources changed (${pct(r.second.changed, r.size)}): judgeRun (evaluate and diff in one pass, as a run does) ${ms(r.second.judgeMs)} (GC pauses ${pct(r.second.judgeGcMs, r.second.judgeMs)})`,
  );
  console.log(
    `  the same in steps   evaluate ${ms(r.second.evaluateMs)} (GC pauses ${pct(r.second.evaluateGcMs, r.second.evaluateMs)}), diffOutcomes ${ms(r.second.diffMs)} (GC pauses ${pct(r.second.diffGcMs, r.second.diffMs)}); ${r.second.same ? 'same transitions as judgeRun' : 'DIFFERENT transitions from judgeRun'}`,
  );
  console.log(
    `  rows to write       ${fmt(rows)} transitions (new ${fmt(k.new)}, changed ${fmt(k.changed)}, gone ${fmt(k.gone)}) = ${pct(rows, s.outcomes)} of outcomes, ${fmt(rows / Math.max(r.second.changed, 1), 2)} per changed resource; ${fmt(k.new + k.changed)} test_states upserts, ${fmt(k.gone)} deletes`,
  );
  console.log(
    `  proportionality     ${fmt(r.second.unrelated)} transitions of unchanged resources, ${fmt(r.second.silent)} changed resources without a transition`,
  );
  for (const row of r.second.sample) console.log(`    row ${JSON.stringify(row)}`);
  console.log(
    `  also in a real run  (one pass each, not in the ratio; see app/monitoring/run-integration.ts)`,
  );
  console.log(`    checkResources    ${ms(r.checkResourcesMs)} (zod over every resource)`);
  const snap = r.snapshot;
  console.log(
    `    snapshot          ${mib(snap.bytes)} of canonical JSON, streamed: SHA-256 in ${ms(snap.hashMs)}, into a filesystem blob store in ${ms(snap.storeMs)}${snap.wholeMs === null ? '' : `; as one string (before): ${ms(snap.wholeMs)}, ${snap.identical ? 'same hash' : 'DIFFERENT hash'}`}`,
  );
  if (r.db) {
    const d = r.db;
    console.log(
      `  PGlite (in memory)  first run: ${fmt(d.firstRunRows)} states + transitions in ${ms(d.firstRunMs)} (${fmt((d.firstRunRows / d.firstRunMs) * 1000)} pairs/s); states read back in ${ms(d.readStatesMs)}; ${pct(r.second.changed, r.size)}-changed run: ${fmt(d.changedRunRows)} transitions in ${ms(d.changedRunMs)}; ${fmt(d.storedTransitions)} transition rows stored`,
    );
  }
}

function verdict(ok: boolean, detail: string): string {
  return `${ok ? 'ok  ' : 'MISS'} ${detail}`;
}

/** The children's side: generate one size's inventory, or measure it; one JSON line for the parent. */
async function child(): Promise<void> {
  const size = int('size', values.child ?? values.generate);
  const json = values.json ?? '';
  const result =
    values.generate !== undefined
      ? writeInventory(size, int('seed', values.seed), json)
      : await measureSize(
          {
            size,
            reps: repsFor(size),
            seed: int('seed', values.seed),
            change: Number(values.change),
            database: size === int('db-size', values['db-size']),
          },
          json,
        );
  console.log(`${MARK}${JSON.stringify(result)}`);
}

async function parent(): Promise<void> {
  const sizes = (values.sizes ?? '').split(',').map((size) => int('sizes', size.trim()));
  const profileDir = values['cpu-prof'] ? mkdtempSync(join(tmpdir(), 'attestly-scan-prof-')) : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'attestly-scan-'));
  console.log(
    `scan benchmark: sizes ${sizes.map((n) => fmt(n)).join(', ')}; median of ${sizes.map(repsFor).join(', ')} runs; seed ${values.seed}; node ${process.version}`,
  );
  // The ratios are meant to survive a busy machine, the absolute times are not: say how busy it was.
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
  const results: TSizeResult[] = [];
  let failed = false;
  for (const size of sizes) {
    const result = await runSize(size, dir, profileDir);
    if (typeof result === 'string') {
      console.log(`\n== ${fmt(size)} resources: FAILED, ${result}`);
      failed = true;
      continue;
    }
    report(result);
    results.push(result);
    if (result.missing.length > 0) failed = true;
  }

  console.log('\ntargets (monitoring issue, 2-core machine):');
  for (const r of results) {
    const evaluate = median(r.evaluateMs);
    const ratio = evaluate / median(r.parseMs);
    const line = [
      verdict(ratio <= TARGETS.ratio, `evaluation/parse ${fmt(ratio, 2)}x (<= ${TARGETS.ratio}x)`),
      verdict(
        r.peakRss.evaluate < TARGETS.peakBytes,
        `peak RSS while evaluating ${mib(r.peakRss.evaluate)} (< 2048 MiB)`,
      ),
      verdict(
        r.second.judgePeak < TARGETS.peakBytes && r.second.same && r.second.unrelated === 0,
        `second run ${mib(r.second.judgePeak)}, ${fmt(r.second.unrelated)} unrelated rows`,
      ),
    ];
    if (r.size >= 1_000_000) {
      const seconds = ((evaluate / r.size) * 1_000_000) / 1000;
      line.unshift(
        verdict(seconds < TARGETS.millionSeconds, `1M evaluated in ${fmt(seconds, 1)} s (< 15 s)`),
      );
    }
    console.log(`  ${fmt(r.size).padStart(9)}: ${line.join(' | ')}`);
  }
  rmSync(dir, { recursive: true, force: true });
  if (profileDir) console.log(`\nCPU profiles (one per size) in ${profileDir}`);
  if (failed) process.exitCode = 1;
}

if (values.child !== undefined || values.generate !== undefined) await child();
else await parent();
