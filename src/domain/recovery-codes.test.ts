import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/support/errors.ts';
import {
  hashRecoveryCode,
  matchRecoveryCode,
  newRecoveryCodes,
  normalizeRecoveryCode,
} from './recovery-codes.ts';

/** Deterministic bytes 0, 1, 2, …: easy to predict, but they repeat every eight codes. */
function countingBytes(): (n: number) => Uint8Array {
  let next = 0;
  return (n) => Uint8Array.from({ length: n }, () => next++ & 0xff);
}

/** A deterministic stand-in for crypto.randomBytes that does not repeat: SHA-256 of a counter. */
function hashedBytes(): (n: number) => Uint8Array {
  let call = 0;
  return (n) => createHash('sha256').update(`draw ${call++}`).digest().subarray(0, n);
}

describe('newRecoveryCodes', () => {
  it('makes 10 distinct codes in three dash-separated groups of four unambiguous characters', () => {
    const codes = newRecoveryCodes(hashedBytes());
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9a-km-np-z]{4}-[2-9a-km-np-z]{4}-[2-9a-km-np-z]{4}$/);
    }
    expect(newRecoveryCodes(countingBytes(), 1)).toEqual(['2345-6789-abcd']);
  });

  it('uses all 32 characters, five bits per character', () => {
    const codes = newRecoveryCodes(countingBytes(), 3).join('').replaceAll('-', '');
    expect(new Set(codes).size).toBe(32);
  });

  it('honours the count and refuses nonsensical ones', () => {
    expect(newRecoveryCodes(hashedBytes(), 1)).toHaveLength(1);
    expect(newRecoveryCodes(hashedBytes(), 100)).toHaveLength(100);
    for (const count of [0, -1, 2.5, 101]) {
      expect(errorOf(() => newRecoveryCodes(countingBytes(), count)).code).toBe('INVALID_INPUT');
    }
  });

  it('draws again on a repeat, and gives up on a source that keeps repeating or reads short', () => {
    const fresh = hashedBytes();
    let calls = 0;
    const codes = newRecoveryCodes((n) => (calls++ < 2 ? new Uint8Array(n) : fresh(n)), 3);
    expect(codes).toHaveLength(3);
    expect(codes[0]).toBe('2222-2222-2222');
    expect(errorOf(() => newRecoveryCodes((n) => new Uint8Array(n))).code).toBe('INTERNAL');
    expect(errorOf(() => newRecoveryCodes(() => new Uint8Array(4))).code).toBe('INTERNAL');
  });
});

describe('hashRecoveryCode', () => {
  it('is the SHA-256 hex of the normalized code', () => {
    expect(normalizeRecoveryCode(' K7DQ-m2xp 9wfa ')).toBe('k7dqm2xp9wfa');
    expect(hashRecoveryCode('k7dq-m2xp-9wfa')).toBe(
      createHash('sha256').update('k7dqm2xp9wfa').digest('hex'),
    );
  });

  it('ignores case, dashes and spaces', () => {
    const hash = hashRecoveryCode('k7dq-m2xp-9wfa');
    for (const variant of ['K7DQ-M2XP-9WFA', 'k7dqm2xp9wfa', 'k7dq m2xp 9wfa', ' k7dq--m2xp-9wfa ']) {
      expect(hashRecoveryCode(variant)).toBe(hash);
    }
    expect(hashRecoveryCode('k7dq-m2xp-9wfb')).not.toBe(hash);
  });
});

describe('matchRecoveryCode', () => {
  const codes = newRecoveryCodes(hashedBytes());
  const hashes = codes.map(hashRecoveryCode);

  it('returns the index of the matching hash, however the code is typed', () => {
    expect(matchRecoveryCode(codes[3] ?? '', hashes)).toBe(3);
    expect(matchRecoveryCode((codes[7] ?? '').toUpperCase().replaceAll('-', ' '), hashes)).toBe(7);
  });

  it('returns -1 for an unknown, used or malformed code', () => {
    expect(matchRecoveryCode('k7dq-m2xp-9wfa', hashes)).toBe(-1);
    const unused = hashes.filter((_, i) => i !== 3);
    expect(matchRecoveryCode(codes[3] ?? '', unused)).toBe(-1);
    expect(matchRecoveryCode('', hashes)).toBe(-1);
    expect(matchRecoveryCode('not-a-code', hashes)).toBe(-1);
    expect(matchRecoveryCode(codes[0] ?? '', [])).toBe(-1);
  });

  it('skips stored values that are not SHA-256 hex instead of throwing', () => {
    expect(matchRecoveryCode(codes[1] ?? '', ['', 'abc', ...hashes])).toBe(3);
  });
});
