import type { Client } from 'ldapts';
import { describe, normalizeDn, resultCode, search, type TEntry } from './ldap-client.ts';

// Reads what OpenLDAP keeps in cn=config: the global restrictions, the database that serves baseDn (its
// ACL, olcSecurity, olcRequires), the frontend's olcPasswordHash and the ppolicy overlay. Only identities
// the config database grants read (its olcRootDN, or an olcAccess rule) see any of it; anyone else gets
// "no such object", which is recorded as "not readable", never taken for an empty configuration.

export interface TPolicy {
  pwdMinLength: number | null;
  pwdCheckQuality: number | null;
  pwdMaxFailure: number | null;
  pwdLockout: boolean | null;
}

export type TServerConfig =
  | { readable: false; reason: string }
  | {
      readable: true;
      disallows: string[];
      requires: string[];
      security: string[];
      passwordHash: string[];
      cryptSaltFormat: string | null;
      logLevel: string[];
      tlsCertificateFile: string | null;
      accessRules: string[];
      ppolicy: { hashCleartext: boolean; defaultPolicyDn: string | null; policy: TPolicy | null } | null;
    };

const GLOBAL_ATTRIBUTES = [
  'olcDisallows',
  'olcRequires',
  'olcSecurity',
  'olcLogLevel',
  'olcPasswordHash',
  'olcPasswordCryptSaltFormat',
  'olcTLSCertificateFile',
];

/** The database whose olcSuffix is baseDn or the closest ancestor of it. */
function servingDatabase(databases: TEntry[], baseDn: string): TEntry | undefined {
  const base = normalizeDn(baseDn);
  let best: { entry: TEntry; length: number } | undefined;
  for (const entry of databases) {
    for (const suffix of entry.values('olcSuffix').map(normalizeDn)) {
      if ((base === suffix || base.endsWith(`,${suffix}`)) && suffix.length > (best?.length ?? -1))
        best = { entry, length: suffix.length };
    }
  }
  return best?.entry;
}

/**
 * Reads cn=config with `client`. The policy entry named by olcPPolicyDefault lives in the directory, not
 * in cn=config, so `readPolicy` reads it with the collector's own bind.
 */
export async function readServerConfig(
  client: Client,
  baseDn: string,
  readPolicy: (dn: string) => Promise<TPolicy | null>,
): Promise<TServerConfig> {
  try {
    return await readConfig(client, baseDn, readPolicy);
  } catch (error) {
    if (resultCode(error) === null) throw error;
    return { readable: false, reason: describe(error) };
  }
}

async function readConfig(
  client: Client,
  baseDn: string,
  readPolicy: (dn: string) => Promise<TPolicy | null>,
): Promise<TServerConfig> {
  const [global] = await search(client, 'cn=config', { scope: 'base', attributes: GLOBAL_ATTRIBUTES });
  if (!global) return { readable: false, reason: 'cn=config is not visible to this identity' };
  const databases = await search(client, 'cn=config', {
    scope: 'one',
    filter: '(objectClass=olcDatabaseConfig)',
    attributes: ['olcDatabase', 'olcSuffix', 'olcAccess', 'olcSecurity', 'olcRequires', 'olcPasswordHash'],
  });
  const frontend = databases.find((db) => /^(\{-1\})?frontend$/i.test(db.one('olcDatabase') ?? ''));
  const database = servingDatabase(databases, baseDn);
  let ppolicy: Extract<TServerConfig, { readable: true }>['ppolicy'] = null;
  if (database) {
    const [overlay] = await search(client, database.dn, {
      scope: 'one',
      filter: '(objectClass=olcPPolicyConfig)',
      attributes: ['olcPPolicyDefault', 'olcPPolicyHashCleartext'],
    });
    if (overlay) {
      const defaultPolicyDn = overlay.one('olcPPolicyDefault');
      ppolicy = {
        hashCleartext: overlay.bool('olcPPolicyHashCleartext') ?? false,
        defaultPolicyDn,
        policy: defaultPolicyDn ? await readPolicy(defaultPolicyDn) : null,
      };
    }
  }
  const passwordHash = global.values('olcPasswordHash');
  return {
    readable: true,
    disallows: global.values('olcDisallows'),
    requires: [...global.values('olcRequires'), ...(database?.values('olcRequires') ?? [])],
    security: [...global.values('olcSecurity'), ...(database?.values('olcSecurity') ?? [])],
    passwordHash: passwordHash.length > 0 ? passwordHash : (frontend?.values('olcPasswordHash') ?? []),
    cryptSaltFormat: global.one('olcPasswordCryptSaltFormat'),
    logLevel: global.values('olcLogLevel'),
    tlsCertificateFile: global.one('olcTLSCertificateFile'),
    accessRules: database?.values('olcAccess') ?? [],
    ppolicy,
  };
}

/** The default policy entry's settings; null when it does not exist or this bind may not read it. */
export async function readPolicyEntry(client: Client, dn: string): Promise<TPolicy | null> {
  try {
    const [entry] = await search(client, dn, {
      scope: 'base',
      attributes: ['pwdMinLength', 'pwdCheckQuality', 'pwdMaxFailure', 'pwdLockout'],
    });
    if (!entry) return null;
    return {
      pwdMinLength: entry.int('pwdMinLength'),
      pwdCheckQuality: entry.int('pwdCheckQuality'),
      pwdMaxFailure: entry.int('pwdMaxFailure'),
      pwdLockout: entry.bool('pwdLockout'),
    };
  } catch (error) {
    if (resultCode(error) === null) throw error;
    return null;
  }
}

/** olcSecurity asks for TLS (or an equivalent security strength) on every operation or on simple binds. */
export function securityDemandsTls(security: readonly string[]): boolean {
  return security
    .flatMap((value) => value.trim().split(/\s+/))
    .some((factor) => {
      const match = /^(tls|ssf|transport|simple_bind)=(\d+)$/i.exec(factor);
      return match !== null && Number(match[2]) > 0;
    });
}
