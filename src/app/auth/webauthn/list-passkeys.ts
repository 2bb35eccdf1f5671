import type { AppDeps, TUserAuth, TWebAuthnCredential } from '../../ports.ts';

/** The user's own passkeys, oldest first. */
export async function listPasskeys(deps: AppDeps, user: TUserAuth): Promise<TWebAuthnCredential[]> {
  return deps.store.repos.webauthn.listCredentials(user.id);
}
