import { AttestlyError } from '../../../domain/errors.ts';
import type { TMemberRole } from '../../../domain/permissions.ts';
import { hashToken, normalizeEmail } from '../../../domain/secret-tokens.ts';
import { emailDomain, mayJoinJustInTime } from '../../../domain/sso.ts';
import { recordChange } from '../../audit/record-change.ts';
import type { AppDeps, TOrganization, TSession, TUserAuth } from '../../ports.ts';
import { startSession, type TSessionPolicy } from '../sessions.ts';
import { clientSecretContext } from './configure-sso.ts';
import { codeVerifierContext, enabledConnection } from './start-sso-login.ts';

export interface TSsoLoginResult {
  token: string;
  session: TSession;
  user: TUserAuth;
  org: TOrganization;
  role: TMemberRole;
  /** True when this sign-in made the user a member (just in time). */
  joined: boolean;
  redirectAfter: string;
}

/**
 * The provider's callback. The state must be the one this browser started with and is spent on first use;
 * openid-client then exchanges the code and verifies the ID token, and the provider must vouch for the
 * email address (email_verified). The address is the account:
 *
 * - someone new whose domain is in the connection's allowed domains becomes a user and a member with the
 *   connection's role (just-in-time membership); from any other domain they are refused;
 * - an existing user is signed in only if already a member of this organization. An existing account is
 *   never joined to an organization by its single sign-on: any signed-in user can create an organization
 *   and point its connection at a provider they run, which could then claim anyone's address.
 *
 * The session follows the usual rule (sessions.ts): without TOTP the user is fully signed in; with TOTP
 * they still pass the second factor (POST /api/v1/auth/mfa), as the provider's login is not ours to trust
 * as one.
 */
export async function finishSsoLogin(
  deps: AppDeps,
  input: {
    slug: string;
    state: string;
    browserState: string | undefined;
    query: string;
    redirectUri: string;
  },
  policy: TSessionPolicy,
  sourceAddress: string | null,
): Promise<TSsoLoginResult> {
  const invalid = new AttestlyError(
    'UNAUTHENTICATED',
    'this sign-in is invalid, used or expired: start again',
  );
  const stateHash = hashToken(input.state);
  // Without this, someone could finish a sign-in they started and send the link to a victim, who would
  // then be working in the attacker's account (login CSRF).
  if (input.browserState === undefined || hashToken(input.browserState) !== stateHash) {
    throw new AttestlyError('UNAUTHENTICATED', 'this sign-in was not started in this browser: start again');
  }
  const { org, scope, connection } = await enabledConnection(deps, input.slug);
  const started = await deps.store.repos.sso.consumeLoginState(stateHash, deps.clock.now());
  if (!started || started.orgId !== org.id) throw invalid;

  const sealer = await deps.secrets();
  const identity = await deps.oidc.exchangeCode(
    {
      issuer: connection.issuer,
      clientId: connection.clientId,
      clientSecret: sealer.open(connection.clientSecretSealed, clientSecretContext(scope)),
    },
    {
      redirectUri: input.redirectUri,
      query: input.query,
      state: input.state,
      nonce: started.nonce,
      codeVerifier: sealer.open(started.codeVerifierSealed, codeVerifierContext(scope, stateHash)),
    },
  );
  const email = identity.email === null ? null : normalizeEmail(identity.email);
  if (email === null)
    throw new AttestlyError('FORBIDDEN', 'the identity provider gave no usable email address');
  if (!identity.emailVerified)
    throw new AttestlyError('FORBIDDEN', `the identity provider has not verified ${email}`);

  const { user, role, joined } = await deps.store.transaction(async (repos) => {
    const existing = await repos.users.findAuthByEmail(email);
    if (existing) {
      const role = await repos.memberships.find(scope, existing.id);
      if (!role) {
        throw new AttestlyError(
          'FORBIDDEN',
          `${email} already has an Attestly account: ask ${org.name} for an invitation, then sign in with it`,
        );
      }
      return { user: existing, role, joined: false };
    }
    if (!mayJoinJustInTime(email, connection.allowedDomains)) {
      throw new AttestlyError(
        'FORBIDDEN',
        `${emailDomain(email)} addresses may not join ${org.name} by single sign-on: ask for an invitation`,
      );
    }
    const id = deps.newId();
    await repos.users.create({ id, email });
    await repos.memberships.add(scope, id, connection.jitRole);
    await recordChange(
      repos,
      scope,
      { ...deps, actor: { ...deps.actor, type: 'user', id: email } },
      'membership.added',
      { type: 'user', id },
      { email, role: connection.jitRole, via: 'sso', issuer: identity.issuer },
    );
    return { user: await repos.users.getAuth(id), role: connection.jitRole, joined: true };
  });
  const { token, session } = await startSession(deps, user, policy, sourceAddress, org.id);
  return { token, session, user, org, role, joined, redirectAfter: started.redirectAfter };
}
