import { z } from 'zod';

// WebAuthn passkeys: the rules that need no library and no database. Signature checks themselves are
// @simplewebauthn/server's (app/auth/webauthn); what is decided here is who the relying party is, how
// long a challenge lives, and which signature counters are believable.

/** A challenge is spent once and lives this long: enough for a person to touch a key or unlock a phone. */
export const CHALLENGE_MINUTES = 5;
/** Each passkey is listed in every registration's excludeCredentials, so the list stays short. */
export const MAX_PASSKEYS_PER_USER = 20;
export const PASSKEY_NAME_MAX = 100;

export interface TRelyingParty {
  /** The RP ID: the public URL's host name, which the browser checks against the page's origin. */
  id: string;
  /** The one origin whose pages may use these passkeys. */
  origin: string;
  /** The name an authenticator shows next to the account. */
  name: string;
}

/** The relying party of a server reached at publicUrl. */
export function relyingPartyOf(publicUrl: string): TRelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, origin: url.origin, name: 'Attestly' };
}

/**
 * The WebAuthn user handle: the user's id (a UUID, so nothing personal goes to the authenticator). The
 * same user always gets the same handle, so an authenticator keeps one passkey per account and a sign-in
 * without a password can be checked against the credential's owner.
 */
export function userHandleFor(userId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(userId);
}

export function userHandleMatches(userHandle: string | undefined, userId: string): boolean {
  return userHandle === undefined || userHandle === Buffer.from(userHandleFor(userId)).toString('base64url');
}

/** A passkey's display name: trimmed, "Passkey" when none is given. */
export function passkeyName(name: string | undefined): { name: string } | { problem: string } {
  const value = (name ?? '').trim();
  if (value.length > PASSKEY_NAME_MAX)
    return { problem: `a passkey name has at most ${PASSKEY_NAME_MAX} characters` };
  return { name: value === '' ? 'Passkey' : value };
}

const ZClientData = z.object({ challenge: z.string().min(1).max(512) });

/**
 * The challenge a response signed, read from its clientDataJSON (base64url), so the stored challenge can
 * be looked up and spent before anything else is believed; null when it cannot be read. The verifier
 * checks it again against what was spent.
 */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const parsed = ZClientData.safeParse(
      JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')),
    );
    return parsed.success ? parsed.data.challenge : null;
  } catch {
    return null;
  }
}

/** The signature counter in authenticator data (bytes 33–36, big-endian); null when it is too short. */
export function signCountOf(authenticatorData: string): number | null {
  const bytes = Buffer.from(authenticatorData, 'base64url');
  return bytes.length < 37 ? null : bytes.readUInt32BE(33);
}

/**
 * Whether a use's signature counter is believable. Authenticators that keep no counter always send 0 and
 * are accepted as such; once a counter has counted, each use must move it forward. A counter that stands
 * still or goes back means two copies of the key are in use (a cloned authenticator): refused.
 */
export function signCountAccepted(stored: number, received: number): boolean {
  if (stored === 0 && received === 0) return true;
  return received > stored;
}
