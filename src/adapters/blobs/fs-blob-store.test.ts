import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBlobStoreContract } from './blob-store.contract.ts';
import { createFsBlobStore } from './fs-blob-store.ts';

describe('filesystem blob store', () => {
  it('stores bytes under their SHA-256, once, and reads them back', async () => {
    const root = mkdtempSync(join(tmpdir(), 'attestly-blobs-'));
    const store = createFsBlobStore(root);
    const bytes = new TextEncoder().encode('access review Q3\n');
    const expected = createHash('sha256').update(bytes).digest('hex');
    const first = await store.put(bytes);
    const second = await store.put(bytes);
    expect(first).toEqual({
      key: `sha256/${expected.slice(0, 2)}/${expected}`,
      sha256: expected,
      sizeBytes: bytes.length,
    });
    expect(second).toEqual(first);
    expect(readFileSync(join(root, first.key), 'utf8')).toBe('access review Q3\n');
    expect(readdirSync(join(root, 'sha256', expected.slice(0, 2)))).toEqual([expected]);
    expect(await store.get(first.key)).toEqual(bytes);
    expect(await store.has(first.key)).toBe(true);
  });

  it('spools a streamed blob inside the store and leaves no temporary file behind', async () => {
    const root = mkdtempSync(join(tmpdir(), 'attestly-blobs-'));
    const store = createFsBlobStore(root);
    const put = await store.putStream([
      new TextEncoder().encode('snapshot '),
      new TextEncoder().encode('v1\n'),
    ]);
    expect(readFileSync(join(root, put.key), 'utf8')).toBe('snapshot v1\n');
    await store.putStream([new TextEncoder().encode('snapshot v1\n')]);
    await expect(
      store.putStream(
        (async function* () {
          yield new TextEncoder().encode('partial');
          throw new Error('collector stopped');
        })(),
      ),
    ).rejects.toThrow('collector stopped');
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses keys that are not content addresses, so no path can escape the store', async () => {
    const store = createFsBlobStore(mkdtempSync(join(tmpdir(), 'attestly-blobs-')));
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.get(`sha256/aa/${'a'.repeat(64)}`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describeBlobStoreContract('filesystem', async () => {
  const root = await mkdtemp(join(tmpdir(), 'attestly-blobs-'));
  return {
    store: createFsBlobStore(root),
    corrupt: (key) => writeFile(join(root, key), 'tampered\n'),
    close: () => rm(root, { recursive: true, force: true }),
  };
});
