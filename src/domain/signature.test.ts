import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519KeyPairFromSeed, keyFingerprint, signEd25519, verifyEd25519 } from './signature.ts';

const seed = new Uint8Array(32).map((_, i) => i + 1);
const data = new TextEncoder().encode('ledger head 42 abc…');

describe('Ed25519 signatures', () => {
  it('makes the same key pair from the same seed, and another from another seed', () => {
    const pair = ed25519KeyPairFromSeed(seed);
    expect(pair.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(ed25519KeyPairFromSeed(seed)).toEqual(pair);
    expect(ed25519KeyPairFromSeed(new Uint8Array(32)).publicKeyPem).not.toBe(pair.publicKeyPem);
    expect(() => ed25519KeyPairFromSeed(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('verifies a signature over exactly the signed bytes with the matching public key', () => {
    const pair = ed25519KeyPairFromSeed(seed);
    const signature = signEd25519(pair.privateKeyPem, data);
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(verifyEd25519(pair.publicKeyPem, data, signature)).toBe(true);

    const tampered = Uint8Array.from(data);
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    expect(verifyEd25519(pair.publicKeyPem, tampered, signature)).toBe(false);
    const other = ed25519KeyPairFromSeed(new Uint8Array(32).fill(9));
    expect(verifyEd25519(other.publicKeyPem, data, signature)).toBe(false);
  });

  it('answers false, never throws, on malformed keys and signatures', () => {
    const pair = ed25519KeyPairFromSeed(seed);
    const signature = signEd25519(pair.privateKeyPem, data);
    expect(verifyEd25519('not a key', data, signature)).toBe(false);
    expect(verifyEd25519(pair.publicKeyPem, data, 'not base64!')).toBe(false);
    expect(verifyEd25519(pair.publicKeyPem, data, signature.slice(0, -4))).toBe(false);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(verifyEd25519(rsa.toString(), data, signature)).toBe(false);
  });

  it('fingerprints the DER public key: 64 hex characters, the same for the same key', () => {
    const pair = ed25519KeyPairFromSeed(seed);
    const fingerprint = keyFingerprint(pair.publicKeyPem);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(keyFingerprint(`${pair.publicKeyPem}\n`)).toBe(fingerprint);
    expect(keyFingerprint(ed25519KeyPairFromSeed(new Uint8Array(32)).publicKeyPem)).not.toBe(fingerprint);
  });
});
