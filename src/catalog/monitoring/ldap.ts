import { z } from 'zod';
import { fail, notApplicable, pass, type TVerdict } from '../../domain/monitoring/model.ts';
import { defineTest, resourceType, type TProviderLibrary } from './define.ts';

// An LDAP directory (OpenLDAP) as the collector sees it: what an anonymous client can do (observed live),
// whether TLS is offered and demanded (observed live), the server's cn=config when the credentials may read
// it, and the accounts with their groups. Of a stored password only its scheme is kept, never the hash.

const ppolicySchema = z.object({
  /** olcPPolicyHashCleartext: cleartext passwords written by clients are hashed before they are stored. */
  hashCleartext: z.boolean(),
  defaultPolicyDn: z.string().nullable(),
  /** The default policy entry; null when it is missing or the bind account cannot read it. */
  policy: z
    .object({
      pwdMinLength: z.number().int().nullable(),
      /** 0 (the default) turns every quality check off, pwdMinLength included. */
      pwdCheckQuality: z.number().int().nullable(),
      pwdMaxFailure: z.number().int().nullable(),
      pwdLockout: z.boolean().nullable(),
    })
    .nullable(),
});

const configSchema = z.discriminatedUnion('readable', [
  z.object({ readable: z.literal(false), reason: z.string() }),
  z.object({
    readable: z.literal(true),
    /** olcDisallows, olcRequires, olcSecurity: cn=config's and those of the database serving baseDn. */
    disallows: z.array(z.string()),
    requires: z.array(z.string()),
    security: z.array(z.string()),
    /** olcPasswordHash (global or frontend): the first is used for new hashes; none means {SSHA}. */
    passwordHash: z.array(z.string()),
    cryptSaltFormat: z.string().nullable(),
    logLevel: z.array(z.string()),
    tlsCertificateFile: z.string().nullable(),
    /** olcAccess of the database serving baseDn, in order. */
    accessRules: z.array(z.string()),
    /** null when no ppolicy overlay is configured on that database. */
    ppolicy: ppolicySchema.nullable(),
  }),
]);

export const ldapDirectory = resourceType(
  'ldap.directory',
  'LDAP directory',
  z.object({
    url: z.string(),
    baseDn: z.string(),
    /** An explicit anonymous bind was accepted. */
    anonymousBind: z.boolean(),
    /** A client that never authenticated got entries back from a search of baseDn. */
    anonymousRead: z.boolean(),
    anonymousReadDetail: z.string(),
    tlsAvailable: z.boolean(),
    tlsVia: z.enum(['ldaps', 'starttls']).nullable(),
    /** A simple bind without TLS was refused as needing confidentiality; null when it could not be told. */
    tlsRequired: z.boolean().nullable(),
    tlsRequiredDetail: z.string(),
    config: configSchema,
    accounts: z.number().int(),
    groups: z.number().int(),
  }),
);

export const ldapAccount = resourceType(
  'ldap.account',
  'LDAP account',
  z.object({
    dn: z.string(),
    uid: z.string().nullable(),
    /** mail and cn, when the entry has them: how the personnel register recognises the account's holder. */
    mail: z.string().nullable().optional(),
    cn: z.string().nullable().optional(),
    /** Days since 1970-01-01 after which the account is expired (shadowAccount); -1 or null: never. */
    shadowExpire: z.number().int().nullable(),
    /** ppolicy's lock; 000001010000Z is a permanent lock set by an administrator. */
    pwdAccountLockedTime: z.string().nullable(),
    groups: z.array(z.string()),
    /** The groups above that are privileged (admin, root, sudo, wheel … or those the integration names). */
    privilegedGroups: z.array(z.string()),
    /** Scheme of each stored userPassword ("{ARGON2}", "{CRYPT}$6$", "cleartext"); empty when none is visible. */
    passwordSchemes: z.array(z.string()),
  }),
);

type TConfig = z.infer<typeof configSchema>;
type TReadableConfig = Extract<TConfig, { readable: true }>;

/** The directory does not say: neither pass nor not-applicable, since the setting may well be wrong. */
function unknownConfig(config: Extract<TConfig, { readable: false }>): TVerdict {
  return {
    status: 'error',
    reason: `cn=config could not be read (${config.reason}); give configBindDn and configPassword of an identity that may read it`,
    fields: { configReadable: false },
  };
}

