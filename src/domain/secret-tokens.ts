import { createHash } from 'node:crypto';

// Bearer secrets (sessions, API tokens, setup links) are random strings shown once; only their SHA-256 is
// stored, so a database leak gives an attacker nothing to present. A readable prefix says what a token is.

export type TTokenKind = 'session' | 'api' | 'setup' | 'invite' | 'demo' | 'trust' | 'enrolment' | 'device';
const PREFIX: Record<TTokenKind, string> = {
  session: 'atls',
  api: 'atla',
  setup: 'atlu',
  invite: 'atli',
  demo: 'atld',
  trust: 'atlt',
  enrolment: 'atle',
  device: 'atlh',
};

export function formatToken(kind: TTokenKind, random: Uint8Array): string {
  return `${PREFIX[kind]}_${Buffer.from(random).toString('base64url')}`;
}

/** Whether a presented string says it is a token of this kind (its prefix); only the hash lookup proves it. */
export function isTokenKind(token: string, kind: TTokenKind): boolean {
  return token.startsWith(`${PREFIX[kind]}_`);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Passwords: long enough to resist guessing, short enough to hash without a denial of service. */
export function checkPasswordStrength(password: string): string | null {
  if (password.length < 12) return 'a password needs at least 12 characters';
  if (password.length > 256) return 'a password has at most 256 characters';
  return null;
}

export function normalizeEmail(email: string): string | null {
  const value = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 254 ? value : null;
}
