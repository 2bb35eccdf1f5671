import { ldapAccount, ldapDirectory, passwordSchemeStrength } from '../../../src/catalog/monitoring/ldap.ts';
import { DAY_MS, generator, NOW, nullable, type TRng } from './kit.ts';

// LDAP: the directory (what an anonymous client can do, TLS, cn=config) and its accounts.

const BASE_DN = 'dc=example,dc=com';
const GROUPS = ['staff', 'developers', 'finance', 'admins', 'sudo', 'support'];
const PRIVILEGED = new Set(['admins', 'sudo']);
const SCHEMES = [[], ['{ARGON2}'], ['{SSHA512}'], ['{CRYPT}$6$'], ['{SSHA}'], ['cleartext'], ['{CRYPT}$1$']];

function config(rng: TRng) {
  if (rng.chance(0.1)) return { readable: false as const, reason: 'insufficientAccessRights (50)' };
  const policy = {
    pwdMinLength: rng.pick([8, 12, 14, null]),
    pwdCheckQuality: rng.pick([0, 1, 2, null]),
    pwdMaxFailure: rng.pick([0, 5, 10, 20, null]),
    pwdLockout: rng.pick([true, false, null]),
  };
  return {
    readable: true as const,
    disallows: rng.chance(0.5) ? ['bind_anon'] : [],
    requires: rng.chance(0.3) ? ['authc'] : [],
    security: rng.chance(0.5) ? ['tls=1'] : [],
    passwordHash: rng.pick([[], ['{ARGON2}'], ['{SSHA}'], ['{SSHA512}'], ['{CRYPT}']]),
    cryptSaltFormat: rng.pick([null, '$6$%.16s', '$1$%.8s']),
    logLevel: rng.pick([['none'], ['stats'], ['256'], ['sync stats'], ['0']]),
    tlsCertificateFile: nullable(rng, 0.2, '/etc/ldap/tls/server.pem'),
    accessRules: [
      '{0}to attrs=userPassword by self write by anonymous auth by * none',
      rng.chance(0.3) ? '{1}to * by * read' : '{1}to * by users read by * none',
    ],
    ppolicy: rng.chance(0.3)
      ? null
      : {
          hashCleartext: rng.chance(0.6),
          defaultPolicyDn: nullable(rng, 0.1, `cn=default,ou=policies,${BASE_DN}`),
          policy: nullable(rng, 0.1, policy),
        },
  };
}

export const ldapGenerators = [
  generator(
    ldapDirectory,
    0.05,
    (rng, i) => {
      const anonymousRead = rng.chance(0.3);
      const tlsAvailable = rng.chance(0.85);
      const tlsRequired = tlsAvailable ? rng.pick([true, false, null]) : false;
      return {
        id: `ldap://ldap-${i}.internal`,
        name: `ldap-${i}`,
        attributes: {
          url: `ldap://ldap-${i}.internal`,
          baseDn: BASE_DN,
          anonymousBind: anonymousRead || rng.chance(0.3),
          anonymousRead,
          anonymousReadDetail: anonymousRead
            ? 'returned 42 entries'
            : 'was refused (insufficientAccessRights)',
          tlsAvailable,
          tlsVia: tlsAvailable ? rng.pick(['ldaps', 'starttls'] as const) : null,
          tlsRequired,
          tlsRequiredDetail:
            tlsRequired === null
              ? 'the test bind failed for another reason'
              : 'a plaintext simple bind was tried',
          config: config(rng),
          accounts: rng.int(5000),
          groups: rng.int(200),
        },
      };
    },
    (a) => ({ ...a, anonymousRead: !a.anonymousRead }),
  ),
  generator(
    ldapAccount,
    20,
    (rng, i) => {
      const today = Math.floor(NOW.getTime() / DAY_MS);
      const groups = GROUPS.filter(() => rng.chance(0.2));
      const dn = `uid=user${i},ou=people,${BASE_DN}`;
      return {
        id: dn,
        name: `user${i}`,
        attributes: {
          dn,
          uid: nullable(rng, 0.01, `user${i}`),
          shadowExpire: rng.pick([null, null, -1, today - 30, today + 200]),
          pwdAccountLockedTime: rng.chance(0.05) ? '000001010000Z' : null,
          groups,
          privilegedGroups: groups.filter((g) => PRIVILEGED.has(g)),
          passwordSchemes: rng.pick(SCHEMES),
        },
      };
    },
    // A weak or invisible password becomes a strong one; a strong one a weak one.
    (a) => {
      const strong =
        a.passwordSchemes.length > 0 && a.passwordSchemes.every((s) => passwordSchemeStrength(s) === 'ok');
      return { ...a, passwordSchemes: strong ? ['{SSHA}'] : ['{ARGON2}'] };
    },
  ),
];
