import { hostname } from 'node:os';
import { runQueuedIntegration } from '../../../app/monitoring/run-queued-integration.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { loadConfig } from '../../config.ts';
import { loadRunsConfig, openRunQueue } from '../../run-queue.ts';
import { openApp } from '../../wire.ts';
import { parseCommand, stringFlag } from '../command.ts';
import type { CliIo } from '../io.ts';

export const WORKER_HELP = `attestly worker: take scheduled monitoring runs from the queue on PostgreSQL and run them

  --concurrency N    runs at a time in this process (default 2)
  --grace SECONDS    on SIGTERM or SIGINT, how long runs in progress may take to finish before they
                     are released to other workers (default 60)

Needs DATABASE_URL, and ATTESTLY_MASTER_KEY to open the integrations' credentials. With DATABASE_URL,
"attestly serve" queues every due integration's run (ATTESTLY_RUNS=queue, the default; ATTESTLY_RUNS=inline
runs them in the server instead). Start as many workers as the runs need, on machines that reach the
database and the monitored systems: each scheduled run is recorded once, however many workers share the
queue. A run that fails unexpectedly is retried 3 times, after ATTESTLY_RUN_RETRY_SECONDS (30) and then
about twice as long each time; a run still going after ATTESTLY_RUN_TIMEOUT_SECONDS (900), for example
because its worker died, is given to another worker. Give the server and its workers the same values.
A collection that fails (bad credentials, a missing permission) is a recorded, failed run, not retried:
the next scheduled run tries again.`;

function positiveInt(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new AttestlyError('INVALID_INPUT', `${flag} must be a whole number from 1 to ${max}`);
  return n;
}

/** Works the run queue until SIGTERM or SIGINT, then lets runs in progress finish and closes. */
export async function runWorker(args: string[], io: CliIo): Promise<void> {
  const { values } = parseCommand(args, { concurrency: { type: 'string' }, grace: { type: 'string' } });
  if (values.help) return io.out(WORKER_HELP);
  const concurrency = positiveInt(stringFlag(values.concurrency), '--concurrency', 2, 64);
  const grace = positiveInt(stringFlag(values.grace), '--grace', 60, 3600);
  const config = loadConfig(io.env, { dataDir: stringFlag(values['data-dir']) });
  if (config.database.kind !== 'postgres')
    throw new AttestlyError(
      'INVALID_INPUT',
      'attestly worker needs DATABASE_URL (a PostgreSQL server the workers share); on the embedded database "attestly serve" runs monitoring itself',
    );
  const runs = loadRunsConfig(io.env);
  const app = await openApp(config, {
    type: 'system',
    id: `worker:${hostname()}:${process.pid}`,
    requestId: null,
    sourceAddress: null,
  });
  let queue: Awaited<ReturnType<typeof openRunQueue>>;
  try {
    queue = await openRunQueue(runs, 'worker', (message) => io.err(`attestly: ${message}`));
  } catch (error) {
    await app.close();
    throw error;
  }

  let active = 0;
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await queue.work(
    async (request, signal) => {
      active += 1;
      try {
        const outcome = await runQueuedIntegration(app.deps, request, {
          progress: (message) => io.out(message),
          signal,
        });
        const name = outcome.integration?.name ?? `integration ${request.integrationId}`;
        if (outcome.status === 'skipped') io.out(`${name}: skipped: ${outcome.reason}`);
        else if (outcome.run.status === 'failed')
          io.out(`${name}: collection failed: ${outcome.run.error?.message}`);
        else
          io.out(
            `${name}: ${outcome.run.resources} resources, ${outcome.run.passed} passed, ${outcome.run.failed} failed, ${outcome.run.errors} errors; ${outcome.run.transitions} changes`,
          );
      } catch (error) {
        io.err(
          `attestly: the run of integration ${request.integrationId} failed and will be retried: ${(error as Error).message}`,
        );
        throw error;
      } finally {
        active -= 1;
      }
    },
    { concurrency },
  );
  io.out(`Attestly worker: taking monitoring runs from the queue, ${concurrency} at a time`);

  const signal = await stopped;
  io.out(`${signal}: finishing ${active} run${active === 1 ? '' : 's'} in progress, then stopping`);
  try {
    await queue.stop(grace);
  } finally {
    await app.close();
  }
  io.out('Attestly worker stopped');
}
