import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BlobStore } from '../../app/ports.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { checkBlobKey, checkIntegrity, keyFor } from './content-address.ts';
import { spoolToFile } from './spool.ts';

/**
 * Evidence files stored by content: the key is the SHA-256, so a file is stored once however often it is
 * attached, and an altered file cannot hide under an old key. Writes go to a temporary file first and are
 * renamed into place, so a crash never leaves a partial blob under a real key; reads check the hash again.
 * Streamed writes spool in `<root>/tmp/`, which holds only unfinished writes.
 */
export function createFsBlobStore(root: string): BlobStore {
  const pathOf = (key: string) => {
    checkBlobKey(key);
    return join(root, key);
  };
  const has = async (key: string) => {
    try {
      await access(pathOf(key));
      return true;
    } catch {
      return false;
    }
  };
  return {
    async put(bytes) {
      const { key, sha256 } = keyFor(bytes);
      if (!(await has(key))) {
        const path = pathOf(key);
        await mkdir(dirname(path), { recursive: true });
        const tmp = `${path}.${randomUUID()}.tmp`;
        try {
          await writeFile(tmp, bytes, { flag: 'wx' });
          await rename(tmp, path);
        } finally {
          await rm(tmp, { force: true });
        }
      }
      return { key, sha256, sizeBytes: bytes.byteLength };
    },
    async putStream(chunks) {
      // The key is known only at the end: spool into the store's own tmp/ (same disk, so the rename is
      // atomic), then move the file under its key, or drop it when those bytes are already stored.
      const incoming = join(root, 'tmp');
      await mkdir(incoming, { recursive: true });
      const tmp = join(incoming, `${randomUUID()}.tmp`);
      try {
        const { key, sha256, sizeBytes } = await spoolToFile(chunks, tmp);
        if (!(await has(key))) {
          const path = pathOf(key);
          await mkdir(dirname(path), { recursive: true });
          await rename(tmp, path);
        }
        return { key, sha256, sizeBytes };
      } finally {
        await rm(tmp, { force: true });
      }
    },
    async get(key) {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw new AttestlyError('NOT_FOUND', `blob ${key} not found`);
        throw error;
      }
      return checkIntegrity(key, bytes);
    },
    has,
  };
}
