import { z } from 'zod';
import type { TSessionPolicy } from '../../app/auth/sessions.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { DEFAULT_WEB_ROOT } from './web-app.ts';

// The server's part of the configuration, from the environment and `attestly serve` flags, parsed once.

const ZServerEnv = z.object({
  ATTESTLY_HOST: z.string().trim().min(1).default('127.0.0.1'),
  ATTESTLY_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  ATTESTLY_PUBLIC_URL: z.url().optional(),
  ATTESTLY_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  ATTESTLY_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  ATTESTLY_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(25),
  ATTESTLY_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  ATTESTLY_SCHEDULER_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  ATTESTLY_WEB_ROOT: z.string().trim().min(1).optional(),
  ATTESTLY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface TServerConfig {
  host: string;
  port: number;
  publicUrl: string;
  session: TSessionPolicy;
  maxUploadBytes: number;
  secureCookies: 'auto' | 'always' | 'never';
  logLevel: string;
  /** How often the in-process scheduler looks for due integrations; 0 turns it off. */
  schedulerSeconds: number;
  /** The built web app (dist/web), or null for the API alone. */
  webRoot: string | null;
}

export function loadServerConfig(
  env: NodeJS.ProcessEnv,
  flags: { host?: string; port?: string } = {},
): TServerConfig {
  const parsed = ZServerEnv.safeParse({
    ...env,
    ...(flags.host !== undefined ? { ATTESTLY_HOST: flags.host } : {}),
    ...(flags.port !== undefined ? { ATTESTLY_PORT: flags.port } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'configuration');
    const flag = name === 'ATTESTLY_HOST' ? ' (--host)' : name === 'ATTESTLY_PORT' ? ' (--port)' : '';
    throw new AttestlyError('INVALID_INPUT', `${name}${flag}: ${issue?.message}`);
  }
  const c = parsed.data;
  const shownHost = c.ATTESTLY_HOST.includes(':') ? `[${c.ATTESTLY_HOST}]` : c.ATTESTLY_HOST;
  return {
    host: c.ATTESTLY_HOST,
    port: c.ATTESTLY_PORT,
    publicUrl: (c.ATTESTLY_PUBLIC_URL ?? `http://${shownHost}:${c.ATTESTLY_PORT}`).replace(/\/$/, ''),
    session: {
      idleMinutes: c.ATTESTLY_SESSION_IDLE_MINUTES,
      absoluteHours: c.ATTESTLY_SESSION_ABSOLUTE_HOURS,
    },
    maxUploadBytes: c.ATTESTLY_MAX_UPLOAD_MB * 1024 * 1024,
    secureCookies: c.ATTESTLY_SECURE_COOKIES,
    logLevel: c.ATTESTLY_LOG_LEVEL,
    schedulerSeconds: c.ATTESTLY_SCHEDULER_SECONDS,
    webRoot: c.ATTESTLY_WEB_ROOT ?? DEFAULT_WEB_ROOT,
  };
}
