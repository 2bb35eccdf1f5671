import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

// Ed25519 signatures over exports (the audit package, the ledger's head), so someone who holds only the
// organization's public key can tell that a file came from this Attestly and was not changed since.

// PKCS #8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410): the fixed prefix, then the seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 key pair from 32 random bytes, as PEM (SPKI public key, PKCS #8 private key). */
export function ed25519KeyPairFromSeed(seed: Uint8Array): { publicKeyPem: string; privateKeyPem: string } {
  if (seed.length !== 32) throw new Error('an Ed25519 seed has 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The signature of data by the private key, base64. */
export function signEd25519(privateKeyPem: string, data: Uint8Array): string {
  return sign(null, data, createPrivateKey(privateKeyPem)).toString('base64');
}

/** Whether the signature is the public key's over exactly these bytes; false for any malformed input. */
export function verifyEd25519(publicKeyPem: string, data: Uint8Array, signatureBase64: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    const signature = Buffer.from(signatureBase64, 'base64');
    if (signature.length !== 64 || signature.toString('base64') !== signatureBase64.trim()) return false;
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}

/** SHA-256 of the DER public key, hex: what someone compares, out of band, to trust a key. */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}
