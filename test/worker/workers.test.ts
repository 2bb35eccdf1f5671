import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { RUN_QUEUE_NAME } from '../../src/adapters/jobs/pg-boss-run-queue.ts';
import { addIntegration } from '../../src/app/monitoring/add-integration.ts';
import { enqueueDueIntegrations } from '../../src/app/monitoring/enqueue-due-integrations.ts';
import { scopeOf } from '../../src/app/ports.ts';
import { initProgram } from '../../src/app/program/init-program.ts';
import { runCli } from '../../src/entry/cli/main.ts';
import { loadConfig } from '../../src/entry/config.ts';
import { loadRunsConfig, openRunQueue } from '../../src/entry/run-queue.ts';
import { openApp, type TApp } from '../../src/entry/wire.ts';
import { cliWorkspace } from '../support/cli.ts';
import { ENGINE } from '../support/database.ts';

// Scale-out monitoring: real `attestly worker` processes share the pg-boss queue on the PostgreSQL server
// of DATABASE_URL. Every queued run collects from that same server with the real postgres collector.

const ROOT = join(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const RUN_TS = join(ROOT, 'src/entry/cli/run.ts');
const RUNS = 200;

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Waits until check() holds, polling; fails with what it was waiting for. */
async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startWorker(env: NodeJS.ProcessEnv) {
  const child: ChildProcessWithoutNullStreams = spawn(
    NODE,
    [RUN_TS, 'worker', '--concurrency', '2', '--grace', '5'],
    {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const worker = { child, stdout: '', stderr: '', exit: null as Promise<number | null> | null };
  child.stdout.on('data', (d) => (worker.stdout += d));
  child.stderr.on('data', (d) => (worker.stderr += d));
  worker.exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await worker.exit;
  });
  return worker;
}

/** Run lines ("db-7: 12 resources, …") a worker printed, by integration name. */
function ranBy(stdout: string): string[] {
  return [...stdout.matchAll(/^(\S+): \d+ resources, /gm)].map((m) => m[1] ?? '');
}

/**
 * A TCP proxy to the PostgreSQL server that first holds every connection open without answering (the
 * worker that opened it hangs), then, once told, forwards new connections.
 */
async function stallingProxy(target: { host: string; port: number }) {
  const held: Socket[] = [];
  let forward = false;
  const server: Server = createServer((socket) => {
    if (!forward) {
      held.push(socket);
      socket.on('error', () => undefined);
      return;
    }
    const upstream = tcpConnect(target.port, target.host);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  cleanups.push(
    () =>
      new Promise((resolve) => {
        for (const s of held) s.destroy();
        server.close(resolve);
      }),
  );
  return {
    port,
    held: () => held.length,
    startForwarding() {
      forward = true;
      for (const s of held.splice(0)) s.destroy();
    },
  };
}

describe('attestly worker on the embedded database', () => {
  it('refuses to start, and says why', async () => {
    const err: string[] = [];
    const code = await runCli(['worker'], {
      out: () => undefined,
      err: (line) => err.push(line),
      env: { ATTESTLY_DATA_DIR: mkdtempSync(join(tmpdir(), 'attestly-worker-')) },
      interactive: false,
      ask: async () => '',
      readSecret: async () => '',
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/^attestly: error: attestly worker needs DATABASE_URL/);
    expect(() => loadRunsConfig({ ATTESTLY_RUNS: 'queue' })).toThrow(
      /ATTESTLY_RUNS=queue needs DATABASE_URL/,
    );
    expect(loadRunsConfig({}).mode).toBe('inline');
    expect(loadRunsConfig({ DATABASE_URL: 'postgres://x@db/attestly' }).mode).toBe('queue');
  });
});

const SHARED_QUEUE =
  ENGINE === 'postgres'
    ? 'two attestly workers sharing the run queue on PostgreSQL'
    : 'two attestly workers sharing the run queue (skipped: the queue lives on PostgreSQL; set DATABASE_URL)';

describe.skipIf(ENGINE !== 'postgres')(SHARED_QUEUE, () => {
  it(`run ${RUNS} queued runs exactly once between them, and a killed worker's run is retried by the other`, {
    timeout: 90_000,
  }, async () => {
    const ws = await cliWorkspace();
    cleanups.push(() => ws.drop());
    // Workers look for expired runs every second (a tenth of the timeout, at least 1 s).
    const env = { ...ws.env, ATTESTLY_RUN_TIMEOUT_SECONDS: '4', ATTESTLY_RUN_RETRY_SECONDS: '1' };
    const app: TApp = await openApp(loadConfig(env));
    cleanups.push(() => app.close());
    // The workers start while the organization and its integrations are set up.
    const a = startWorker(env);
    const b = startWorker(env);
    const { org } = await initProgram(app.deps, {
      name: 'Acme',
      reportType: 'type1',
      asOf: '2026-12-31',
      categories: [],
      componentKinds: ['software'],
      components: [],
    });
    const scope = scopeOf(org);
    const target = new URL(process.env.DATABASE_URL ?? '');
    for (let i = 1; i <= RUNS; i += 1)
      await addIntegration(app.deps, scope, {
        type: 'postgres',
        name: `db-${i}`,
        config: { url: target.toString() },
      });

    const runs = loadRunsConfig(env);
    const warnings: string[] = [];
    // The bulk runs get a generous timeout, so that a slow machine does not turn them into retries.
    const queue = await openRunQueue({ ...runs, timeoutSeconds: 120 }, 'scheduler', (m) => warnings.push(m));
    cleanups.push(() => queue.stop(0));

    await until(
      'both workers to start',
      () => a.stdout.includes('taking monitoring runs') && b.stdout.includes('taking monitoring runs'),
      30_000,
    );

    let queued = 0;
    for (let tick = 0; queued < RUNS && tick < 10; tick += 1)
      queued += (await enqueueDueIntegrations(app.deps, queue, 100)).length;
    expect(queued).toBe(RUNS);
    expect(await enqueueDueIntegrations(app.deps, queue)).toEqual([]);

    const db = new pg.Client({ connectionString: ws.env.DATABASE_URL });
    await db.connect();
    cleanups.push(() => db.end());
    const runCounts = async () =>
      (
        await db.query<{ name: string; runs: number; succeeded: number }>(
          `SELECT i.name, count(r.id)::int AS runs, count(r.id) FILTER (WHERE r.status = 'succeeded')::int AS succeeded
           FROM integrations i LEFT JOIN monitor_runs r ON r.integration_id = i.id GROUP BY i.name`,
        )
      ).rows;
    const recorded = async () => (await runCounts()).reduce((sum, row) => sum + row.runs, 0);
    await until(`${RUNS} recorded runs`, async () => (await recorded()) >= RUNS || undefined, 60_000);
    // Settle: a duplicate delivery, if there were one, would have time to show.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const rows = await runCounts();
    expect(rows).toHaveLength(RUNS);
    expect(rows.filter((r) => r.runs !== 1 || r.succeeded !== 1)).toEqual([]);
    const byA = ranBy(a.stdout);
    const byB = ranBy(b.stdout);
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    expect(byA.length + byB.length).toBe(RUNS);
    expect(new Set([...byA, ...byB]).size).toBe(RUNS);
    const jobs = await db.query<{ state: string; jobs: number }>(
      `SELECT state, count(*)::int AS jobs FROM pgboss.job WHERE name = $1 GROUP BY state`,
      [RUN_QUEUE_NAME],
    );
    expect(jobs.rows).toEqual([{ state: 'completed', jobs: RUNS }]);

    // A run that hangs in one worker, whose process is then killed: the job expires after 4 s and the
    // other worker runs it.
    const proxy = await stallingProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const stalledUrl = new URL(target);
    stalledUrl.port = String(proxy.port);
    await addIntegration(app.deps, scope, {
      type: 'postgres',
      name: 'stalled',
      config: { url: stalledUrl.toString() },
    });
    const short = await openRunQueue(runs, 'scheduler', (m) => warnings.push(m));
    cleanups.push(() => short.stop(0));
    expect(await enqueueDueIntegrations(app.deps, short)).toHaveLength(1);

    await until(
      'a worker to connect through the stalling proxy',
      () => proxy.held() > 0 || undefined,
      20_000,
    );
    const [hung, other] = await until(
      'the hung worker to name the run',
      () =>
        a.stdout.includes('stalled: running')
          ? [a, b]
          : b.stdout.includes('stalled: running')
            ? [b, a]
            : undefined,
      10_000,
    );
    hung.child.kill('SIGKILL');
    expect(await hung.exit).toBeNull();
    const killedAt = Date.now();
    proxy.startForwarding();

    await until(
      'the other worker to run it',
      () => ranBy(other.stdout).includes('stalled') || undefined,
      45_000,
    );
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(2_000);
    expect(ranBy(hung.stdout)).not.toContain('stalled');
    const stalled = (await runCounts()).find((r) => r.name === 'stalled');
    expect(stalled).toEqual({ name: 'stalled', runs: 1, succeeded: 1 });
    const job = await db.query<{ state: string; retry_count: number }>(
      `SELECT state, retry_count FROM pgboss.job WHERE name = $1 AND data->>'integrationId' =
         (SELECT id::text FROM integrations WHERE name = 'stalled')`,
      [RUN_QUEUE_NAME],
    );
    expect(job.rows).toEqual([{ state: 'completed', retry_count: 1 }]);

    // The survivor stops cleanly on SIGTERM.
    other.child.kill('SIGTERM');
    expect(await other.exit).toBe(0);
    expect(other.stdout).toMatch(
      /SIGTERM: finishing 0 runs in progress, then stopping\nAttestly worker stopped\n$/,
    );
    expect(warnings).toEqual([]);
  });
});
