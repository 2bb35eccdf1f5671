import { AttestlyError } from '../../domain/errors.ts';
import { normalizeEmail } from '../../domain/secret-tokens.ts';
import type { AppDeps, TSession } from '../ports.ts';
import { startSession, type TSessionPolicy } from './sessions.ts';

// Failed sign-ins are counted over a sliding window. Limits are per address (one source guessing many
// accounts), per account and address (one source guessing one account), and per account overall (many
// sources). Every lock ends by itself when the window passes, so nobody can lock another user out forever,
// and a source that guesses one account locks only itself out of it.
export const SIGN_IN_LIMITS = { windowMinutes: 15, perAddress: 30, perAccountAndAddress: 5, perAccount: 50 };

// Verifying against a fixed hash when the account does not exist keeps the timing the same either way.
let decoy: Promise<string> | undefined;

export interface TSignInResult {
  token: string;
  session: TSession;
  mfaRequired: boolean;
}

export async function signIn(
  deps: AppDeps,
  input: { email: string; password: string; sourceAddress: string },
  policy: TSessionPolicy,
): Promise<TSignInResult> {
  const { repos } = deps.store;
  const email = normalizeEmail(input.email) ?? input.email.trim().toLowerCase();
  const now = deps.clock.now();
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const retry = `try again in ${SIGN_IN_LIMITS.windowMinutes} minutes`;
  if (
    (await repos.signInFailures.count({ address: input.sourceAddress }, since)) >= SIGN_IN_LIMITS.perAddress
  ) {
    throw new AttestlyError('RATE_LIMITED', `too many failed sign-ins from this address; ${retry}`);
  }
  if (
    (await repos.signInFailures.count({ email, address: input.sourceAddress }, since)) >=
      SIGN_IN_LIMITS.perAccountAndAddress ||
    (await repos.signInFailures.count({ email }, since)) >= SIGN_IN_LIMITS.perAccount
  ) {
    throw new AttestlyError('RATE_LIMITED', `too many failed sign-ins for this account; ${retry}`);
  }
  const user = await repos.users.findAuthByEmail(email);
  decoy ??= deps.passwords.hash('attestly-decoy-password');
  const ok = user?.passwordHash
    ? await deps.passwords.verify(user.passwordHash, input.password)
    : (await deps.passwords.verify(await decoy, input.password)) && false;
  if (!user || !ok) {
    await repos.signInFailures.record(email, input.sourceAddress, now);
    throw new AttestlyError('UNAUTHENTICATED', 'wrong email or password');
  }
  await repos.signInFailures.clearForEmail(email);
  const { token, session } = await startSession(deps, user, policy, input.sourceAddress);
  return { token, session, mfaRequired: !session.mfaVerified };
}
