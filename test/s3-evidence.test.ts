import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/entry/config.ts';
import { cliWorkspace } from './support/cli.ts';
import { ENGINE } from './support/database.ts';
import { S3RVER_CREDENTIALS, startS3 } from './support/s3.ts';

// Evidence stored in an S3-compatible bucket by configuration, against a real local S3 server.

let s3: Awaited<ReturnType<typeof startS3>>;
beforeAll(async () => {
  s3 = await startS3('evidence');
});
afterAll(() => s3.stop());

describe(`evidence in an S3-compatible bucket on ${ENGINE}`, () => {
  it('stores the file under its SHA-256 in the configured bucket and prefix', async () => {
    const ws = await cliWorkspace();
    Object.assign(ws.env, {
      ATTESTLY_BLOB_STORE: 's3',
      ATTESTLY_S3_BUCKET: 'evidence',
      ATTESTLY_S3_ENDPOINT: s3.endpoint,
      ATTESTLY_S3_PREFIX: 'acme',
      ATTESTLY_S3_FORCE_PATH_STYLE: 'true',
    });
    const saved = { ...process.env };
    // The AWS SDK reads credentials from the process environment.
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    });
    try {
      expect((await ws.run('init', '--name', 'Acme', '--type', 'type1', '--as-of', '2026-12-31')).code).toBe(
        0,
      );
      const file = join(ws.dataDir, 'policy.txt');
      writeFileSync(file, 'signed policy\n');
      const added = await ws.run('evidence', 'add', file, '--control', 'GOV-01', '--json');
      expect(added.stderr).toBe('');
      const sha = createHash('sha256').update('signed policy\n').digest('hex');
      expect(JSON.parse(added.stdout).sha256).toBe(sha);
      const object = await s3
        .newClient()
        .send(new GetObjectCommand({ Bucket: 'evidence', Key: `acme/sha256/${sha.slice(0, 2)}/${sha}` }));
      expect(await object.Body?.transformToString()).toBe('signed policy\n');
    } finally {
      process.env = saved;
      await ws.drop();
    }
  });

  it('refuses an S3 store without a bucket, naming the variable', () => {
    expect(() => loadConfig({ ATTESTLY_BLOB_STORE: 's3' })).toThrow(
      'ATTESTLY_S3_BUCKET: required when ATTESTLY_BLOB_STORE=s3',
    );
    expect(() => loadConfig({ ATTESTLY_BLOB_STORE: 'floppy' })).toThrow(/ATTESTLY_BLOB_STORE/);
  });
});
