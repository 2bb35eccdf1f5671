import { createHash } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import { z } from 'zod';
import type { RunQueue, RunWorkerQueue, TRunRequest } from '../../app/monitoring/run-queue.ts';
import { AttestlyError } from '../../domain/errors.ts';

// The run queue on PostgreSQL, by pg-boss (its tables live in their own schema, "pgboss"). pg-boss hands a
// job to one worker at a time (SKIP LOCKED) and retries it, with backoff, when a worker reports it failed or
// when it stays active past its expiry, which is how a run whose worker died finds another worker. The
// fetch loop is ours rather than pg-boss's work(), which waits a polling interval after every job.

export const RUN_QUEUE_NAME = 'attestly-integration-runs';
const POLL_MS = 1000;

const ZRunJob = z.strictObject({
  orgId: z.uuid(),
  integrationId: z.uuid(),
  scheduledFor: z.iso.datetime({ offset: true }),
});

export interface TPgBossRunQueueOptions {
  url: string;
  /** The scheduler only queues; a worker also supervises: it finds jobs whose time ran out. */
  role: 'scheduler' | 'worker';
  /** How long a run may stay taken before it is presumed lost and given to another worker. */
  timeoutSeconds: number;
  /** Delay before the first retry of a failed run; later retries wait about twice as long each. */
  retryDelaySeconds: number;
  retryLimit: number;
  warn: (message: string) => void;
}

/** The job id of a slot: the same (integration, scheduled time) always names the same job. */
export function runJobId(request: TRunRequest): string {
  const hex = createHash('sha256')
    .update(`${request.integrationId}@${request.scheduledFor.toISOString()}`)
    .digest('hex');
  // Shaped as a UUID (version 8, RFC 9562 variant), which is what pg-boss stores ids as.
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Workers look for expired runs a tenth of the timeout apart (1 to 60 seconds). */
export function superviseSeconds(timeoutSeconds: number): number {
  return Math.min(60, Math.max(1, Math.floor(timeoutSeconds / 10)));
}

/** Connects, installs or upgrades pg-boss's schema if needed, and makes sure the queue exists. */
export async function openPgBossRunQueue(
  options: TPgBossRunQueueOptions,
): Promise<RunQueue & RunWorkerQueue> {
  const interval = superviseSeconds(options.timeoutSeconds);
  const boss = new PgBoss({
    connectionString: options.url,
    application_name: `attestly-${options.role}`,
    max: 4,
    schedule: false,
    supervise: options.role === 'worker',
    superviseIntervalSeconds: interval,
    monitorIntervalSeconds: interval,
  });
  boss.on('error', (error) => options.warn(`run queue: ${error.message}`));
  boss.on('warning', (warning) => options.warn(`run queue: ${warning.message}`));
  try {
    await boss.start();
    await boss.createQueue(RUN_QUEUE_NAME);
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw new AttestlyError('DATABASE_UNAVAILABLE', `cannot open the run queue: ${(error as Error).message}`);
  }

  type TFetchedJob = { id: string; data: unknown; retryCount: number; expireInSeconds: number };
  const inFlight = new Map<string, { job: TFetchedJob; timeout: AbortController }>();
  // Jobs handed back by stop(): whatever their handler does afterwards, they are not settled here.
  const released = new Set<string>();
  let loop: Promise<void> | null = null;
  let stopping = false;
  // Wakes the fetch loop (and stop()) when a run finishes or the worker stops.
  const waiters = new Set<() => void>();
  const slotFreed = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const wait = (ms: number | null) =>
    new Promise<void>((resolve) => {
      const done = () => {
        waiters.delete(done);
        if (timer) clearTimeout(timer);
        resolve();
      };
      const timer = ms === null ? null : setTimeout(done, ms);
      waiters.add(done);
    });

  return {
    async enqueue(request) {
      const id = await boss.send(
        RUN_QUEUE_NAME,
        {
          orgId: request.orgId,
          integrationId: request.integrationId,
          scheduledFor: request.scheduledFor.toISOString(),
        },
        {
          id: runJobId(request),
          expireInSeconds: options.timeoutSeconds,
          retryLimit: options.retryLimit,
          retryDelay: options.retryDelaySeconds,
          retryBackoff: true,
          retryDelayMax: Math.max(options.retryDelaySeconds, 3600),
        },
      );
      return id !== null;
    },
    async work(handler, { concurrency }) {
      if (loop) throw new AttestlyError('CONFLICT', 'this queue is worked already');
      const run = async (job: TFetchedJob) => {
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), job.expireInSeconds * 1000);
        inFlight.set(job.id, { job, timeout });
        try {
          const parsed = ZRunJob.safeParse(job.data);
          if (!parsed.success)
            throw new AttestlyError('INVALID_INPUT', `run job ${job.id} is not a run request`);
          await handler(
            {
              orgId: parsed.data.orgId,
              integrationId: parsed.data.integrationId,
              scheduledFor: new Date(parsed.data.scheduledFor),
            },
            timeout.signal,
          );
          // Settles only this attempt: if the run outlived its timeout and was given to another
          // worker, that worker's attempt is left alone.
          if (!released.has(job.id)) await boss.complete(RUN_QUEUE_NAME, job);
        } catch (error) {
          if (released.has(job.id)) return;
          await boss
            .fail(RUN_QUEUE_NAME, job, { message: (error as Error).message })
            .catch((e: Error) => options.warn(`could not hand back run job ${job.id}: ${e.message}`));
        } finally {
          clearTimeout(timer);
          inFlight.delete(job.id);
          slotFreed();
        }
      };
      // One loop fetches as many jobs as there are free slots, and fetches again as soon as one frees
      // up; it polls every second only while the queue is empty.
      loop = (async () => {
        while (!stopping) {
          const free = concurrency - inFlight.size;
          if (free <= 0) {
            await wait(null);
            continue;
          }
          let jobs: TFetchedJob[] = [];
          try {
            jobs = await boss.fetch<unknown>(RUN_QUEUE_NAME, { batchSize: free });
          } catch (error) {
            options.warn(`could not fetch runs: ${(error as Error).message}`);
          }
          for (const job of jobs) void run(job);
          if (jobs.length === 0) await wait(POLL_MS);
        }
      })();
    },
    async stop(graceSeconds) {
      stopping = true;
      slotFreed();
      await loop;
      const deadline = Date.now() + graceSeconds * 1000;
      while (inFlight.size > 0 && Date.now() < deadline) await wait(Math.max(1, deadline - Date.now()));
      // Runs still going are handed back: another worker takes them after the retry delay.
      const left = [...inFlight.values()];
      for (const { job, timeout } of left) {
        released.add(job.id);
        timeout.abort();
      }
      if (left.length > 0)
        await boss
          .fail(
            RUN_QUEUE_NAME,
            left.map(({ job }) => job),
            { message: 'the worker stopped before the run finished' },
          )
          .catch((e: Error) => options.warn(`could not hand back runs: ${e.message}`));
      await boss.stop({ graceful: true, timeout: 5_000 });
    },
  };
}
