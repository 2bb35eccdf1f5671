import { createHash, randomUUID } from 'node:crypto';
import { HeadObjectCommand, NoSuchBucket, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3 } from '../../../test/support/s3.ts';
import { describeBlobStoreContract } from './blob-store.contract.ts';
import { createS3BlobStore } from './s3-blob-store.ts';

const BUCKET = 'attestly-evidence';

let s3: Awaited<ReturnType<typeof startS3>>;
const newClient = () => s3.newClient();

beforeAll(async () => {
  s3 = await startS3(BUCKET);
});

afterAll(() => s3?.stop());

// Each test gets its own prefix in the one bucket: isolated, and the prefix is exercised on every call.
describeBlobStoreContract('S3 (s3rver)', async () => {
  const client = newClient();
  const prefix = `tests/${randomUUID()}`;
  return {
    store: createS3BlobStore({ client, bucket: BUCKET, prefix }),
    corrupt: async (key) => {
      await client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}/${key}`, Body: Buffer.from('tampered\n') }),
      );
    },
    close: async () => {},
  };
});

describe('S3 blob store', () => {
  it('puts objects under the prefix, or at the bucket root without one', async () => {
    const client = newClient();
    const bytes = new TextEncoder().encode(`prefixed ${randomUUID()}\n`);
    const withPrefix = await createS3BlobStore({ client, bucket: BUCKET, prefix: '/org-a/evidence/' }).put(
      bytes,
    );
    await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `org-a/evidence/${withPrefix.key}` }));
    const atRoot = createS3BlobStore({ client, bucket: BUCKET });
    expect(await atRoot.has(withPrefix.key)).toBe(false);
    await atRoot.put(bytes);
    await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: withPrefix.key }));
  });

  it('uploads once with the SHA-256 checksum, streamed or not, and skips the upload when the object exists', async () => {
    const client = newClient();
    const sent: Array<{ command: string; checksum: string | undefined }> = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const headers = (args.request as { headers: Record<string, string> }).headers;
        sent.push({ command: String(context.commandName), checksum: headers['x-amz-checksum-sha256'] });
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordRequests', priority: 'low' },
    );
    const store = createS3BlobStore({ client, bucket: BUCKET, prefix: `tests/${randomUUID()}` });
    const bytes = new TextEncoder().encode('quarterly access review\n');
    await store.put(bytes);
    await store.put(bytes);
    await store.putStream([bytes.subarray(0, 9), bytes.subarray(9)]);
    const checksum = createHash('sha256').update(bytes).digest('base64');
    expect(sent).toEqual([
      { command: 'HeadObjectCommand', checksum: undefined },
      { command: 'PutObjectCommand', checksum },
      { command: 'HeadObjectCommand', checksum: undefined },
      { command: 'HeadObjectCommand', checksum: undefined },
    ]);
    const streamed = new TextEncoder().encode('streamed snapshot\n');
    sent.length = 0;
    await store.putStream([streamed.subarray(0, 4), streamed.subarray(4)]);
    expect(sent).toEqual([
      { command: 'HeadObjectCommand', checksum: undefined },
      { command: 'PutObjectCommand', checksum: createHash('sha256').update(streamed).digest('base64') },
    ]);
  });

  it('lets a missing bucket surface as itself, not as a missing blob', async () => {
    const store = createS3BlobStore({ client: newClient(), bucket: 'attestly-no-such-bucket' });
    await expect(store.get(`sha256/aa/${'a'.repeat(64)}`)).rejects.toBeInstanceOf(NoSuchBucket);
    await expect(store.put(new TextEncoder().encode('x'))).rejects.toBeInstanceOf(NoSuchBucket);
  });
});
