import { type ParseArgsConfig, parseArgs } from 'node:util';
import { resolveOrganization } from '../../app/organizations/resolve-organization.ts';
import type { AppDeps, OrgScope, TOrganization } from '../../app/ports.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { loadConfig } from '../config.ts';
import { openApp } from '../wire.ts';
import type { CliIo } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  org: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** Parses a command's arguments strictly; an unknown flag or a missing value is a one-line error. */
export function parseCommand<T extends Options>(args: string[], options: T, allowPositionals = 0) {
  try {
    const parsed = parseArgs({
      args,
      options: { ...GLOBAL_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.positionals.length > allowPositionals) {
      throw new AttestlyError(
        'INVALID_INPUT',
        `unexpected argument "${parsed.positionals[allowPositionals]}"`,
      );
    }
    return parsed;
  } catch (error) {
    if (error instanceof AttestlyError) throw error;
    throw new AttestlyError('INVALID_INPUT', (error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
}

export interface TOrgContext {
  deps: AppDeps;
  org: TOrganization;
  scope: OrgScope;
}

/** Opens the configured database, runs fn, and always closes it again. */
export async function withApp<T>(
  io: CliIo,
  dataDir: string | undefined,
  fn: (deps: AppDeps) => Promise<T>,
): Promise<T> {
  const app = await openApp(loadConfig(io.env, { dataDir }));
  try {
    return await fn(app.deps);
  } finally {
    await app.close();
  }
}

/** Like withApp, for commands that act on one organization (--org, or the only one). */
export function withOrg<T>(
  io: CliIo,
  values: { 'data-dir'?: string | boolean | undefined; org?: string | boolean | undefined },
  fn: (ctx: TOrgContext) => Promise<T>,
): Promise<T> {
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  const slug = typeof values.org === 'string' ? values.org : undefined;
  return withApp(io, dataDir, async (deps) => {
    const { org, scope } = await resolveOrganization(deps.store.repos, slug);
    return fn({ deps, org, scope });
  });
}

export function stringFlag(value: string | boolean | (string | boolean)[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function listFlag(value: string | boolean | (string | boolean)[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}
