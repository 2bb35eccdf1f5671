// Single sign-on decisions that need no I/O: which issuer URLs are acceptable, which email domains may
// join an organization just in time, and where a browser may be sent after signing in.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const MAX_ALLOWED_DOMAINS = 50;

/** The issuer's URL when it is usable, or why not. Plain http only on this machine (tests, development). */
export function checkIssuerUrl(issuer: string): { url: URL } | { problem: string } {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return { problem: `"${issuer}" is not a URL` };
  }
  if (url.search || url.hash || url.username || url.password) {
    return { problem: 'an issuer has no query, fragment or credentials' };
  }
  if (url.protocol === 'https:') return { url };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { url };
  return { problem: 'an issuer must use https (plain http only for localhost)' };
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Lower-cased, de-duplicated and sorted domains, or the first entry that is not a domain name. */
export function normalizeDomains(domains: readonly string[]): { domains: string[] } | { problem: string } {
  const out = new Set<string>();
  for (const raw of domains) {
    const domain = raw.trim().toLowerCase().replace(/^@/, '');
    if (!DOMAIN.test(domain)) return { problem: `"${raw}" is not a domain name` };
    out.add(domain);
  }
  if (out.size > MAX_ALLOWED_DOMAINS) return { problem: `at most ${MAX_ALLOWED_DOMAINS} allowed domains` };
  return { domains: [...out].sort() };
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * An exact match only: allowing `acme.com` does not let `evil-acme.com` or `mail.acme.com` in, since a
 * subdomain may be run by someone else (a vendor's help desk, a marketing tool).
 */
export function mayJoinJustInTime(email: string, allowedDomains: readonly string[]): boolean {
  return allowedDomains.includes(emailDomain(email));
}

/**
 * Where to send the browser after signing in: a path on this site only. `//host`, `/\host` and anything
 * with a scheme would leave the site (an open redirect someone could put in a phishing link).
 */
export function safeRedirectPath(path: string | undefined): string | null {
  if (path === undefined || path === '') return '/';
  if (path.length > 1000 || !path.startsWith('/')) return null;
  if (path.startsWith('//') || path.includes('\\')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
  if (/[\u0000-\u001f\u007f]/.test(path)) return null;
  return path;
}
