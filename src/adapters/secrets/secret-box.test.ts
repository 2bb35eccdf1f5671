import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, keyIdOf } from './secret-box.ts';

const newKey = () => {
  const key = new Uint8Array(randomBytes(32));
  return { id: keyIdOf(key), key };
};
const CONTEXT = 'org:5f0c2a4e-7d1b-4c53-9a8e-1f2b3c4d5e6f:sso.client_secret';
const SECRET = 'client-secret-9f8e7d6c';

// Flip one bit of the decoded ciphertext+tag and re-encode it, so the format stays valid.
function flipByte(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const body = Buffer.from(parts[3] ?? '', 'base64url');
  body[index] = (body[index] ?? 0) ^ 0x01;
  return [...parts.slice(0, 3), body.toString('base64url')].join('.');
}

function errorOf(action: () => unknown): Error & { code?: string } {
  try {
    action();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the action to throw');
}

describe('secret box', () => {
  it('opens what it sealed, with a versioned header that names the key', () => {
    const current = newKey();
    const box = createSecretBox({ current });
    const sealed = box.seal(SECRET, CONTEXT);
    expect(sealed).toMatch(new RegExp(`^v1\\.${current.id}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+$`));
    expect(sealed).not.toContain(SECRET);
    expect(box.open(sealed, CONTEXT)).toBe(SECRET);
    expect(box.open(box.seal('', CONTEXT), CONTEXT)).toBe('');
    expect(box.open(box.seal('pässwörd 🔑', CONTEXT), CONTEXT)).toBe('pässwörd 🔑');
  });

  it('seals the same plaintext differently every time, as each seal draws a fresh IV', () => {
    const box = createSecretBox({ current: newKey() });
    const first = box.seal(SECRET, CONTEXT);
    const second = box.seal(SECRET, CONTEXT);
    expect(first).not.toBe(second);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
  });

  it('refuses to open a value under another context, so it cannot move to another row or organization', () => {
    const box = createSecretBox({ current: newKey() });
    const sealed = box.seal(SECRET, CONTEXT);
    const otherOrg = 'org:00000000-0000-4000-8000-000000000000:sso.client_secret';
    for (const context of [otherOrg, `${CONTEXT.slice(0, -1)}x`, 'org:5f0c2a4e']) {
      const error = errorOf(() => box.open(sealed, context));
      expect(error).toMatchObject({ code: 'INTERNAL' });
      expect(error.message).not.toContain(SECRET);
    }
  });

  it('refuses a value with any byte of its ciphertext or tag flipped', () => {
    const box = createSecretBox({ current: newKey() });
    const sealed = box.seal(SECRET, CONTEXT);
    const length = Buffer.from(sealed.split('.')[3] ?? '', 'base64url').length;
    for (const index of [0, Math.floor(length / 2), length - 1]) {
      const error = errorOf(() => box.open(flipByte(sealed, index), CONTEXT));
      expect(error).toMatchObject({ code: 'INTERNAL' });
      expect(error.message).not.toContain(SECRET);
    }
    const parts = sealed.split('.');
    const iv = Buffer.from(parts[2] ?? '', 'base64url');
    iv[0] = (iv[0] ?? 0) ^ 0x01;
    const alteredIv = [parts[0], parts[1], iv.toString('base64url'), parts[3]].join('.');
    expect(() => box.open(alteredIv, CONTEXT)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('opens values sealed under a previous key after rotation, and flags them for re-sealing', () => {
    const oldKey = newKey();
    const newer = newKey();
    const sealedBefore = createSecretBox({ current: oldKey }).seal(SECRET, CONTEXT);

    const rotated = createSecretBox({ current: newer, previous: [oldKey] });
    expect(rotated.open(sealedBefore, CONTEXT)).toBe(SECRET);
    expect(rotated.needsRotation(sealedBefore)).toBe(true);

    const resealed = rotated.seal(rotated.open(sealedBefore, CONTEXT), CONTEXT);
    expect(resealed.split('.')[1]).toBe(newer.id);
    expect(rotated.needsRotation(resealed)).toBe(false);
    expect(rotated.open(resealed, CONTEXT)).toBe(SECRET);
  });

  it('refuses a value sealed with an unknown key without revealing the plaintext or any key', () => {
    const retired = newKey();
    const current = newKey();
    const sealed = createSecretBox({ current: retired }).seal(SECRET, CONTEXT);
    const error = errorOf(() => createSecretBox({ current }).open(sealed, CONTEXT));
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect(error.message).toContain(retired.id);
    for (const leak of [SECRET, ...[retired.key, current.key].flatMap(encodings)]) {
      expect(error.message).not.toContain(leak);
    }
  });

  it('refuses malformed values with one INTERNAL error', () => {
    const current = newKey();
    const box = createSecretBox({ current });
    const sealed = box.seal(SECRET, CONTEXT);
    const [, id, iv, body] = sealed.split('.');
    for (const bad of [
      '',
      SECRET,
      `v2.${id}.${iv}.${body}`,
      `v1.${id}.${iv}`,
      `v1.${id}.${iv}.${body}.extra`,
      `v1.XYZ.${iv}.${body}`,
      `v1.${id}.${iv}.${body}*`,
      `v1.${id}.${iv}.`,
      `v1.${id}.AAAA.${body}`,
      `v1.${id}.${iv}.${'A'.repeat(20)}`,
    ]) {
      expect(() => box.open(bad, CONTEXT)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    }
    expect(() => box.needsRotation('not sealed')).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('refuses keys that are not 32 bytes, ids that do not match their key, and empty contexts', () => {
    const short = new Uint8Array(16);
    expect(() => createSecretBox({ current: { id: keyIdOf(short), key: short } })).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
    const good = newKey();
    expect(() => createSecretBox({ current: { id: 'deadbeef', key: good.key } })).toThrow(/does not match/);
    expect(() => createSecretBox({ current: good, previous: [{ id: good.id, key: short }] })).toThrow();
    expect(() => createSecretBox({ current: good }).seal(SECRET, '')).toThrow(/context/);
  });

  it('derives the key id from the first 8 hex characters of the key SHA-256', () => {
    expect(keyIdOf(new Uint8Array(32))).toBe('66687aad');
  });
});

function encodings(key: Uint8Array): string[] {
  const buffer = Buffer.from(key);
  return [buffer.toString('hex'), buffer.toString('base64'), buffer.toString('base64url')];
}
