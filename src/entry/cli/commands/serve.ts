import { createSetupToken } from '../../../app/auth/setup.ts';
import { createDemoSignInToken } from '../../../app/demo/demo-sign-in.ts';
import { DEMO_SLUG } from '../../../app/demo/demo-story.ts';
import { loadConfig } from '../../config.ts';
import { loadRunsConfig, openRunQueue } from '../../run-queue.ts';
import { buildServer } from '../../server/build-server.ts';
import { startNotificationSweeps } from '../../server/notification-sweeps.ts';
import { startScheduler } from '../../server/scheduler.ts';
import { loadServerConfig } from '../../server/server-config.ts';
import { openApp } from '../../wire.ts';
import { parseCommand, stringFlag } from '../command.ts';
import type { CliIo } from '../io.ts';
import { demoSignInUrl, seedDemoWithProgress } from './demo.ts';

export const SERVE_HELP = `attestly serve: the web app at / and the HTTP API under /api/v1

  --host HOST    address to listen on (default 127.0.0.1, or ATTESTLY_HOST)
  --port PORT    port (default 3000, or ATTESTLY_PORT)
  --demo         seed the demo organization if it is missing and print a one-time link that signs in
                 as its owner (see "attestly help demo")

On first run, with no user yet, it prints a one-time setup link for the first owner.
Environment: ATTESTLY_PUBLIC_URL, ATTESTLY_SESSION_IDLE_MINUTES (60), ATTESTLY_SESSION_ABSOLUTE_HOURS (12),
ATTESTLY_MAX_UPLOAD_MB (25), ATTESTLY_SCHEDULER_SECONDS (60; 0 turns monitoring runs off), ATTESTLY_SECURE_COOKIES (auto|always|never), ATTESTLY_LOG_LEVEL (info),
ATTESTLY_RUNS (queue with DATABASE_URL: due runs go to "attestly worker" processes; inline runs them here;
see "attestly help worker"),
ATTESTLY_MASTER_KEY (required with DATABASE_URL once secrets are stored), ATTESTLY_WEB_ROOT (the built
web app; default dist/web, which npm install builds).`;

/** Runs until SIGINT or SIGTERM, then lets in-flight requests finish and closes the database. */
export async function runServe(args: string[], io: CliIo): Promise<void> {
  const { values } = parseCommand(args, {
    host: { type: 'string' },
    port: { type: 'string' },
    demo: { type: 'boolean' },
  });
  if (values.help) return io.out(SERVE_HELP);
  const server = loadServerConfig(io.env, { host: stringFlag(values.host), port: stringFlag(values.port) });
  const runs = loadRunsConfig(io.env);
  const app = await openApp(loadConfig(io.env, { dataDir: stringFlag(values['data-dir']) }), {
    type: 'system',
    id: 'server',
    requestId: null,
    sourceAddress: null,
  });
  let http: Awaited<ReturnType<typeof buildServer>>;
  let queue: Awaited<ReturnType<typeof openRunQueue>> | null = null;
  try {
    if (runs.mode === 'queue' && server.schedulerSeconds > 0)
      queue = await openRunQueue(runs, 'scheduler', (message) => io.err(`attestly: ${message}`));
    http = await buildServer({ deps: app.deps, config: server, ready: app.ping });
    await http.listen({ host: server.host, port: server.port });
  } catch (error) {
    await queue?.stop(0);
    await app.close();
    throw error;
  }
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : server.port;
  const base = server.publicUrl.replace(/:\d+$/, `:${port}`);
  io.out(`Attestly is listening on ${base} (API under ${base}/api/v1)`);
  if (queue) io.out('Monitoring runs go to the queue on PostgreSQL: "attestly worker" processes run them');
  if (values.demo) {
    if (!(await app.deps.store.repos.organizations.findBySlug(DEMO_SLUG)))
      await seedDemoWithProgress(app.deps, io);
    const token = await createDemoSignInToken(app.deps);
    io.out(`Demo: open ${demoSignInUrl(base, token)} to sign in as the demo's owner (valid 24 hours, once)`);
  }
  const setup = await createSetupToken(app.deps);
  if (setup)
    io.out(`First run: create the owner account at ${base}/setup?token=${setup} (valid 24 hours, once)`);

  const scheduler = startScheduler(app.deps, server.schedulerSeconds, (m) => http.log.warn(m), queue);
  const sweeps =
    server.schedulerSeconds === 0
      ? { stop: async () => undefined }
      : startNotificationSweeps(app.deps, base, (m) => http.log.warn(m));

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      io.out(`${signal}: finishing requests and closing`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await scheduler.stop();
  await sweeps.stop();
  await queue?.stop(0);
  await http.close();
  await app.close();
}
