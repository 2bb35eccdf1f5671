import { createHmac, timingSafeEqual } from 'node:crypto';

// The access-request form carries a token the server signed when it rendered the form: which trust center
// and when. A post without one (a form on another site, a script that never loaded the page) is refused;
// the form needs no cookie, so there is no session a forged post could ride on.

const MAX_AGE_MS = 2 * 60 * 60 * 1000;

export interface FormTokens {
  issue(slug: string, nowMs: number): string;
  check(token: string, slug: string, nowMs: number): boolean;
}

/** Signs with a key of this process: after a restart, a form rendered before it must be reloaded. */
export function createFormTokens(key: Uint8Array): FormTokens {
  const mac = (slug: string, issuedAt: number) =>
    createHmac('sha256', key).update(`trust-access-request\n${slug}\n${issuedAt}`).digest('base64url');
  return {
    issue(slug, nowMs) {
      return `${nowMs}.${mac(slug, nowMs)}`;
    },
    check(token, slug, nowMs) {
      const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match?.[1] || !match[2]) return false;
      const issuedAt = Number(match[1]);
      if (nowMs - issuedAt > MAX_AGE_MS || issuedAt - nowMs > 60_000) return false;
      const expected = Buffer.from(mac(slug, issuedAt));
      const given = Buffer.from(match[2]);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
