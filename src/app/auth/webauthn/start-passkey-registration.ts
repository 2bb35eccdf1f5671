import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/server';
import { AttestlyError } from '../../../domain/errors.ts';
import {
  CHALLENGE_MINUTES,
  MAX_PASSKEYS_PER_USER,
  type TRelyingParty,
  userHandleFor,
} from '../../../domain/webauthn.ts';
import type { AppDeps, TSession, TUserAuth } from '../../ports.ts';
import { issueChallenge } from './challenges.ts';

/**
 * Passkeys are managed only from a session that reaches the whole account. A single sign-on session is
 * vouched for by one organization's identity provider; a passkey added there would sign in everywhere,
 * handing that provider (or whoever runs it) the user's other organizations.
 */
export function requireAccountSession(session: TSession): void {
  if (session.orgId !== null) {
    throw new AttestlyError(
      'FORBIDDEN',
      'sign in with your password or a passkey to manage passkeys: a single sign-on session reaches only its organization',
    );
  }
}

/**
 * The options for navigator.credentials.create(): a challenge for this user, and their existing passkeys
 * to exclude, so one authenticator is not registered twice. A discoverable credential is preferred, so the
 * passkey can also sign in without a password; user verification is preferred, not required, so a
 * security key without a PIN still serves as a second factor.
 */
export async function startPasskeyRegistration(
  deps: AppDeps,
  rp: TRelyingParty,
  user: TUserAuth,
  session: TSession,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  requireAccountSession(session);
  const existing = await deps.store.repos.webauthn.listCredentials(user.id);
  if (existing.length >= MAX_PASSKEYS_PER_USER) {
    throw new AttestlyError(
      'CONFLICT',
      `an account has at most ${MAX_PASSKEYS_PER_USER} passkeys: remove one first`,
    );
  }
  const challenge = await issueChallenge(deps, 'register', user.id);
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.email,
    userID: userHandleFor(user.id),
    challenge,
    timeout: CHALLENGE_MINUTES * 60_000,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
}
