import pg from 'pg';
import { z } from 'zod';
import type { Collector, TCollectorContext } from '../../../app/monitoring/collector.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import {
  HBA_SQL,
  PERMISSIONS,
  PRIVILEGE_SQL,
  ROLES_SQL,
  SETTING_NAMES,
  SETTINGS_SQL,
  type TSettingName,
  ZHbaRow,
  ZPrivilegeRow,
  ZRoleRow,
  ZSettingRow,
} from './queries.ts';

// Reads one PostgreSQL server's settings, pg_hba rules and roles over a normal client connection. It needs
// a superuser (pg_hba_file_rules and pg_authid are readable by nobody else); it changes nothing.

const ZConfig = z.strictObject({
  url: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .refine((value) => URL.canParse(value), 'must be a valid URL'),
  name: z.string().min(1).optional(),
});
type TConfig = z.infer<typeof ZConfig>;

/** host:port of the URL, never its credentials; a Unix socket directory counts as the host. */
export function serverAddress(url: string): string {
  const parsed = new URL(url);
  const host = decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || 'localhost';
  const port = parsed.port || parsed.searchParams.get('port') || '5432';
  return `${host}:${port}`;
}

type TQuery = 'settings' | 'hba' | 'roles';

function driverMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0)
    return error.errors.map((e) => driverMessage(e)).join('; ');
  const err = error as NodeJS.ErrnoException;
  return err.message || err.code || 'unknown error';
}

function collectionFailed(server: string, error: unknown, query?: TQuery): AttestlyError {
  const sqlstate = (error as { code?: unknown }).code;
  const details: Record<string, unknown> = { server };
  if (typeof sqlstate === 'string') details.code = sqlstate;
  // 42501 is insufficient_privilege: name what the collector's role lacks.
  if (query && sqlstate === '42501') details.permission = PERMISSIONS[query];
  const what = query ? `reading ${query} from` : 'connecting to';
  return new AttestlyError(
    'COLLECTION_FAILED',
    `PostgreSQL ${what} ${server}: ${driverMessage(error)}`,
    details,
  );
}

async function rows<S extends z.ZodType>(
  client: pg.Client,
  server: string,
  query: TQuery,
  schema: S,
  sql: string,
  params: unknown[] = [],
): Promise<z.infer<S>[]> {
  let result: pg.QueryResult;
  try {
    result = await client.query(sql, params);
  } catch (error) {
    throw collectionFailed(server, error, query);
  }
  return result.rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AttestlyError(
        'COLLECTION_FAILED',
        `PostgreSQL ${server} returned an unexpected ${query} row ${index + 1} at ${issue?.path.join('.')}: ${issue?.message}`,
        { server },
      );
    }
    return parsed.data;
  });
}

async function readSettings(client: pg.Client, server: string): Promise<Record<TSettingName, string>> {
  const list = await rows(client, server, 'settings', ZSettingRow, SETTINGS_SQL, [SETTING_NAMES]);
  const found = new Map(list.map((row) => [row.name, row.setting ?? '']));
  // pg_settings silently omits superuser-only settings for other roles instead of refusing.
  const missing = SETTING_NAMES.filter((name) => !found.has(name));
  if (missing.length > 0) {
    // A role that may read every setting and still lacks one is on a server too old to have it.
    const [privileged] = await rows(client, server, 'settings', ZPrivilegeRow, PRIVILEGE_SQL);
    if (privileged?.allowed) {
      throw new AttestlyError(
        'COLLECTION_FAILED',
        `PostgreSQL ${server} has no setting ${missing.join(', ')}: PostgreSQL 12 or later is needed`,
        { server, missing },
      );
    }
    throw new AttestlyError(
      'COLLECTION_FAILED',
      `PostgreSQL ${server} hides ${missing.join(', ')} from this role`,
      { server, permission: PERMISSIONS.settings, missing },
    );
  }
  return Object.fromEntries(SETTING_NAMES.map((name) => [name, found.get(name) ?? ''])) as Record<
    TSettingName,
    string
  >;
}

async function collectFrom(
  client: pg.Client,
  server: string,
  config: TConfig,
  context: TCollectorContext,
): Promise<TResource[]> {
  context.progress(`reading settings of ${server}`);
  const s = await readSettings(client, server);
  context.progress(`reading pg_hba rules of ${server}`);
  const hba = await rows(client, server, 'hba', ZHbaRow, HBA_SQL);
  context.progress(`reading roles of ${server}`);
  const roles = await rows(client, server, 'roles', ZRoleRow, ROLES_SQL);

  const bootstrap = roles.find((role) => role.bootstrap)?.rolname ?? 'postgres';
  const resources: TResource[] = [
    {
      type: 'postgres.server',
      id: server,
      name: config.name ?? server,
      attributes: {
        version: s.server_version,
        versionNum: Number(s.server_version_num),
        ssl: s.ssl === 'on',
        sslMinProtocolVersion: s.ssl_min_protocol_version,
        passwordEncryption: s.password_encryption,
        logConnections: s.log_connections,
        logDisconnections: s.log_disconnections === 'on',
        logStatement: s.log_statement,
        loggingCollector: s.logging_collector === 'on',
        logDestination: s.log_destination,
        listenAddresses: s.listen_addresses,
        loginSuperusers: roles.filter((r) => r.rolsuper && r.rolcanlogin).map((r) => r.rolname),
        bootstrapSuperuser: bootstrap,
      },
    },
  ];
  for (const rule of hba) {
    resources.push({
      type: 'postgres.hba_rule',
      id: `${server}/hba/${rule.line_number}`,
      name: `pg_hba.conf line ${rule.line_number}`,
      attributes: {
        line: rule.line_number,
        type: rule.type,
        database: rule.database ?? [],
        user: rule.user_name ?? [],
        address: rule.address,
        netmask: rule.netmask,
        authMethod: rule.auth_method,
        error: rule.error,
      },
    });
  }
  for (const role of roles) {
    resources.push({
      type: 'postgres.role',
      id: `${server}/role/${role.rolname}`,
      name: role.rolname,
      attributes: {
        name: role.rolname,
        superuser: role.rolsuper,
        canLogin: role.rolcanlogin,
        bootstrap: role.bootstrap,
        passwordKind: role.password_kind,
        validUntil: role.valid_until,
      },
    });
  }
  return resources;
}

export const postgresCollector: Collector<typeof ZConfig> = {
  type: 'postgres',
  title: 'PostgreSQL',
  configSchema: ZConfig,
  async collect(config, context) {
    const server = serverAddress(config.url);
    let client: pg.Client;
    try {
      // The driver reads sslrootcert and friends here, so a missing file fails before connecting.
      client = new pg.Client({
        connectionString: config.url,
        connectionTimeoutMillis: 10_000,
        statement_timeout: 30_000,
        application_name: 'attestly-monitoring',
      });
    } catch (error) {
      throw collectionFailed(server, error);
    }
    // A connection dropped between queries surfaces as the next query's error.
    client.on('error', () => undefined);
    const abort = () => void client.end().catch(() => undefined);
    context.signal?.addEventListener('abort', abort, { once: true });
    try {
      try {
        await client.connect();
      } catch (error) {
        throw collectionFailed(server, error);
      }
      return await collectFrom(client, server, config, context);
    } finally {
      context.signal?.removeEventListener('abort', abort);
      await client.end().catch(() => undefined);
    }
  },
};
