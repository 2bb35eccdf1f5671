import { AttestlyError } from '../../../domain/errors.ts';
import type { AppDeps, TSession, TUserAuth } from '../../ports.ts';
import { requireAccountSession } from './start-passkey-registration.ts';

/**
 * Removes one of the user's own passkeys; it stops working at once. Removing the last one (without TOTP)
 * leaves the account with a password alone, and organizations that require a second factor refuse it
 * until one is enrolled again.
 */
export async function removePasskey(
  deps: AppDeps,
  user: TUserAuth,
  session: TSession,
  id: string,
): Promise<void> {
  requireAccountSession(session);
  if (!(await deps.store.repos.webauthn.removeCredential(user.id, id))) {
    throw new AttestlyError('NOT_FOUND', 'you have no passkey with this id');
  }
}
