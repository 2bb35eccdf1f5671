import { AttestlyError } from '../../../domain/errors.ts';
import { hashToken } from '../../../domain/secret-tokens.ts';
import { safeRedirectPath } from '../../../domain/sso.ts';
import {
  type AppDeps,
  type OrgScope,
  scopeOf,
  type TOrganization,
  type TSsoConnection,
} from '../../ports.ts';
import { clientSecretContext } from './configure-sso.ts';

export const SSO_LOGIN_MINUTES = 10;

export function codeVerifierContext(scope: OrgScope, stateHash: string): string {
  return `org:${scope.orgId}:sso.code_verifier:${stateHash}`;
}

/** The organization and its enabled connection, or one NOT_FOUND whichever is missing. */
export async function enabledConnection(
  deps: AppDeps,
  slug: string,
): Promise<{ org: TOrganization; scope: OrgScope; connection: TSsoConnection }> {
  const notFound = new AttestlyError('NOT_FOUND', `no single sign-on for "${slug}"`);
  const org = await deps.store.repos.organizations.findBySlug(slug);
  if (!org) throw notFound;
  const scope = scopeOf(org);
  const connection = await deps.store.repos.sso.find(scope);
  if (!connection?.enabled) throw notFound;
  return { org, scope, connection };
}

const random = (deps: AppDeps) => Buffer.from(deps.randomBytes(32)).toString('base64url');

/**
 * Starts a sign-in at the organization's provider: the authorization code flow with PKCE. The state is
 * returned for the browser (the route keeps it in a cookie, so the callback only works in the browser that
 * started it) and stored only as its hash, single-use, for ten minutes; the PKCE verifier is sealed.
 */
export async function startSsoLogin(
  deps: AppDeps,
  input: { slug: string; redirectUri: string; redirectAfter?: string | undefined },
): Promise<{ authorizationUrl: string; state: string; expiresAt: Date }> {
  const redirectAfter = safeRedirectPath(input.redirectAfter);
  if (redirectAfter === null)
    throw new AttestlyError('INVALID_INPUT', 'redirect: a path on this site, such as /controls');
  const { scope, connection } = await enabledConnection(deps, input.slug);
  const sealer = await deps.secrets();
  const state = random(deps);
  const nonce = random(deps);
  // 43 characters of base64url: within RFC 7636's 43 to 128 unreserved characters.
  const codeVerifier = random(deps);
  const stateHash = hashToken(state);
  const authorizationUrl = await deps.oidc.buildAuthorizationUrl(
    {
      issuer: connection.issuer,
      clientId: connection.clientId,
      clientSecret: sealer.open(connection.clientSecretSealed, clientSecretContext(scope)),
    },
    { redirectUri: input.redirectUri, state, nonce, codeVerifier },
  );
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SSO_LOGIN_MINUTES * 60_000);
  const { repos } = deps.store;
  // Anyone may start a sign-in, so expired states are swept here to keep the table at ten minutes' worth.
  await repos.sso.purgeLoginStates(now);
  await repos.sso.createLoginState(scope, {
    stateHash,
    codeVerifierSealed: sealer.seal(codeVerifier, codeVerifierContext(scope, stateHash)),
    nonce,
    redirectAfter,
    createdAt: now,
    expiresAt,
  });
  return { authorizationUrl, state, expiresAt };
}
