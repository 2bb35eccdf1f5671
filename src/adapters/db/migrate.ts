import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AttestlyError } from '../../domain/errors.ts';
import type { Database } from './connect.ts';

export interface Migration {
  name: string;
  sql: string;
  sha256: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// An arbitrary constant shared by every Attestly process: the advisory lock key for migrations.
const MIGRATION_LOCK_KEY = 7_331_402_001;

/** Reads NNNN_name.sql files in order; the number prefix must be unique and contiguous from 0001. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return files.map((name, index) => {
    const expected = String(index + 1).padStart(4, '0');
    if (!/^\d{4}_[a-z0-9_]+\.sql$/.test(name) || !name.startsWith(expected)) {
      throw new AttestlyError(
        'MIGRATION_MODIFIED',
        `migration ${name} is misnamed: expected ${expected}_name.sql`,
      );
    }
    const sql = readFileSync(join(dir, name), 'utf8');
    return { name, sql, sha256: createHash('sha256').update(sql).digest('hex') };
  });
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so two processes starting at
 * once apply each migration exactly once. Refuses to run when an applied migration was edited or removed.
 */
export async function migrate(
  database: Database,
  migrations: Migration[] = readMigrations(),
): Promise<MigrationReport> {
  return database.scriptTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS attestly_migrations (
      name text PRIMARY KEY,
      sha256 text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ name: string; sha256: string }>(
      'SELECT name, sha256 FROM attestly_migrations ORDER BY name',
    );
    const byName = new Map(migrations.map((m) => [m.name, m]));
    for (const row of rows) {
      const file = byName.get(row.name);
      if (!file) {
        throw new AttestlyError(
          'MIGRATION_MODIFIED',
          `migration ${row.name} was applied to this database but its file is missing; this build is older than the database`,
        );
      }
      if (file.sha256 !== row.sha256) {
        throw new AttestlyError(
          'MIGRATION_MODIFIED',
          `migration ${row.name} was edited after it was applied (recorded sha256 ${row.sha256.slice(0, 12)}, file ${file.sha256.slice(0, 12)}); add a new migration instead`,
        );
      }
    }
    const done = new Set(rows.map((r) => r.name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO attestly_migrations (name, sha256) VALUES ($1, $2)', [
        migration.name,
        migration.sha256,
      ]);
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: rows.length };
  });
}
