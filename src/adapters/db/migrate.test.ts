import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE, freshDatabase } from '../../../test/support/database.ts';
import type { Database } from './connect.ts';
import { migrate, readMigrations } from './migrate.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(): Promise<{ db: Database; another: () => Promise<Database> }> {
  const fresh = await freshDatabase();
  const db = await fresh.open();
  cleanups.push(() => fresh.drop());
  cleanups.push(() => db.close());
  return {
    db,
    another: async () => {
      const second = await fresh.open();
      cleanups.push(() => second.close());
      return second;
    },
  };
}

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'attestly-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

async function tables(db: Database): Promise<string[]> {
  return db.scriptTransaction(async (tx) =>
    (
      await tx.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      )
    ).map((r) => r.table_name),
  );
}

describe(`migrations on ${ENGINE}`, () => {
  it('applies every migration once and records its hash', async () => {
    const { db } = await database();
    const all = readMigrations();
    expect(all.map((m) => m.name)[0]).toBe('0001_core_schema.sql');
    expect(await migrate(db)).toEqual({ applied: all.map((m) => m.name), alreadyApplied: 0 });
    expect(await migrate(db)).toEqual({ applied: [], alreadyApplied: all.length });
    const recorded = await db.scriptTransaction((tx) =>
      tx.query<{ name: string; sha256: string }>(
        'SELECT name, sha256 FROM attestly_migrations ORDER BY name',
      ),
    );
    expect(recorded).toEqual(all.map((m) => ({ name: m.name, sha256: m.sha256 })));
    expect(await tables(db)).toEqual(
      expect.arrayContaining(['organizations', 'controls', 'evidence', 'audit_log']),
    );
  });

  it('refuses to run when an applied migration was edited, and when one is missing', async () => {
    const { db } = await database();
    const dir = { '0001_one.sql': 'CREATE TABLE one (id int);' };
    await migrate(db, readMigrations(migrationsDir(dir)));
    const edited = readMigrations(migrationsDir({ '0001_one.sql': 'CREATE TABLE one (id bigint);' }));
    await expect(migrate(db, edited)).rejects.toMatchObject({
      code: 'MIGRATION_MODIFIED',
      message: expect.stringContaining('0001_one.sql was edited after it was applied'),
    });
    await expect(migrate(db, [])).rejects.toMatchObject({
      code: 'MIGRATION_MODIFIED',
      message: expect.stringContaining('its file is missing'),
    });
  });

  it('applies nothing when one pending migration fails', async () => {
    const { db } = await database();
    const broken = readMigrations(
      migrationsDir({
        '0001_good.sql': 'CREATE TABLE good (id int);',
        '0002_bad.sql': 'CREATE TABLE bad (id nonsense_type);',
      }),
    );
    await expect(migrate(db, broken)).rejects.toThrow(/nonsense_type/);
    expect(await tables(db)).toEqual([]);
  });

  it('refuses misnumbered migration files', () => {
    expect(() => readMigrations(migrationsDir({ '0002_skipped.sql': 'SELECT 1;' }))).toThrow(
      /expected 0001_name.sql/,
    );
  });

  it.runIf(ENGINE === 'postgres')(
    'applies each migration exactly once when two processes start at once',
    async () => {
      const { db, another } = await database();
      const second = await another();
      const results = await Promise.all([migrate(db), migrate(second)]);
      const applied = results.map((r) => r.applied.length).sort();
      expect(applied).toEqual([0, readMigrations().length]);
    },
  );
});
