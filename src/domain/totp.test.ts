import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/support/errors.ts';
import { base32Decode, base32Encode, newTotpSecret, otpauthUri, totpCode, verifyTotp } from './totp.ts';

const ascii = (text: string) => new TextEncoder().encode(text);
const at = (seconds: number) => new Date(seconds * 1000);

// RFC 6238 Appendix B, SHA-1 rows: the key is the ASCII bytes of "12345678901234567890".
const RFC_SECRET = base32Encode(ascii('12345678901234567890'));
const RFC_VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

describe('base32', () => {
  it('matches the RFC 4648 test vectors, without padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(ascii(plain))).toBe(encoded);
      expect(new TextDecoder().decode(base32Decode(encoded))).toBe(plain);
    }
  });

  it('round-trips every byte value and every length', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let length = 0; length <= 41; length++) {
      const bytes = all.subarray(200 - length, 200);
      expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    }
    expect(base32Decode(base32Encode(all))).toEqual(all);
  });

  it('tolerates lower case, spaces and padding', () => {
    expect(new TextDecoder().decode(base32Decode('mzxw 6ytb oi======'))).toBe('foobar');
    expect(new TextDecoder().decode(base32Decode(' MZXW6=== '))).toBe('foo');
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    for (const bad of ['MZXW1', 'MZXW8', 'MZ-XW6', 'MZ=XW6', 'MZXWÖ', 'M', 'MZX', 'MZXW6Y']) {
      expect(errorOf(() => base32Decode(bad)).code).toBe('INVALID_INPUT');
    }
  });
});

describe('newTotpSecret', () => {
  it('encodes 20 random bytes', () => {
    const secret = newTotpSecret((n) => new Uint8Array(n).fill(0xff));
    expect(secret).toBe('7'.repeat(32));
    expect(base32Decode(secret)).toHaveLength(20);
  });

  it('refuses a short read from the random source', () => {
    expect(errorOf(() => newTotpSecret(() => new Uint8Array(8))).code).toBe('INTERNAL');
  });
});

describe('totpCode', () => {
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    for (const [seconds, code] of RFC_VECTORS) {
      expect(totpCode(RFC_SECRET, at(seconds))).toBe(code);
    }
  });

  it('accepts the secret in lower case with spaces', () => {
    const spaced = RFC_SECRET.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(totpCode(spaced, at(59))).toBe('287082');
  });

  it('refuses an empty secret and an invalid or pre-1970 time', () => {
    expect(errorOf(() => totpCode('', at(59))).code).toBe('INVALID_INPUT');
    expect(errorOf(() => totpCode(RFC_SECRET, new Date(Number.NaN))).code).toBe('INVALID_INPUT');
    expect(errorOf(() => totpCode(RFC_SECRET, at(-1))).code).toBe('INVALID_INPUT');
  });
});

describe('verifyTotp', () => {
  const now = at(1111111111); // step 37037037
  const step = 37037037;
  const codeAt = (offset: number) => totpCode(RFC_SECRET, at(1111111111 + offset * 30));

  it('accepts the current, previous and next step and returns the step it matched', () => {
    expect(verifyTotp(RFC_SECRET, '050471', now)).toEqual({ ok: true, step });
    expect(verifyTotp(RFC_SECRET, codeAt(-1), now)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(RFC_SECRET, codeAt(1), now)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses codes two steps away unless the window is widened', () => {
    expect(verifyTotp(RFC_SECRET, codeAt(-2), now)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeAt(2), now)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeAt(2), now, { window: 2 })).toEqual({ ok: true, step: step + 2 });
    expect(verifyTotp(RFC_SECRET, codeAt(1), now, { window: 0 })).toEqual({ ok: false });
  });

  it('refuses a replayed code and any older one via lastUsedStep', () => {
    const first = verifyTotp(RFC_SECRET, '050471', now);
    expect(first).toEqual({ ok: true, step });
    const lastUsedStep = first.ok ? first.step : null;
    expect(verifyTotp(RFC_SECRET, '050471', now, { lastUsedStep })).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeAt(-1), now, { lastUsedStep })).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeAt(1), now, { lastUsedStep })).toEqual({ ok: true, step: step + 1 });
    expect(verifyTotp(RFC_SECRET, '050471', now, { lastUsedStep: null })).toEqual({ ok: true, step });
  });

  it('refuses wrong codes, wrong lengths and non-digits', () => {
    for (const bad of ['050472', '05047', '0504710', '', ' 050471', '050 471', '05047a', '０５０４７１']) {
      expect(verifyTotp(RFC_SECRET, bad, now)).toEqual({ ok: false });
    }
  });

  it('refuses nonsensical options', () => {
    for (const window of [-1, 1.5, 11]) {
      expect(errorOf(() => verifyTotp(RFC_SECRET, '050471', now, { window })).code).toBe('INVALID_INPUT');
    }
    expect(errorOf(() => verifyTotp(RFC_SECRET, '050471', now, { lastUsedStep: 0.5 })).code).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('otpauthUri', () => {
  it('builds the key URI with the label and parameters encoded', () => {
    expect(
      otpauthUri({
        secret: 'jbsw y3dp ehpk 3pxp',
        accountName: 'alice+ops@example.com',
        issuer: 'Acme & Co',
      }),
    ).toBe(
      'otpauth://totp/Acme%20%26%20Co:alice%2Bops%40example.com' +
        '?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20%26%20Co&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('refuses a colon or an empty issuer or account, and a bad secret', () => {
    const input = { secret: 'JBSWY3DPEHPK3PXP', accountName: 'alice@example.com', issuer: 'Attestly' };
    for (const bad of [
      { ...input, issuer: 'Att:estly' },
      { ...input, accountName: 'a:b' },
      { ...input, issuer: ' ' },
      { ...input, accountName: '' },
      { ...input, secret: 'not base32!' },
    ]) {
      expect(errorOf(() => otpauthUri(bad)).code).toBe('INVALID_INPUT');
    }
  });
});
