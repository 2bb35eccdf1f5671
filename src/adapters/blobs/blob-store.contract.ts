import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../app/ports.ts';

export interface TBlobStoreFixture {
  store: BlobStore;
  /** Replaces the stored bytes under key behind the store's back, as someone with access to the backend could. */
  corrupt: (key: string) => Promise<void>;
  close: () => Promise<void>;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const keyOf = (hex: string) => `sha256/${hex.slice(0, 2)}/${hex}`;

/**
 * The behaviour every BlobStore owes its callers, run against each implementation so they cannot drift
 * apart. make() is called before every test, so each test starts from an empty store.
 */
export function describeBlobStoreContract(name: string, make: () => Promise<TBlobStoreFixture>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let fixture: TBlobStoreFixture;
    let store: BlobStore;
    beforeEach(async () => {
      fixture = await make();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.close();
    });

    it('stores bytes under their SHA-256 and reads them back', async () => {
      const bytes = new TextEncoder().encode('access review Q3\n');
      const hex = sha256Hex(bytes);
      const put = await store.put(bytes);
      expect(put).toEqual({ key: keyOf(hex), sha256: hex, sizeBytes: bytes.byteLength });
      const back = await store.get(put.key);
      expect(back).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    });

    it('gives the same bytes the same key, and different bytes different keys', async () => {
      const bytes = new TextEncoder().encode('firewall rules export\n');
      const first = await store.put(bytes);
      const second = await store.put(new Uint8Array(bytes));
      expect(second).toEqual(first);
      const other = await store.put(new TextEncoder().encode('firewall rules export, v2\n'));
      expect(other.key).not.toBe(first.key);
      expect(new TextDecoder().decode(await store.get(first.key))).toBe('firewall rules export\n');
    });

    it('answers has() for stored, unknown and malformed keys', async () => {
      const bytes = new TextEncoder().encode('vendor list\n');
      const key = keyOf(sha256Hex(bytes));
      expect(await store.has(key)).toBe(false);
      await store.put(bytes);
      expect(await store.has(key)).toBe(true);
      expect(await store.has(`sha256/aa/${'a'.repeat(64)}`)).toBe(false);
      expect(await store.has('../../etc/passwd')).toBe(false);
    });

    it('reports an unknown key as NOT_FOUND', async () => {
      await expect(store.get(`sha256/aa/${'a'.repeat(64)}`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses keys that are not content addresses, so no path can escape the store', async () => {
      const hex = 'b'.repeat(64);
      for (const key of [
        '../../etc/passwd',
        `/sha256/bb/${hex}`,
        `sha256/bb/../../${hex}`,
        `sha256/../sha256/bb/${hex}`,
        `sha256/bb/${hex}/../${hex}`,
        `sha256/BB/${hex.toUpperCase()}`,
        `sha256/bb/${hex.slice(1)}`,
        `sha256/bb/${hex}\n`,
        `prefix/sha256/bb/${hex}`,
        '',
      ]) {
        await expect(store.get(key), JSON.stringify(key)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      }
    });

    it('stores an empty file', async () => {
      const put = await store.put(new Uint8Array());
      const hex = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
      expect(put).toEqual({ key: keyOf(hex), sha256: hex, sizeBytes: 0 });
      expect(await store.has(put.key)).toBe(true);
      expect((await store.get(put.key)).byteLength).toBe(0);
    });

    it('stores a 5 MiB file intact', async () => {
      const bytes = new Uint8Array(randomBytes(5 * 1024 * 1024));
      const put = await store.put(bytes);
      expect(put.sizeBytes).toBe(5 * 1024 * 1024);
      expect(put.sha256).toBe(sha256Hex(bytes));
      const back = await store.get(put.key);
      expect(back.byteLength).toBe(bytes.byteLength);
      expect(sha256Hex(back)).toBe(put.sha256);
    });

    it('streams chunks to the same key, hash and bytes as put() of them joined', async () => {
      const text = 'user alice: MFA on\nuser bob: MFA off\n'.repeat(4000);
      const bytes = new TextEncoder().encode(text);
      async function* pieces() {
        for (let at = 0; at < bytes.byteLength; at += 7919) yield bytes.subarray(at, at + 7919);
      }
      const streamed = await store.putStream(pieces());
      expect(streamed).toEqual({
        key: keyOf(sha256Hex(bytes)),
        sha256: sha256Hex(bytes),
        sizeBytes: bytes.byteLength,
      });
      expect(new TextDecoder().decode(await store.get(streamed.key))).toBe(text);
      expect(await store.put(bytes)).toEqual(streamed);
      const again = await store.putStream([bytes.subarray(0, 10), bytes.subarray(10)]);
      expect(again).toEqual(streamed);
    });

    it('streams nothing into the empty blob', async () => {
      const put = await store.putStream([]);
      expect(put.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      expect((await store.get(put.key)).byteLength).toBe(0);
    });

    it('stores nothing when the stream fails midway', async () => {
      const first = new TextEncoder().encode('half of an export');
      async function* broken() {
        yield first;
        throw new Error('the source went away');
      }
      await expect(store.putStream(broken())).rejects.toThrow('the source went away');
      expect(await store.has(keyOf(sha256Hex(first)))).toBe(false);
    });

    it('detects a stored object that was altered, rather than returning it', async () => {
      const put = await store.put(new TextEncoder().encode('signed policy v1\n'));
      await fixture.corrupt(put.key);
      await expect(store.get(put.key)).rejects.toMatchObject({ code: 'INTEGRITY_FAILURE' });
    });
  });
}
