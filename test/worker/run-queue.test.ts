import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPgBossRunQueue, RUN_QUEUE_NAME, runJobId } from '../../src/adapters/jobs/pg-boss-run-queue.ts';
import type { TRunRequest } from '../../src/app/monitoring/run-queue.ts';
import { ENGINE, freshDatabase } from '../support/database.ts';

// The pg-boss adapter on its own, on a fresh database of the PostgreSQL server.

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const TITLE =
  ENGINE === 'postgres'
    ? 'the run queue on PostgreSQL'
    : 'the run queue (skipped: it lives on PostgreSQL; set DATABASE_URL)';

describe.skipIf(ENGINE !== 'postgres')(TITLE, () => {
  it('holds each slot once, and a stopping worker hands back a run that outlives its grace', async () => {
    const fresh = await freshDatabase();
    cleanups.push(() => fresh.drop());
    const warnings: string[] = [];
    const options = {
      url: fresh.url ?? '',
      timeoutSeconds: 60,
      retryDelaySeconds: 1,
      retryLimit: 3,
      warn: (m: string) => warnings.push(m),
    };
    const scheduler = await openPgBossRunQueue({ ...options, role: 'scheduler' });
    cleanups.push(() => scheduler.stop(0));
    const worker = await openPgBossRunQueue({ ...options, role: 'worker' });
    cleanups.push(() => worker.stop(0));

    const hangs: TRunRequest = {
      orgId: randomUUID(),
      integrationId: randomUUID(),
      scheduledFor: new Date('2026-06-15T09:00:00.000Z'),
    };
    const quick = { ...hangs, scheduledFor: new Date('2026-06-15T10:00:00.000Z') };
    expect(await scheduler.enqueue(hangs)).toBe(true);
    expect(await scheduler.enqueue({ ...hangs })).toBe(false);
    expect(await scheduler.enqueue(quick)).toBe(true);
    expect(runJobId(hangs)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(runJobId(hangs)).not.toBe(runJobId(quick));

    const seen: TRunRequest[] = [];
    let abortedOnStop = false;
    await worker.work(
      async (request, signal) => {
        seen.push(request);
        if (request.scheduledFor.getTime() === hangs.scheduledFor.getTime())
          await new Promise<void>((resolve) =>
            signal.addEventListener('abort', () => {
              abortedOnStop = true;
              resolve();
            }),
          );
      },
      { concurrency: 2 },
    );

    const db = new pg.Client({ connectionString: fresh.url ?? '' });
    await db.connect();
    cleanups.push(() => db.end());
    const states = async () =>
      (
        await db.query<{ id: string; state: string }>(
          'SELECT id::text, state FROM pgboss.job WHERE name = $1 ORDER BY id',
          [RUN_QUEUE_NAME],
        )
      ).rows;
    const stateOf = async (request: TRunRequest) =>
      (await states()).find((j) => j.id === runJobId(request))?.state;
    await until('both runs to start and the quick one to finish', async () => {
      return seen.length === 2 && (await stateOf(quick)) === 'completed';
    });
    expect(seen.map((r) => r.scheduledFor.toISOString()).sort()).toEqual([
      hangs.scheduledFor.toISOString(),
      quick.scheduledFor.toISOString(),
    ]);
    expect(seen[0]).toEqual(
      expect.objectContaining({ orgId: hangs.orgId, integrationId: hangs.integrationId }),
    );

    await worker.stop(1);
    expect(abortedOnStop).toBe(true);
    // Handed back: it waits for its retry, for another worker to take.
    expect(await stateOf(hangs)).toBe('retry');
    expect(await stateOf(quick)).toBe('completed');
    expect(warnings).toEqual([]);
  });
});
