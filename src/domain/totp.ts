import { createHmac, timingSafeEqual } from 'node:crypto';
import { AttestlyError } from './errors.ts';

// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) for the second factor: HMAC-SHA-1, six
// digits, 30-second steps, which is what every authenticator app accepts without extra parameters.
// Pure: the time and the random bytes are passed in.

const PERIOD_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20; // 160 bits, the key length RFC 4226 recommends
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const CODE_PATTERN = /^[0-9]{6}$/;

export type TTotpVerification = { ok: true; step: number } | { ok: false };

export interface TTotpVerifyOptions {
  /** How many steps either side of the current one are accepted, for clock drift; 1 unless told. */
  window?: number;
  /** The step of the last accepted code; it and every earlier step are refused so a code works once. */
  lastUsedStep?: number | null;
}

export interface TOtpauthInput {
  secret: string;
  accountName: string;
  issuer: string;
}

/** RFC 4648 base32, upper case and without padding: the form authenticator apps expect in a URI. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32_ALPHABET.charAt((buffer >>> bits) & 31);
    }
  }
  if (bits > 0) out += BASE32_ALPHABET.charAt((buffer << (5 - bits)) & 31);
  return out;
}

/** Accepts what people paste or type: lower case, spaces and trailing padding. */
export function base32Decode(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '').toUpperCase().replace(/=+$/, '');
  // 1, 3 or 6 characters past a full 8-character block cannot come from any whole number of bytes.
  if ([1, 3, 6].includes(clean.length % 8)) {
    throw new AttestlyError('INVALID_INPUT', 'Base32 text has an impossible length.', {
      length: clean.length,
    });
  }
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value === -1) {
      throw new AttestlyError('INVALID_INPUT', 'Base32 text contains a character outside A-Z and 2-7.');
    }
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

export function newTotpSecret(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(SECRET_BYTES);
  // A short read would silently weaken every secret made from it.
  if (bytes.length !== SECRET_BYTES) {
    throw new AttestlyError('INTERNAL', `Expected ${SECRET_BYTES} random bytes, got ${bytes.length}.`);
  }
  return base32Encode(bytes);
}

export function totpCode(secret: string, at: Date): string {
  return hotp(secretKey(secret), stepAt(at));
}

/**
 * Checks a code against the steps around `at`. On success the caller stores `step` and passes it back
 * as `lastUsedStep`, so the same code (or an older one) cannot be replayed within its window.
 */
export function verifyTotp(
  secret: string,
  code: string,
  at: Date,
  opts: TTotpVerifyOptions = {},
): TTotpVerification {
  const window = opts.window ?? 1;
  const lastUsedStep = opts.lastUsedStep ?? null;
  if (!Number.isSafeInteger(window) || window < 0 || window > 10) {
    throw new AttestlyError('INVALID_INPUT', 'The TOTP window must be a whole number from 0 to 10.', {
      window,
    });
  }
  if (lastUsedStep !== null && !Number.isSafeInteger(lastUsedStep)) {
    throw new AttestlyError('INVALID_INPUT', 'The last used TOTP step must be a whole number.');
  }
  const key = secretKey(secret);
  const current = stepAt(at);
  if (!CODE_PATTERN.test(code)) return { ok: false };
  const given = Buffer.from(code, 'ascii');
  // Oldest first, so a code that happens to repeat across steps burns as little of the window as possible.
  for (let step = current - window; step <= current + window; step++) {
    if (step < 0 || (lastUsedStep !== null && step <= lastUsedStep)) continue;
    if (timingSafeEqual(given, Buffer.from(hotp(key, step), 'ascii'))) return { ok: true, step };
  }
  return { ok: false };
}

/** The Key URI authenticator apps read from a QR code: `otpauth://totp/Issuer:account?...`. */
export function otpauthUri({ secret, accountName, issuer }: TOtpauthInput): string {
  // The label splits on its first colon, so neither part may contain one.
  for (const [name, value] of [
    ['issuer', issuer],
    ['accountName', accountName],
  ] as const) {
    if (value.trim() === '' || value.includes(':')) {
      throw new AttestlyError('INVALID_INPUT', `The ${name} must be non-empty and contain no colon.`);
    }
  }
  const normalized = base32Encode(secretKey(secret));
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const params: [string, string][] = [
    ['secret', normalized],
    ['issuer', issuer],
    ['algorithm', 'SHA1'],
    ['digits', String(DIGITS)],
    ['period', String(PERIOD_SECONDS)],
  ];
  const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return `otpauth://totp/${label}?${query}`;
}

function secretKey(secret: string): Uint8Array {
  const key = base32Decode(secret);
  // An empty key would make every code predictable.
  if (key.length === 0) throw new AttestlyError('INVALID_INPUT', 'The TOTP secret is empty.');
  return key;
}

function stepAt(at: Date): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms) || ms < 0) {
    throw new AttestlyError('INVALID_INPUT', 'The time for a TOTP code must be a valid date after 1970.');
  }
  return Math.floor(ms / (PERIOD_SECONDS * 1000));
}

/** RFC 4226: HMAC over the 8-byte big-endian counter, then dynamic truncation to six digits. */
function hotp(key: Uint8Array, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', key).update(message).digest();
  const offset = digest.readUInt8(digest.length - 1) & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}
