import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { TByteChunks } from '../../app/ports.ts';
import { keyForDigest } from './content-address.ts';

/**
 * Writes a stream of chunks to a new file at `path` while hashing them, for blobs too large to hold in
 * memory at once: the content address is known only once the last chunk is in. The caller moves the file
 * under its key (or uploads it) and removes it.
 */
export async function spoolToFile(
  chunks: TByteChunks,
  path: string,
): Promise<{ key: string; sha256: string; digest: Buffer; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const file = await open(path, 'wx');
  try {
    for await (const chunk of chunks) {
      hash.update(chunk);
      sizeBytes += chunk.byteLength;
      for (let done = 0; done < chunk.byteLength; ) {
        const { bytesWritten } = await file.write(chunk, done, chunk.byteLength - done);
        done += bytesWritten;
      }
    }
  } finally {
    await file.close();
  }
  return { ...keyForDigest(hash.digest()), sizeBytes };
}
