import { randomBytes, randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { S3Client } from '@aws-sdk/client-s3';
import { sql } from 'kysely';
import { createFsBlobStore } from '../adapters/blobs/fs-blob-store.ts';
import { createS3BlobStore } from '../adapters/blobs/s3-blob-store.ts';
import { openDatabase } from '../adapters/db/connect.ts';
import { createStore } from '../adapters/db/create-store.ts';
import { migrate } from '../adapters/db/migrate.ts';
import { createLogMailer, createSmtpMailer } from '../adapters/mail/mailers.ts';
import { createOpenIdClient } from '../adapters/oidc/openid-client.ts';
import { createArgon2Hasher } from '../adapters/passwords/argon2-hasher.ts';
import { boxOf, loadKeyRing, type TKeyRingSource } from '../adapters/secrets/key-ring.ts';
import type { AppDeps, BlobStore, SecretSealer, TActor } from '../app/ports.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import type { TBlobConfig, TConfig } from './config.ts';
import { COLLECTORS, testLibrary } from './monitoring.ts';

export interface TApp {
  deps: AppDeps;
  /** True when the database answers (migrations were applied when the app opened). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Evidence files: the data directory by default, or an S3-compatible bucket (credentials from the AWS chain). */
function createBlobStore(config: TBlobConfig): BlobStore {
  if (config.kind === 'fs') return createFsBlobStore(config.dir);
  const client = new S3Client({
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
  return createS3BlobStore({ client, bucket: config.bucket, prefix: config.prefix });
}

/** The embedded mode keeps its keys in the data directory; a server takes them from the environment. */
export function keyRingSource(config: TConfig): TKeyRingSource {
  return {
    envValue: config.masterKey,
    previousEnvValue: config.previousMasterKey,
    dataDir: config.database.kind === 'postgres' ? null : config.dataDir,
  };
}

/** The key ring is read (or, embedded, created) once, on the first use of a stored credential. */
function secretsLoader(config: TConfig): () => Promise<SecretSealer> {
  let box: Promise<SecretSealer> | undefined;
  return () => {
    box ??= loadKeyRing(keyRingSource(config)).then(boxOf);
    return box;
  };
}

/** Wires the adapters to the use-cases: the database (migrated), blobs, clock, ids and the catalog. */
export async function openApp(
  config: TConfig,
  actor: TActor = { type: 'cli', id: `cli:${osUser()}`, requestId: null, sourceAddress: null },
): Promise<TApp> {
  const catalog = loadCatalog();
  const database = await openDatabase(config.database);
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    deps: {
      store: createStore(database.db),
      blobs: createBlobStore(config.blobs),
      clock: { now: () => new Date() },
      newId: randomUUID,
      randomBytes: (n) => new Uint8Array(randomBytes(n)),
      passwords: createArgon2Hasher(),
      mailer: config.smtp
        ? createSmtpMailer(config.smtp.url, config.smtp.from)
        : createLogMailer((line) => process.stderr.write(`${line}\n`)),
      secrets: secretsLoader(config),
      catalog,
      monitoring: { collectors: COLLECTORS, library: testLibrary() },
      actor,
      oidc: createOpenIdClient(),
    },
    ping: async () => {
      await sql`SELECT 1`.execute(database.db);
      return true;
    },
    close: () => database.close(),
  };
}
