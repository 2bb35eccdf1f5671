import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { AttestlyError } from '../../domain/errors.ts';
import { acquireDirLock } from './dir-lock.ts';
import type { DB } from './schema.ts';

const DATE_OID = 1082;
const INT8_OID = 20;

/** A transaction able to run a multi-statement SQL script, for the migration runner. */
export interface ScriptTransaction {
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
  exec(script: string): Promise<void>;
}

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /** Runs fn in one transaction on one connection, committed only if fn resolves. */
  scriptTransaction<T>(fn: (tx: ScriptTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory' };

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

async function openPostgres(url: string): Promise<Database> {
  try {
    new URL(url);
  } catch {
    throw new AttestlyError(
      'INVALID_INPUT',
      'DATABASE_URL is not a valid URL (postgres://user@host:5432/db)',
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return (value: string) => value;
        if (oid === INT8_OID) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    // An idle client lost its connection; the next query reports it.
  });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = (error as Error).message || (error as NodeJS.ErrnoException).code || 'connection failed';
    throw new AttestlyError(
      'DATABASE_UNAVAILABLE',
      `cannot reach PostgreSQL at ${describeUrl(url)}: ${reason}`,
    );
  }
  return {
    engine: 'postgres',
    db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }),
    async scriptTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (text, params) => (await client.query(text, params)).rows,
          exec: async (script) => void (await client.query(script)),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const release = dataDir ? await acquireDirLock(dataDir) : () => undefined;
  let pglite: PGlite;
  try {
    pglite = new PGlite({
      ...(dataDir ? { dataDir: join(dataDir, 'pgdata') } : {}),
      parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) },
    });
    await pglite.waitReady;
  } catch (error) {
    release();
    throw new AttestlyError(
      'DATABASE_UNAVAILABLE',
      `cannot open the embedded database in ${dataDir}: ${(error as Error).message}`,
    );
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    engine: 'pglite',
    db,
    scriptTransaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          query: async (text, params) => (await tx.query(text, params)).rows as never,
          exec: async (script) => void (await tx.exec(script)),
        }),
      ),
    async close() {
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    },
  };
}

/** Opens the database the configuration points at: a PostgreSQL server, or embedded PGlite. */
export function openDatabase(target: DatabaseTarget): Promise<Database> {
  switch (target.kind) {
    case 'postgres':
      return openPostgres(target.url);
    case 'pglite':
      return openPglite(target.dataDir);
    case 'pglite-memory':
      return openPglite(undefined);
  }
}
