import { createHash } from 'node:crypto';
import { AttestlyError } from '../../domain/errors.ts';

// What every blob store shares: a blob's key is its SHA-256, and bytes read back must still match it.

const KEY = /^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

export function isBlobKey(key: string): boolean {
  return KEY.test(key);
}

/** The key, or INVALID_INPUT: keys come from the database, but a bad one must never become a path. */
export function checkBlobKey(key: string): string {
  if (!KEY.test(key)) throw new AttestlyError('INVALID_INPUT', `not a blob key: ${key}`);
  return key;
}

export function keyFor(bytes: Uint8Array): { key: string; sha256: string; digest: Buffer } {
  return keyForDigest(createHash('sha256').update(bytes).digest());
}

/** The key of a SHA-256 digest computed elsewhere, as a stream was hashed. */
export function keyForDigest(digest: Buffer): { key: string; sha256: string; digest: Buffer } {
  const sha256 = digest.toString('hex');
  return { key: `sha256/${sha256.slice(0, 2)}/${sha256}`, sha256, digest };
}

/**
 * Whoever can write to the store could replace a file, and disks do rot: the key is the promise, so the
 * bytes are held to it rather than handed out altered.
 */
export function checkIntegrity(key: string, bytes: Uint8Array): Uint8Array {
  const actual = keyFor(bytes).sha256;
  if (actual !== key.slice(-64)) {
    throw new AttestlyError('INTEGRITY_FAILURE', `blob ${key} does not match its hash`, {
      key,
      actualSha256: actual,
    });
  }
  return bytes;
}