function withConfig(config: TConfig, judge: (config: TReadableConfig) => TVerdict): TVerdict {
  return config.readable ? judge(config) : unknownConfig(config);
}

// {SASL} stores no password at all: the bind is passed through to SASL (saslauthd, Kerberos).
const STRONG_SCHEMES = /^\{(ARGON2|PBKDF2-SHA256|PBKDF2-SHA512|SSHA256|SSHA384|SSHA512|BCRYPT|SASL)\}/i;
/** crypt(3) ids of sha256crypt, sha512crypt, bcrypt, scrypt and yescrypt; DES and md5crypt are weak. */
const STRONG_CRYPT = /^\$(5|6|2a|2b|2y|7|y|gy)\$/;

/** A salted SHA-2 or slow password hash passes; cleartext, MD5 and SHA-1 based ones (CRY-06) do not. */
export function passwordSchemeStrength(scheme: string, cryptSaltFormat?: string | null): 'ok' | 'weak' {
  if (STRONG_SCHEMES.test(scheme)) return 'ok';
  const crypt = /^\{CRYPT\}(.*)$/i.exec(scheme);
  if (crypt) return STRONG_CRYPT.test(crypt[1] || cryptSaltFormat || '') ? 'ok' : 'weak';
  return 'weak';
}

/** Whether olcLogLevel records operations: stats (256), any (-1) or a number with that bit. */
export function logsOperations(levels: readonly string[]): boolean {
  return levels
    .flatMap((value) => value.trim().split(/\s+/))
    .some((word) => {
      const lower = word.toLowerCase();
      if (lower === 'stats' || lower === 'any') return true;
      if (!/^(-?\d+|0x[0-9a-f]+)$/.test(lower)) return false;
      const n = Number(lower);
      return n === -1 || (n & 256) !== 0;
    });
}

/** Disabled as the directory models it: a permanent ppolicy lock, or a shadowExpire day already reached. */
export function accountDisabled(
  account: { shadowExpire: number | null; pwdAccountLockedTime: string | null },
  now: Date,
): string | null {
  if (account.pwdAccountLockedTime === '000001010000Z')
    return 'locked by an administrator (pwdAccountLockedTime)';
  const today = Math.floor(now.getTime() / 86_400_000);
  // shadow(5): -1 (or nothing) never expires and 0 is ambiguous, so only a real day counts.
  if (account.shadowExpire !== null && account.shadowExpire > 0 && account.shadowExpire <= today)
    return `expired (shadowExpire ${account.shadowExpire})`;
  return null;
}

