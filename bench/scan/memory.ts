import { PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

// Peak resident memory of a phase. The phases under test are synchronous (evaluateInventory, JSON.parse),
// so a timer on the main thread would never fire during them; a worker thread samples the process's RSS
// every few milliseconds into shared memory instead, and the main thread reads and resets the peak.

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new BigInt64Array(workerData);
setInterval(() => {
  const rss = BigInt(process.memoryUsage.rss());
  if (rss > Atomics.load(peak, 0)) Atomics.store(peak, 0, rss);
}, 5);
`;

export interface TPeakSampler {
  /** Starts a new phase: the peak so far is forgotten. */
  reset(): void;
  /** The highest RSS seen since the last reset, in bytes (at least the current RSS). */
  peak(): number;
  stop(): Promise<void>;
}

export function startPeakSampler(): TPeakSampler {
  const shared = new SharedArrayBuffer(8);
  const peak = new BigInt64Array(shared);
  const worker = new Worker(SAMPLER, { eval: true, workerData: shared });
  worker.unref();
  return {
    reset: () => Atomics.store(peak, 0, BigInt(process.memoryUsage.rss())),
    peak: () => Math.max(Number(Atomics.load(peak, 0)), process.memoryUsage.rss()),
    stop: async () => void (await worker.terminate()),
  };
}

/** Collects garbage when node runs with --expose-gc, so one repetition's garbage is not billed to the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export interface TGcMeter {
  /** Runs fn, timing it and the garbage collection that happened during it (V8's gc performance entries). */
  measure<T>(fn: () => T): Promise<{ value: T; ms: number; gcMs: number }>;
  stop(): void;
}

/** GC entries arrive asynchronously, after the synchronous phase they belong to: let them land first. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

export function startGcMeter(): TGcMeter {
  let entries: Array<{ startTime: number; duration: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const { startTime, duration } of list.getEntries()) entries.push({ startTime, duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    async measure(fn) {
      await settle();
      entries = [];
      const start = performance.now();
      const value = fn();
      const end = performance.now();
      await settle();
      // Only the part of each collection inside the phase: a late entry of an earlier one does not count.
      const gcMs = entries.reduce(
        (sum, e) => sum + Math.max(0, Math.min(end, e.startTime + e.duration) - Math.max(start, e.startTime)),
        0,
      );
      return { value, ms: end - start, gcMs };
    },
    stop: () => observer.disconnect(),
  };
}
