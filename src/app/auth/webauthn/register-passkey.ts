import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { AttestlyError } from '../../../domain/errors.ts';
import { MAX_PASSKEYS_PER_USER, passkeyName, type TRelyingParty } from '../../../domain/webauthn.ts';
import type { AppDeps, TSession, TUserAuth, TWebAuthnCredential } from '../../ports.ts';
import { spendChallenge } from './challenges.ts';
import { requireAccountSession } from './start-passkey-registration.ts';

/** What navigator.credentials.create() gave the browser, as PublicKeyCredential.toJSON() encodes it. */
export interface TPasskeyRegistration {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; attestationObject: string; transports?: string[] | undefined };
  authenticatorAttachment?: 'platform' | 'cross-platform' | undefined;
}

/**
 * Finishes a registration: the response must sign the challenge issued to this user, come from our origin
 * and RP ID, and carry a public key in an algorithm we offered. No attestation is asked for (it would only
 * say which make of authenticator it is), so the key is trusted as this user's because their signed-in
 * session presented it.
 */
export async function registerPasskey(
  deps: AppDeps,
  rp: TRelyingParty,
  user: TUserAuth,
  session: TSession,
  input: { credential: TPasskeyRegistration; name?: string | undefined },
): Promise<TWebAuthnCredential> {
  requireAccountSession(session);
  const named = passkeyName(input.name);
  if ('problem' in named) throw new AttestlyError('INVALID_INPUT', named.problem);
  const { credential } = input;
  const challenge = await spendChallenge(
    deps,
    credential.response.clientDataJSON,
    { purpose: 'register', userId: user.id },
    new AttestlyError('INVALID_INPUT', 'this passkey registration is unknown, used or expired: start again'),
  );
  let registered: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    registered = await verifyRegistrationResponse({
      response: { ...credential, clientExtensionResults: {} },
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch (error) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `the passkey could not be verified: ${(error as Error).message}`,
    );
  }
  if (!registered.verified) throw new AttestlyError('INVALID_INPUT', 'the passkey could not be verified');

  const { repos } = deps.store;
  if ((await repos.webauthn.listCredentials(user.id)).length >= MAX_PASSKEYS_PER_USER) {
    throw new AttestlyError(
      'CONFLICT',
      `an account has at most ${MAX_PASSKEYS_PER_USER} passkeys: remove one first`,
    );
  }
  const key = registered.registrationInfo.credential;
  const stored: TWebAuthnCredential = {
    id: key.id,
    userId: user.id,
    publicKey: key.publicKey,
    counter: key.counter,
    transports: key.transports ?? [],
    name: named.name,
    createdAt: deps.clock.now(),
    lastUsedAt: null,
  };
  if (!(await repos.webauthn.addCredential(stored))) {
    throw new AttestlyError('CONFLICT', 'this passkey is already registered');
  }
  return stored;
}
