import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type AccountClaims } from 'oidc-provider';

// A real OpenID provider (oidc-provider) on 127.0.0.1 and a free port, with one confidential client. Its
// development interactions sign in whoever is named (no password), which is what a test needs; the
// protocol around them (discovery, PKCE, signed ID tokens, nonce, iss) is the library's real one.

export const CLIENT_ID = 'attestly-test';
export const CLIENT_SECRET = 'provider issued secret 5c1b9e0a7d';
export const ATTESTLY_URL = 'http://127.0.0.1:3000';

export type TAccount = Omit<AccountClaims, 'sub'> & { email: string; email_verified: boolean };

/**
 * With idTokenClaims, email and email_verified are in the ID token (as Google and most providers do);
 * without, only in userinfo (oidc-provider's default, conformIdTokenClaims).
 */
export async function startOidcProvider(
  accounts: Record<string, TAccount>,
  orgSlugs: string[],
  options: { idTokenClaims: boolean } = { idTokenClaims: true },
) {
  let handler: RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const http = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: orgSlugs.map((slug) => `${ATTESTLY_URL}/api/v1/sso/${slug}/callback`),
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx, sub) => {
      const account = accounts[sub];
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
    cookies: { keys: ['oidc test cookie key'] },
    conformIdTokenClaims: !options.idTokenClaims,
    // Set so that the provider does not print a notice for each default it falls back to.
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
  });
  handler = provider.callback();
  return {
    issuer,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

/**
 * Follows the authorization URL the way a browser would (cookies, redirects), answers the provider's
 * login page as `account` and its consent page, and returns the URL the provider sends back to Attestly.
 */
export async function signInAtProvider(authorizationUrl: string, account: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let form: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(`${ATTESTLY_URL}/`)) return url;
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
      ...(form ? { body: form } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(';')[0] ?? '';
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      form = undefined;
      continue;
    }
    // An interaction page: its form posts back to the same URL with the prompt it asks.
    const html = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (response.status !== 200 || !prompt) {
      throw new Error(`the provider answered ${response.status} at ${url}: ${html.slice(0, 500)}`);
    }
    form = new URLSearchParams(prompt === 'login' ? { prompt, login: account } : { prompt });
  }
  throw new Error('the provider never redirected back');
}
