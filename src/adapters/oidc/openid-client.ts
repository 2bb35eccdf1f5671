import * as oidc from 'openid-client';
import type { OidcClient, TOidcClientCredentials } from '../../app/ports.ts';
import { AttestlyError, isAttestlyError, type TErrorCode } from '../../domain/errors.ts';
import { checkIssuerUrl } from '../../domain/sso.ts';

// The relying party over openid-client, which does the protocol work we must not hand-roll: discovery
// (and the check that the document names the issuer we asked for), PKCE, the state and `iss` checks of the
// callback, and the ID token's signature, issuer, audience, expiry and nonce.

const TIMEOUT_SECONDS = 10;
const SCOPE = 'openid email';

/** A short, loggable reason: the provider's error code and description, or the library's message. */
function reasonOf(error: unknown): string {
  const e = (error ?? {}) as { error?: unknown; error_description?: unknown; message?: unknown };
  const text =
    typeof e.error === 'string'
      ? `${e.error}${typeof e.error_description === 'string' ? `: ${e.error_description}` : ''}`
      : typeof e.message === 'string'
        ? e.message
        : 'unknown error';
  return text.slice(0, 300);
}

async function wrapped<T>(code: TErrorCode, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isAttestlyError(error)) throw error;
    throw new AttestlyError(code, `${what}: ${reasonOf(error)}`);
  }
}

function issuerUrl(issuer: string): URL {
  const checked = checkIssuerUrl(issuer);
  if ('problem' in checked) throw new AttestlyError('INVALID_INPUT', `issuer: ${checked.problem}`);
  return checked.url;
}

/**
 * Discovers the provider and builds the client. checkIssuerUrl lets plain http through only for loopback
 * hosts, so insecure requests are allowed for those alone (tests and local development).
 */
async function configure(c: TOidcClientCredentials, onFailure: TErrorCode): Promise<oidc.Configuration> {
  const url = issuerUrl(c.issuer);
  const insecure = url.protocol === 'http:';
  const found = await wrapped(onFailure, `cannot discover the OpenID provider ${c.issuer}`, () =>
    oidc.discovery(url, c.clientId, undefined, oidc.None(), {
      timeout: TIMEOUT_SECONDS,
      execute: insecure ? [oidc.allowInsecureRequests] : [],
    }),
  );
  // client_secret_basic is the OpenID Connect default; use client_secret_post only where the provider
  // does not offer basic (openid-client would default to post, which providers registering basic refuse).
  const metadata = found.serverMetadata();
  const methods = metadata.token_endpoint_auth_methods_supported;
  const auth =
    methods && !methods.includes('client_secret_basic')
      ? oidc.ClientSecretPost(c.clientSecret)
      : oidc.ClientSecretBasic(c.clientSecret);
  const config = new oidc.Configuration(metadata, c.clientId, undefined, auth);
  config.timeout = TIMEOUT_SECONDS;
  if (insecure) oidc.allowInsecureRequests(config);
  return config;
}

export function createOpenIdClient(): OidcClient {
  return {
    async discover(issuer) {
      // Discovery needs no client; the id and secret are placeholders that are never sent.
      const config = await configure({ issuer, clientId: 'discovery', clientSecret: '-' }, 'INVALID_INPUT');
      return { issuer: config.serverMetadata().issuer };
    },

    async buildAuthorizationUrl(client, request) {
      const config = await configure(client, 'INTERNAL');
      const challenge = await oidc.calculatePKCECodeChallenge(request.codeVerifier);
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: request.redirectUri,
        response_type: 'code',
        scope: SCOPE,
        state: request.state,
        nonce: request.nonce,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }).href;
    },

    async exchangeCode(client, callback) {
      const config = await configure(client, 'UNAUTHENTICATED');
      // openid-client takes the redirect URI sent to the token endpoint from this URL, so it is rebuilt
      // from the registered one rather than from the request's Host header.
      const current = new URL(callback.redirectUri);
      current.search = callback.query;
      return wrapped('UNAUTHENTICATED', 'the identity provider did not sign you in', async () => {
        const tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: callback.codeVerifier,
          expectedState: callback.state,
          expectedNonce: callback.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new AttestlyError('UNAUTHENTICATED', 'the identity provider sent no ID token');
        let { email, email_verified: verified } = claims;
        // Providers that keep scope claims out of the ID token serve them from userinfo, for the same
        // subject (openid-client checks that it matches the ID token's). Both come from one source, so a
        // flag about one address is never applied to another.
        if (typeof email !== 'string' || typeof verified !== 'boolean') {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
          email = info.email;
          verified = info.email_verified;
        }
        return {
          issuer: claims.iss,
          subject: claims.sub,
          email: typeof email === 'string' ? email : null,
          emailVerified: verified === true,
        };
      });
    },
  };
}
