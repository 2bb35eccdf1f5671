import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsBlobStore } from '../../src/adapters/blobs/fs-blob-store.ts';
import { createStore } from '../../src/adapters/db/create-store.ts';
import { createOpenIdClient } from '../../src/adapters/oidc/openid-client.ts';
import { createArgon2Hasher } from '../../src/adapters/passwords/argon2-hasher.ts';
import { createSecretBox, keyIdOf } from '../../src/adapters/secrets/secret-box.ts';
import type { AppDeps, TMail } from '../../src/app/ports.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { COLLECTORS, testLibrary } from '../../src/entry/monitoring.ts';
import { migratedDatabase } from './database.ts';

const catalog = loadCatalog();
const TEST_KEY = new Uint8Array(32).fill(7);

/** A clock that stands still until a test moves it. */
export function testClock(start: Date) {
  let current = start;
  return {
    now: () => current,
    set: (to: Date) => {
      current = to;
    },
    advanceMinutes: (minutes: number) => {
      current = new Date(current.getTime() + minutes * 60_000);
    },
  };
}

/** Real adapters over a fresh database, a test clock and sequential ids, for use-case tests. */
export async function testApp(
  now = new Date('2026-06-15T09:00:00Z'),
  options: { monitoring?: AppDeps['monitoring']; mailDelivers?: boolean } = {},
) {
  const database = await migratedDatabase();
  let next = 0;
  const clock = testClock(now);
  const outbox: TMail[] = [];
  const deps: AppDeps = {
    store: createStore(database.db),
    blobs: createFsBlobStore(mkdtempSync(join(tmpdir(), 'attestly-blobs-'))),
    clock,
    newId: () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    passwords: createArgon2Hasher({ memoryKiB: 1024, iterations: 1, parallelism: 1 }),
    mailer: { delivers: options.mailDelivers ?? false, send: async (mail) => void outbox.push(mail) },
    secrets: async () => createSecretBox({ current: { id: keyIdOf(TEST_KEY), key: TEST_KEY } }),
    catalog,
    monitoring: options.monitoring ?? { collectors: COLLECTORS, library: testLibrary() },
    actor: { type: 'system', id: 'test:runner', requestId: null, sourceAddress: null },
    oidc: createOpenIdClient(),
  };
  return { deps, clock, outbox, database, close: () => database.close() };
}
