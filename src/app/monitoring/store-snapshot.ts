import { snapshotChunks, type TSnapshot } from '../../domain/monitoring/snapshot.ts';
import type { BlobStore } from '../ports.ts';

/** About this many bytes per piece handed to the blob store: few writes, little memory. */
const BATCH = 1 << 20;

/**
 * The snapshot's canonical JSON in UTF-8 pieces of about a MiB, never as one string: each resource's text
 * is encoded straight into the current piece, with no joined string in between.
 */
export function* snapshotBytes(snapshot: TSnapshot): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let piece = new Uint8Array(BATCH);
  let used = 0;
  for (const chunk of snapshotChunks(snapshot)) {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (chunk.length * 3 > piece.byteLength - used) {
      if (used > 0) yield piece.subarray(0, used);
      piece = new Uint8Array(Math.max(BATCH, chunk.length * 3));
      used = 0;
    }
    used += encoder.encodeInto(chunk, piece.subarray(used)).written;
  }
  if (used > 0) yield piece.subarray(0, used);
}

/**
 * Stores a run's evidence snapshot, content-addressed by the SHA-256 of its canonical JSON, streaming it
 * so that no inventory is too large to keep (a single string stops at about a million resources).
 */
export function storeSnapshot(
  blobs: BlobStore,
  snapshot: TSnapshot,
): Promise<{ key: string; sha256: string; sizeBytes: number }> {
  return blobs.putStream(snapshotBytes(snapshot));
}
