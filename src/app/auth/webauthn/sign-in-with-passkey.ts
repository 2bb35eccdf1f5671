import {
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { CHALLENGE_MINUTES, type TRelyingParty } from '../../../domain/webauthn.ts';
import type { AppDeps, TSession, TUserAuth } from '../../ports.ts';
import { startSession, type TSessionPolicy } from '../sessions.ts';
import { issueChallenge } from './challenges.ts';
import { type TPasskeyAssertion, verifyPasskeyAssertion } from './verify-passkey-assertion.ts';

/**
 * The options for a sign-in without a password: no user yet and no list of credentials (the authenticator
 * offers its discoverable passkeys for this site), and the authenticator must verify the user.
 */
export async function startPasskeySignIn(
  deps: AppDeps,
  rp: TRelyingParty,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const challenge = await issueChallenge(deps, 'authenticate', null);
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge,
    timeout: CHALLENGE_MINUTES * 60_000,
    userVerification: 'required',
  });
}

/**
 * Signs in with a passkey alone. The assertion names the credential, and so the user; with user
 * verification it is something the user has and something they know or are, so the session starts with
 * its second factor already passed.
 */
export async function signInWithPasskey(
  deps: AppDeps,
  rp: TRelyingParty,
  assertion: TPasskeyAssertion,
  policy: TSessionPolicy,
  sourceAddress: string | null,
): Promise<{ token: string; session: TSession; user: TUserAuth }> {
  const credential = await verifyPasskeyAssertion(deps, rp, assertion, null);
  const user = await deps.store.repos.users.getAuth(credential.userId);
  const { token, session } = await startSession(deps, user, policy, sourceAddress);
  if (!session.mfaVerified) await deps.store.repos.sessions.setMfaVerified(session.idHash);
  return { token, session: { ...session, mfaVerified: true }, user };
}
