import { AttestlyError } from '../../../domain/errors.ts';
import { hashToken } from '../../../domain/secret-tokens.ts';
import { CHALLENGE_MINUTES, challengeOf } from '../../../domain/webauthn.ts';
import type { AppDeps, TWebAuthnChallenge } from '../../ports.ts';

// Every registration and sign-in signs a fresh challenge from us. Only its hash is stored; it is bound to
// what it was issued for (registering, or signing in as this user, or signing in without a password) and
// spent on first use, whether or not the response then checks out, so no response can be played twice.

/** A new random challenge, stored for CHALLENGE_MINUTES; the bytes go into the options for the browser. */
export async function issueChallenge(
  deps: AppDeps,
  purpose: TWebAuthnChallenge['purpose'],
  userId: string | null,
): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(deps.randomBytes(32));
  const now = deps.clock.now();
  const { repos } = deps.store;
  // Anyone may ask for sign-in options, so expired challenges are swept here to keep the table small.
  await repos.webauthn.purgeChallenges(now);
  await repos.webauthn.createChallenge({
    challengeHash: hashToken(Buffer.from(bytes).toString('base64url')),
    userId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
  });
  return bytes;
}

/**
 * Spends the challenge a response signed and returns it, for the verifier to compare with the response;
 * throws `refusal` when it was never issued for this, was already used, or expired.
 */
export async function spendChallenge(
  deps: AppDeps,
  clientDataJSON: string,
  expected: { purpose: TWebAuthnChallenge['purpose']; userId: string | null },
  refusal: AttestlyError,
): Promise<string> {
  const challenge = challengeOf(clientDataJSON);
  if (challenge === null) throw new AttestlyError(refusal.code, 'the response carries no readable challenge');
  const spent = await deps.store.repos.webauthn.consumeChallenge(
    hashToken(challenge),
    expected,
    deps.clock.now(),
  );
  if (!spent) throw refusal;
  return challenge;
}
