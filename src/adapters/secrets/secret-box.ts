import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AttestlyError } from '../../domain/errors.ts';

export interface SecretKey {
  id: string;
  key: Uint8Array;
}

export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  needsRotation(sealed: string): boolean;
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[0-9a-f]{8}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The key id is derived from the key, so it cannot drift from it and a sealed value names the exact key
 * that opens it. Eight hex characters of a SHA-256 tell a handful of keys apart without revealing
 * anything useful about a 256-bit key.
 */
export function keyIdOf(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * Encrypts credentials (SSO client secrets, integration tokens) for storage in the database.
 *
 * Sealed values read `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url): the version leaves room for another
 * format, and the key id lets `open` pick the key among the current and previous ones, so the master key
 * can be rotated while old rows are re-sealed at leisure (`needsRotation` finds them).
 *
 * AES-256-GCM with a fresh random IV per seal. The additional authenticated data is the header plus the
 * caller's context (e.g. `org:<uuid>:sso.client_secret`), so a value copied to another row, field or
 * organization, or relabelled with another version, fails to open instead of decrypting there.
 *
 * Every failure is one INTERNAL error whose message names the key id and context at most: never the
 * plaintext, the ciphertext or key material, as these messages end up in logs.
 */
export function createSecretBox(keys: { current: SecretKey; previous?: SecretKey[] }): SecretBox {
  const byId = new Map<string, Uint8Array>();
  for (const entry of [keys.current, ...(keys.previous ?? [])]) {
    checkKey(entry);
    byId.set(entry.id, entry.key);
  }
  const currentId = keys.current.id;
  const currentKey = keys.current.key;

  return {
    seal(plaintext, context) {
      checkContext(context);
      const iv = randomBytes(IV_BYTES);
      const header = `${VERSION}.${currentId}`;
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aadOf(header, context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${header}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },

    open(sealed, context) {
      checkContext(context);
      const parts = parse(sealed);
      const key = byId.get(parts.keyId);
      if (!key) {
        throw new AttestlyError(
          'INTERNAL',
          `cannot open a sealed secret for ${context}: it was sealed with key ${parts.keyId}, which is not configured`,
        );
      }
      const tagAt = parts.body.length - TAG_BYTES;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aadOf(`${VERSION}.${parts.keyId}`, context));
        decipher.setAuthTag(parts.body.subarray(tagAt));
        return Buffer.concat([decipher.update(parts.body.subarray(0, tagAt)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        // The cause from node:crypto says no more than this, and dropping it keeps buffers out of logs.
        throw new AttestlyError(
          'INTERNAL',
          `cannot open a sealed secret for ${context}: it was altered or belongs to another context`,
        );
      }
    },

    needsRotation(sealed) {
      return parse(sealed).keyId !== currentId;
    },
  };
}

function checkKey(entry: SecretKey): void {
  // The messages name the id only: the key itself must never reach an error message.
  if (entry.key.byteLength !== KEY_BYTES) {
    throw new AttestlyError('INTERNAL', `secret key ${entry.id} must be ${KEY_BYTES} bytes`);
  }
  if (entry.id !== keyIdOf(entry.key)) {
    throw new AttestlyError('INTERNAL', `secret key id ${entry.id} does not match its key; use keyIdOf(key)`);
  }
}

// An empty context would bind nothing and let a value move anywhere, which is what the context prevents.
function checkContext(context: string): void {
  if (context.length === 0) throw new AttestlyError('INTERNAL', 'a secret needs a non-empty context');
}

// The header has no dots beyond its own separator, so header and context cannot run into each other.
function aadOf(header: string, context: string): Buffer {
  return Buffer.from(`${header}.${context}`, 'utf8');
}

function parse(sealed: string): { keyId: string; iv: Buffer; body: Buffer } {
  const malformed = () => new AttestlyError('INTERNAL', 'a sealed secret is malformed');
  const parts = sealed.split('.');
  if (parts.length !== 4) throw malformed();
  const [version, keyId, ivText, bodyText] = parts as [string, string, string, string];
  if (version !== VERSION || !KEY_ID.test(keyId)) throw malformed();
  const iv = decodeBase64url(ivText);
  const body = decodeBase64url(bodyText);
  if (!iv || !body || iv.length !== IV_BYTES || body.length < TAG_BYTES) throw malformed();
  return { keyId, iv, body };
}

// Buffer.from skips characters it does not know; a strict round trip refuses them instead.
function decodeBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}
