import { z } from 'zod';
import { openPgBossRunQueue } from '../adapters/jobs/pg-boss-run-queue.ts';
import { AttestlyError } from '../domain/errors.ts';

// Where scheduled monitoring runs happen: in the server's process (inline), or queued on PostgreSQL for
// `attestly worker` processes (queue). Parsed once from the environment, like config.ts.

const ZRunsEnv = z.object({
  DATABASE_URL: z.string().trim().optional(),
  ATTESTLY_RUNS: z.enum(['inline', 'queue']).optional(),
  ATTESTLY_RUN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  ATTESTLY_RUN_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export interface TRunsConfig {
  /** queue: the scheduler queues due runs and workers take them; inline: the server runs them itself. */
  mode: 'inline' | 'queue';
  /** The PostgreSQL server the queue lives on (DATABASE_URL), null on the embedded database. */
  url: string | null;
  timeoutSeconds: number;
  retryDelaySeconds: number;
}

/** queue by default with DATABASE_URL, inline on the embedded database (which cannot be shared). */
export function loadRunsConfig(env: NodeJS.ProcessEnv): TRunsConfig {
  const parsed = ZRunsEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AttestlyError('INVALID_INPUT', `${issue?.path.join('.')}: ${issue?.message}`);
  }
  const url = parsed.data.DATABASE_URL || null;
  const mode = parsed.data.ATTESTLY_RUNS ?? (url ? 'queue' : 'inline');
  if (mode === 'queue' && !url)
    throw new AttestlyError(
      'INVALID_INPUT',
      'ATTESTLY_RUNS=queue needs DATABASE_URL: workers share the queue through PostgreSQL, and the embedded database runs monitoring in the server',
    );
  return {
    mode,
    url,
    timeoutSeconds: parsed.data.ATTESTLY_RUN_TIMEOUT_SECONDS,
    retryDelaySeconds: parsed.data.ATTESTLY_RUN_RETRY_SECONDS,
  };
}

/** Opens the queue on DATABASE_URL: a scheduler queues runs, a worker takes them. */
export function openRunQueue(
  config: TRunsConfig,
  role: 'scheduler' | 'worker',
  warn: (message: string) => void,
) {
  if (!config.url)
    throw new AttestlyError('INVALID_INPUT', 'the run queue needs DATABASE_URL (a PostgreSQL server)');
  return openPgBossRunQueue({
    url: config.url,
    role,
    timeoutSeconds: config.timeoutSeconds,
    retryDelaySeconds: config.retryDelaySeconds,
    retryLimit: 3,
    warn,
  });
}
