import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { AttestlyError } from '../../../domain/errors.ts';
import {
  signCountAccepted,
  signCountOf,
  type TRelyingParty,
  userHandleMatches,
} from '../../../domain/webauthn.ts';
import type { AppDeps, TWebAuthnCredential } from '../../ports.ts';
import { spendChallenge } from './challenges.ts';

/** What navigator.credentials.get() gave the browser, as PublicKeyCredential.toJSON() encodes it. */
export interface TPasskeyAssertion {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    authenticatorData: string;
    signature: string;
    userHandle?: string | undefined;
  };
  authenticatorAttachment?: 'platform' | 'cross-platform' | undefined;
}

/**
 * Checks a passkey assertion and records its use; returns the credential that signed it. With a userId it
 * completes that user's sign-in (a second factor: the credential must be theirs, user presence is
 * enough); with null it is a sign-in without a password, where the credential names the user and the
 * authenticator must also have verified the user (PIN or biometrics), so the passkey stands for two
 * factors. The challenge is spent first, so a failed attempt cannot be retried with it.
 */
export async function verifyPasskeyAssertion(
  deps: AppDeps,
  rp: TRelyingParty,
  assertion: TPasskeyAssertion,
  userId: string | null,
): Promise<TWebAuthnCredential> {
  const refused = (why: string) => new AttestlyError('UNAUTHENTICATED', why);
  const challenge = await spendChallenge(
    deps,
    assertion.response.clientDataJSON,
    { purpose: 'authenticate', userId },
    refused('this passkey sign-in is unknown, used or expired: start again'),
  );
  const { repos } = deps.store;
  const credential = await repos.webauthn.findCredential(assertion.id);
  if (!credential || (userId !== null && credential.userId !== userId)) {
    throw refused('this passkey is not registered with this account');
  }
  if (!userHandleMatches(assertion.response.userHandle, credential.userId)) {
    throw refused('this passkey was made for another account');
  }
  // Checked here too (the verifier would refuse it as well) so that the answer says what happened.
  const received = signCountOf(assertion.response.authenticatorData);
  if (received === null) throw refused('the authenticator data is too short');
  if (!signCountAccepted(credential.counter, received)) {
    throw refused("this passkey's signature counter went backwards: it may have been copied");
  }
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response: { ...assertion, clientExtensionResults: {} },
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: credential.id,
        publicKey: new Uint8Array(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports,
      },
      requireUserVerification: userId === null,
    });
  } catch (error) {
    throw refused(`the passkey could not be verified: ${(error as Error).message}`);
  }
  if (!result.verified) throw refused('the passkey signature does not verify');
  const at = deps.clock.now();
  const counter = result.authenticationInfo.newCounter;
  // Compare-and-set on the counter: of two assertions racing from copies of one key, only one lands.
  if (
    !(await repos.webauthn.recordUse(credential.id, {
      fromCounter: credential.counter,
      toCounter: counter,
      at,
    }))
  ) {
    throw refused('this passkey was used by another sign-in at the same moment: try again');
  }
  return { ...credential, counter, lastUsedAt: at };
}
