import { createHash, timingSafeEqual } from 'node:crypto';
import { AttestlyError } from './errors.ts';

// One-time recovery codes for when the authenticator is lost. Shown once, stored only as hashes.
// Pure: the random bytes are passed in.

// 32 characters, so each random byte's low five bits pick one without bias. Lower case without
// `l`, `o`, `0` and `1`, the ones people misread; `i` stays because with `l` and `1` gone it has
// nothing left to be confused with, and it makes the count a power of two.
const ALPHABET = '23456789abcdefghijkmnpqrstuvwxyz';
const GROUPS = 3;
const GROUP_LENGTH = 4;
const CODE_LENGTH = GROUPS * GROUP_LENGTH; // 12 characters × 5 bits = 60 bits of entropy
const NORMALIZED_PATTERN = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);
const SHA256_HEX_LENGTH = 64;

/** Codes like `k7dq-m2xp-9wfa`, all distinct. */
export function newRecoveryCodes(randomBytes: (n: number) => Uint8Array, count = 10): string[] {
  if (!Number.isSafeInteger(count) || count < 1 || count > 100) {
    throw new AttestlyError('INVALID_INPUT', 'The number of recovery codes must be from 1 to 100.', {
      count,
    });
  }
  const codes = new Set<string>();
  // At 60 bits a repeat means the random source is broken, so give up rather than loop on it.
  for (let attempt = 0; codes.size < count && attempt < count + 10; attempt++) {
    codes.add(oneCode(randomBytes));
  }
  if (codes.size < count) {
    throw new AttestlyError('INTERNAL', 'The random source kept repeating itself.');
  }
  return [...codes];
}

/** What people may vary when typing a code: case, dashes and spaces. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '');
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code), 'utf8').digest('hex');
}

/**
 * Index of the stored hash (of the still unused codes) that `code` matches, or -1. Every hash is
 * compared in constant time and the loop never stops early, so timing does not reveal which one matched.
 */
export function matchRecoveryCode(code: string, hashes: string[]): number {
  // Something that is not even shaped like a code cannot match; refusing it early reveals nothing secret.
  if (!NORMALIZED_PATTERN.test(normalizeRecoveryCode(code))) return -1;
  const given = Buffer.from(hashRecoveryCode(code), 'ascii');
  let found = -1;
  hashes.forEach((stored, index) => {
    if (stored.length !== SHA256_HEX_LENGTH) return;
    const equal = timingSafeEqual(given, Buffer.from(stored.toLowerCase(), 'ascii'));
    if (equal && found === -1) found = index;
  });
  return found;
}

function oneCode(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(CODE_LENGTH);
  if (bytes.length !== CODE_LENGTH) {
    throw new AttestlyError('INTERNAL', `Expected ${CODE_LENGTH} random bytes, got ${bytes.length}.`);
  }
  const chars = Array.from(bytes, (byte) => ALPHABET.charAt(byte & 31));
  const groups: string[] = [];
  for (let i = 0; i < CODE_LENGTH; i += GROUP_LENGTH) groups.push(chars.slice(i, i + GROUP_LENGTH).join(''));
  return groups.join('-');
}
