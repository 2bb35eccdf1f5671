import { randomBytes } from 'node:crypto';
import { closeQuietly, describe, newClient, probeTls, resultCode, type TEndpoint } from './ldap-client.ts';

// Live probes: what the server does for a client that holds no credentials. Each runs on its own
// connection so nothing the collector's bound connection did can colour the answer, and none sends a
// secret, which is why they may skip certificate checks.

export interface TAnonymousProbe {
  anonymousBind: boolean;
  anonymousRead: boolean;
  anonymousReadDetail: string;
}

const PROBE_SIZE_LIMIT = 5;

/**
 * Searches baseDn without ever binding (over TLS when the server offers it, so a TLS requirement is not
 * mistaken for an access rule), then tries an explicit anonymous bind on the same connection.
 */
export async function probeAnonymous(
  target: TEndpoint,
  baseDn: string,
  tls: boolean,
): Promise<TAnonymousProbe> {
  const client = newClient(target, probeTls(target));
  try {
    if (tls && !target.secure) await client.startTLS(probeTls(target));
    let anonymousRead: boolean;
    let anonymousReadDetail: string;
    try {
      const result = await client.search(baseDn, {
        scope: 'sub',
        sizeLimit: PROBE_SIZE_LIMIT,
        attributes: ['1.1'],
      });
      const count = result.searchEntries.length;
      anonymousRead = count > 0;
      anonymousReadDetail = count > 0 ? `returned ${count} entries` : 'returned no entries';
    } catch (error) {
      // 4 is sizeLimitExceeded: the server had more to give than the probe asked for.
      anonymousRead = resultCode(error) === 4;
      anonymousReadDetail = anonymousRead
        ? `returned at least ${PROBE_SIZE_LIMIT} entries`
        : `was refused: ${describe(error)}`;
    }
    let anonymousBind: boolean;
    try {
      await client.bind('', '');
      anonymousBind = true;
    } catch (error) {
      if (resultCode(error) === null) throw error;
      anonymousBind = false;
    }
    return { anonymousBind, anonymousRead, anonymousReadDetail };
  } finally {
    await closeQuietly(client);
  }
}

export interface TTlsRequiredProbe {
  required: boolean | null;
  detail: string;
}

/**
 * Whether the server refuses a simple bind sent without TLS. The probe binds as an entry that does not
 * exist, with a random password: slapd checks olcSecurity before it looks the DN up, so the answer is
 * "confidentiality required" (13) when TLS is demanded and "invalid credentials" (49) when a plaintext
 * bind would have been judged; no real account is touched, so no lockout counter moves.
 */
export async function probeTlsRequired(target: TEndpoint, baseDn: string): Promise<TTlsRequiredProbe> {
  if (target.secure)
    return { required: null, detail: 'the URL is ldaps://, so a plaintext bind could not be tried on it' };
  const client = newClient(target);
  try {
    await client.bind(
      `cn=attestly-tls-probe-${randomBytes(4).toString('hex')},${baseDn}`,
      randomBytes(12).toString('hex'),
    );
    return { required: false, detail: 'a bind without TLS was accepted' };
  } catch (error) {
    const code = resultCode(error);
    if (code === 13 || code === 8)
      return { required: true, detail: `a bind without TLS is refused: ${describe(error)}` };
    if (code === 49 || code === 32)
      return { required: false, detail: 'a simple bind without TLS is checked, not refused' };
    return { required: null, detail: `a bind without TLS gave ${describe(error)}` };
  } finally {
    await closeQuietly(client);
  }
}
