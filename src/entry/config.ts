import { resolve } from 'node:path';
import { z } from 'zod';
import type { DatabaseTarget } from '../adapters/db/connect.ts';
import { AttestlyError } from '../domain/errors.ts';

// Configuration is read once, here, from the environment and the command line, into one typed object.

const ZEnv = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ATTESTLY_DATA_DIR: z.string().trim().min(1).optional(),
  // Validated where it is used (adapters/secrets/master-key.ts), so its value never reaches an error here.
  ATTESTLY_MASTER_KEY: z.string().optional(),
  ATTESTLY_PREVIOUS_MASTER_KEY: z.string().optional(),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ATTESTLY_BLOB_STORE: z.enum(['fs', 's3']).default('fs'),
  ATTESTLY_S3_BUCKET: z.string().trim().min(3).max(63).optional(),
  ATTESTLY_S3_ENDPOINT: z.url().optional(),
  ATTESTLY_S3_REGION: z.string().trim().min(1).default('us-east-1'),
  ATTESTLY_S3_PREFIX: z.string().trim().optional(),
  ATTESTLY_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  ATTESTLY_MAIL_FROM: z.string().trim().min(3).default('Attestly <attestly@localhost>'),
});

export type TBlobConfig =
  | { kind: 'fs'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      endpoint: string | undefined;
      region: string;
      prefix: string | undefined;
      forcePathStyle: boolean;
    };

export interface TConfig {
  database: DatabaseTarget;
  dataDir: string;
  blobs: TBlobConfig;
  masterKey: string | undefined;
  previousMasterKey: string | undefined;
  smtp: { url: string; from: string } | null;
}

function blobConfig(env: z.infer<typeof ZEnv>, dir: string): TBlobConfig {
  if (env.ATTESTLY_BLOB_STORE === 'fs') return { kind: 'fs', dir };
  if (!env.ATTESTLY_S3_BUCKET) {
    throw new AttestlyError('INVALID_INPUT', 'ATTESTLY_S3_BUCKET: required when ATTESTLY_BLOB_STORE=s3');
  }
  return {
    kind: 's3',
    bucket: env.ATTESTLY_S3_BUCKET,
    endpoint: env.ATTESTLY_S3_ENDPOINT,
    region: env.ATTESTLY_S3_REGION,
    prefix: env.ATTESTLY_S3_PREFIX || undefined,
    forcePathStyle: env.ATTESTLY_S3_FORCE_PATH_STYLE === 'true',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv, flags: { dataDir?: string | undefined } = {}): TConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AttestlyError('INVALID_INPUT', `${issue?.path.join('.')}: ${issue?.message}`);
  }
  const dataDir = resolve(flags.dataDir ?? parsed.data.ATTESTLY_DATA_DIR ?? '.attestly');
  const url = parsed.data.DATABASE_URL;
  return {
    database: url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir },
    dataDir,
    blobs: blobConfig(parsed.data, resolve(dataDir, 'blobs')),
    masterKey: parsed.data.ATTESTLY_MASTER_KEY,
    previousMasterKey: parsed.data.ATTESTLY_PREVIOUS_MASTER_KEY,
    smtp: parsed.data.SMTP_URL ? { url: parsed.data.SMTP_URL, from: parsed.data.ATTESTLY_MAIL_FROM } : null,
  };
}
