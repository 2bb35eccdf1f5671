import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

// s3rver ships no type declarations; this is the part of its API the tests use.
interface TS3rver {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  vhostBuckets: boolean;
}) => TS3rver;

/** s3rver accepts its fixed key pair and path-style addressing. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A real S3-compatible server (s3rver) on loopback, port chosen by the system, with one bucket; its
 * clients are destroyed and its directory removed on stop().
 */
export async function startS3(bucket: string) {
  const directory = await mkdtemp(join(tmpdir(), 'attestly-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, vhostBuckets: false });
  const { address, port } = await server.run();
  const endpoint = `http://${address}:${port}`;
  const clients: S3Client[] = [];
  const newClient = () => {
    const client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
    clients.push(client);
    return client;
  };
  await newClient().send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    newClient,
    async stop() {
      for (const client of clients) client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