/** AC-11 asks for at least 12 characters and a lock after repeated failures. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_FAILURES = 10;

const tests = [
  defineTest(ldapDirectory, {
    id: 'ldap.anonymous_read_refused',
    title: 'The directory refuses anonymous reads',
    severity: 'high',
    rationale:
      "A directory that answers searches without authentication hands anyone on the network the organisation's people, groups, admin memberships and naming, the map an attacker needs for phishing and privilege escalation. Debian's slapd ends its ACL with `to * by * read`, so this is open out of the box.",
    remediation:
      'Replace the final olcAccess rule of the database with `to * by users read by * none` (keep `by anonymous auth` on userPassword so binds work), and set `olcDisallows: bind_anon` (and `olcRequires: authc` if nothing needs anonymous access) in cn=config.',
    controls: ['AC-09', 'OPS-11'],
    evaluate: (r) => {
      const fields = { anonymousRead: r.attributes.anonymousRead, anonymousBind: r.attributes.anonymousBind };
      return r.attributes.anonymousRead
        ? fail(
            `an unauthenticated search of ${r.attributes.baseDn} ${r.attributes.anonymousReadDetail}`,
            fields,
          )
        : pass(
            `an unauthenticated search of ${r.attributes.baseDn} ${r.attributes.anonymousReadDetail}`,
            fields,
          );
    },
  }),
  defineTest(ldapDirectory, {
    id: 'ldap.tls_required',
    title: 'The directory offers TLS and refuses binds without it',
    severity: 'high',
    rationale:
      'A simple bind carries the password as it is; without TLS every login, and every entry returned, can be read or altered on the network. Offering StartTLS is not enough while the server still accepts plaintext binds.',
    remediation:
      'Install a certificate (olcTLSCertificateFile, olcTLSCertificateKeyFile), then set `olcSecurity: tls=1` (or `ssf=128`) in cn=config so operations without TLS are refused; point clients at StartTLS or ldaps://.',
    controls: ['NET-07', 'CRY-06'],
    evaluate: (r) => {
      const { tlsAvailable, tlsVia, tlsRequired, tlsRequiredDetail } = r.attributes;
      const fields = { tlsAvailable, tlsVia, tlsRequired };
      if (!tlsAvailable) return fail('the server offers neither StartTLS nor ldaps', fields);
      if (tlsRequired === false) return fail(`TLS is offered (${tlsVia}) but ${tlsRequiredDetail}`, fields);
      if (tlsRequired === null)
        return {
          status: 'error',
          reason: `whether TLS is required is unknown: ${tlsRequiredDetail}`,
          fields,
        };
      return pass(`TLS is offered (${tlsVia}) and ${tlsRequiredDetail}`, fields);
    },
  }),
  defineTest(ldapDirectory, {
    id: 'ldap.password_hash_strong',
    title: 'New passwords are hashed with a strong scheme',
    severity: 'medium',
    rationale:
      'olcPasswordHash decides how slapd stores passwords it hashes. Unset, it is {SSHA}, one round of salted SHA-1, which a leaked backup or replica gives up to offline guessing quickly; SHA-1 and MD5 based schemes are outside the cryptography standard.',
    remediation:
      'Load the argon2 module (`olcModuleLoad: argon2`, shipped with Debian slapd) and set `olcPasswordHash: {ARGON2}` on the frontend database (or {SSHA512} with pw-sha2); existing hashes change as users reset their passwords.',
    controls: ['CRY-06', 'OPS-11'],
    evaluate: (r) =>
      withConfig(r.attributes.config, (config) => {
        const scheme = config.passwordHash[0] ?? null;
        const fields = {
          olcPasswordHash: config.passwordHash,
          olcPasswordCryptSaltFormat: config.cryptSaltFormat,
        };
        if (scheme === null)
          return fail('olcPasswordHash is not set, so slapd uses {SSHA} (salted SHA-1)', fields);
        return passwordSchemeStrength(scheme, config.cryptSaltFormat) === 'ok'
          ? pass(`new passwords are hashed with ${scheme}`, fields)
          : fail(`new passwords are hashed with ${scheme}, a weak scheme`, fields);
      }),
  }),
  defineTest(ldapDirectory, {
    id: 'ldap.password_policy',
    title: 'A password policy enforces a minimum length',
    severity: 'medium',
    rationale: `Without the ppolicy overlay slapd accepts any password a user or tool sets, however short. The overlay's pwdMinLength is checked only when pwdCheckQuality is 1 or 2; the control asks for at least ${MIN_PASSWORD_LENGTH} characters.`,
    remediation: `Load the ppolicy module, add the overlay to the database with olcPPolicyDefault pointing at a pwdPolicy entry, and give that entry pwdMinLength: ${MIN_PASSWORD_LENGTH} (or more) and pwdCheckQuality: 2.`,
    controls: ['AC-11'],
    evaluate: (r) =>
      withConfig(r.attributes.config, ({ ppolicy }) => {
        if (!ppolicy) return fail('no ppolicy overlay is configured on the database', { ppolicy: null });
        const policy = ppolicy.policy;
        const fields = { defaultPolicyDn: ppolicy.defaultPolicyDn, policy };
        if (!policy)
          return fail('the ppolicy overlay has no readable default policy (olcPPolicyDefault)', fields);
        if ((policy.pwdCheckQuality ?? 0) < 1)
          return fail('pwdCheckQuality is 0, so no password quality (length included) is checked', fields);
        if ((policy.pwdMinLength ?? 0) < MIN_PASSWORD_LENGTH)
          return fail(
            `pwdMinLength is ${policy.pwdMinLength ?? 'unset'}, below ${MIN_PASSWORD_LENGTH}`,
            fields,
          );
        return pass(`the default policy requires ${policy.pwdMinLength} characters`, fields);
      }),
  }),
  defineTest(ldapDirectory, {
    id: 'ldap.account_lockout',
    title: 'Repeated failed binds lock the account',
    severity: 'medium',
    rationale:
      'A directory that never locks lets anyone guess passwords online for as long as they like, for every account, through any application that binds against it.',
    remediation: `In the default ppolicy entry set pwdLockout: TRUE and pwdMaxFailure between 1 and ${MAX_FAILURES}, with a pwdLockoutDuration that suits the help desk.`,
    controls: ['AC-11'],
    evaluate: (r) =>
      withConfig(r.attributes.config, ({ ppolicy }) => {
        const policy = ppolicy?.policy ?? null;
        const fields = {
          pwdLockout: policy?.pwdLockout ?? null,
          pwdMaxFailure: policy?.pwdMaxFailure ?? null,
        };
        if (!policy) return fail('no password policy is in force, so failed binds never lock', fields);
        const max = policy.pwdMaxFailure ?? 0;
        if (policy.pwdLockout !== true || max < 1 || max > MAX_FAILURES)
          return fail(`pwdLockout is ${policy.pwdLockout ?? 'unset'} with pwdMaxFailure ${max}`, fields);
        return pass(`accounts lock after ${max} failed binds`, fields);
      }),
  }),
  defineTest(ldapDirectory, {
    id: 'ldap.operation_logging',
    title: 'Connections, binds and operations are logged',
    severity: 'medium',
    rationale:
      "With Debian's `olcLogLevel: none` slapd records nothing: neither the binds that succeeded nor the thousands that failed, so a password-guessing run or a stolen service account leaves no trace.",
    remediation:
      'Set `olcLogLevel: stats` in cn=config and send slapd’s syslog facility (LOCAL4) to the central log platform.',
    controls: ['OPS-03', 'OPS-11'],
    evaluate: (r) =>
      withConfig(r.attributes.config, ({ logLevel }) =>
        logsOperations(logLevel)
          ? pass(`olcLogLevel ${logLevel.join(' ')} records connections and operations`, {
              olcLogLevel: logLevel,
            })
          : fail(`olcLogLevel ${logLevel.join(' ') || '(unset)'} does not include stats`, {
              olcLogLevel: logLevel,
            }),
      ),
  }),
  defineTest(ldapAccount, {
    id: 'ldap.disabled_accounts_unprivileged',
    title: 'Disabled accounts hold no privileged group membership',
    severity: 'high',
    rationale:
      'Disabling an account is easy to undo, by an administrator or by anyone who can reset the lock; a disabled account still in an admin or sudo group is standing privilege waiting to be reactivated, and it hides who really has access.',
    remediation:
      'Remove the account from every privileged group (member, uniqueMember or memberUid) as part of offboarding, and keep the offboarding checklist in step with the directory.',
    controls: ['AC-07', 'AC-10'],
    evaluate: (r, { now }) => {
      const disabled = accountDisabled(r.attributes, now);
      const fields = { disabled, privilegedGroups: r.attributes.privilegedGroups };
      if (!disabled) return notApplicable('the account is active', fields);
      return r.attributes.privilegedGroups.length > 0
        ? fail(`the account is ${disabled} but still in ${r.attributes.privilegedGroups.join(', ')}`, fields)
        : pass(`the account is ${disabled} and in no privileged group`, fields);
    },
  }),
  defineTest(ldapAccount, {
    id: 'ldap.account_password_hashed',
    title: 'Stored passwords are hashed with a strong scheme',
    severity: 'high',
    rationale:
      'slapd stores a userPassword written with ldapadd or ldapmodify exactly as given unless ppolicy hashes it, so cleartext passwords are common in directories fed by scripts; MD5 and SHA-1 based hashes are nearly as weak.',
    remediation:
      'Set `olcPPolicyHashCleartext: TRUE` on the ppolicy overlay and a strong olcPasswordHash, then have the affected users change their password (or reset it through the password-modify operation).',
    controls: ['CRY-06', 'OPS-11'],
    evaluate: (r) => {
      const schemes = r.attributes.passwordSchemes;
      const fields = { passwordSchemes: schemes };
      if (schemes.length === 0)
        return notApplicable('no userPassword is visible to the bind account', fields);
      const weak = schemes.filter((scheme) => passwordSchemeStrength(scheme) === 'weak');
      return weak.length > 0
        ? fail(`the password is stored as ${weak.join(', ')}`, fields)
        : pass(`the password is stored as ${schemes.join(', ')}`, fields);
    },
  }),
];

export const ldapLibrary: TProviderLibrary = {
  provider: 'ldap',
  resourceTypes: [ldapDirectory, ldapAccount],
  tests,
};
