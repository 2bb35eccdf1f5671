import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsBlobStore } from '../../src/adapters/blobs/fs-blob-store.ts';
import { createStore } from '../../src/adapters/db/create-store.ts';
import type { AppDeps } from '../../src/app/ports.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { migratedDatabase } from './database.ts';

const catalog = loadCatalog();

/** Real adapters over a fresh database, a fixed clock and sequential ids, for use-case tests. */
export async function testApp(now = new Date('2026-06-15T09:00:00Z')) {
  const database = await migratedDatabase();
  let next = 0;
  const deps: AppDeps = {
    store: createStore(database.db),
    blobs: createFsBlobStore(mkdtempSync(join(tmpdir(), 'attestly-blobs-'))),
    clock: { now: () => now },
    newId: () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
    catalog,
    actor: { type: 'system', id: 'test:runner', requestId: null, sourceAddress: null },
  };
  return { deps, database, close: () => database.close() };
}
