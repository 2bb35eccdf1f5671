import {
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { AttestlyError } from '../../../domain/errors.ts';
import { CHALLENGE_MINUTES, type TRelyingParty } from '../../../domain/webauthn.ts';
import type { AppDeps, TSession, TUserAuth } from '../../ports.ts';
import { issueChallenge } from './challenges.ts';
import { type TPasskeyAssertion, verifyPasskeyAssertion } from './verify-passkey-assertion.ts';

/**
 * The options for navigator.credentials.get() when a signed-in session waits for its second factor: a
 * challenge for this user, answerable only by one of their passkeys. The password was the first factor,
 * so the authenticator need not verify the user again.
 */
export async function startPasskeySecondFactor(
  deps: AppDeps,
  rp: TRelyingParty,
  user: TUserAuth,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const credentials = await deps.store.repos.webauthn.listCredentials(user.id);
  if (credentials.length === 0) throw new AttestlyError('INVALID_INPUT', 'this account has no passkey');
  const challenge = await issueChallenge(deps, 'authenticate', user.id);
  return generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: credentials.map((c) => ({ id: c.id, transports: c.transports })),
    challenge,
    timeout: CHALLENGE_MINUTES * 60_000,
    userVerification: 'discouraged',
  });
}

/** Completes a sign-in with an assertion from one of the user's passkeys, as POST /auth/mfa does with TOTP. */
export async function verifyPasskeySecondFactor(
  deps: AppDeps,
  rp: TRelyingParty,
  user: TUserAuth,
  session: TSession,
  assertion: TPasskeyAssertion,
): Promise<void> {
  await verifyPasskeyAssertion(deps, rp, assertion, user.id);
  await deps.store.repos.sessions.setMfaVerified(session.idHash);
}
