import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/adapters/db/connect.ts';
import { migrate } from '../../src/adapters/db/migrate.ts';

/** The engine tests run on: the PostgreSQL server of DATABASE_URL when set, embedded PGlite otherwise. */
export const ENGINE = process.env.DATABASE_URL ? 'postgres' : 'pglite';

function serverUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? '');
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database for one test: a new database on the server (dropped afterwards) or an in-memory
 * PGlite. Returns its URL too, for tests that start another process on it.
 */
export async function freshDatabase(): Promise<{
  url: string | null;
  open(): Promise<Database>;
  drop(): Promise<void>;
}> {
  if (!process.env.DATABASE_URL) {
    return { url: null, open: () => openDatabase({ kind: 'pglite-memory' }), drop: async () => undefined };
  }
  const name = `attestly_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = serverUrl(name);
  return {
    url,
    open: () => openDatabase({ kind: 'postgres', url }),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A fresh database with every migration applied; close() also drops it. */
export async function migratedDatabase(): Promise<Database & { url: string | null }> {
  const fresh = await freshDatabase();
  const database = await fresh.open();
  await migrate(database);
  return {
    ...database,
    url: fresh.url,
    async close() {
      await database.close();
      await fresh.drop();
    },
  };
}
