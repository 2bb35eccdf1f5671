import { idpDirectory, idpUser } from '../../../src/catalog/monitoring/idp.ts';
import { generator, iso, nullable } from './kit.ts';

// Identity providers (idp.*): users with their factors and admin roles, and the directory's policies.

const PUSH = { kind: 'push' as const, active: true, providerType: 'push', provider: 'OKTA' };
const FACTOR_SETS = [
  [],
  [PUSH],
  [PUSH, { kind: 'webauthn' as const, active: true, providerType: 'webauthn', provider: 'FIDO' }],
  [{ kind: 'fastpass' as const, active: true, providerType: 'signed_nonce', provider: 'OKTA' }],
  [{ kind: 'sms' as const, active: true, providerType: 'sms', provider: 'OKTA' }],
  [{ kind: 'email' as const, active: true, providerType: 'email', provider: 'OKTA' }],
  [{ kind: 'totp' as const, active: false, providerType: 'token:software:totp', provider: 'GOOGLE' }],
];
const MFA_KINDS = new Set(['push', 'webauthn', 'fastpass', 'totp', 'hardware_otp', 'sms', 'voice', 'other']);
const day = (daysAgo: number) => iso(daysAgo).slice(0, 10);

export const idpGenerators = [
  generator(
    idpUser,
    15,
    (rng, i) => {
      const status = rng.pick([
        'ACTIVE',
        'ACTIVE',
        'ACTIVE',
        'ACTIVE',
        'PROVISIONED',
        'STAGED',
        'SUSPENDED',
        'DEPROVISIONED',
        'LOCKED_OUT',
        'PASSWORD_EXPIRED',
      ] as const);
      const pending = status === 'PROVISIONED' || status === 'STAGED';
      const role = rng.chance(0.03) ? rng.pick(['SUPER_ADMIN', 'ORG_ADMIN', 'APP_ADMIN']) : null;
      const login = `${rng.chance(0.01) ? 'test' : 'user'}${i}@example.com`;
      return {
        id: `00u${i.toString(36).padStart(17, '0')}`,
        name: login,
        attributes: {
          login,
          email: nullable(rng, 0.02, login),
          displayName: nullable(rng, 0.05, `User ${i}`),
          status,
          created: iso(30 + rng.int(1500)),
          activated: pending ? null : iso(rng.int(1000)),
          lastLogin: pending ? null : nullable(rng, 0.1, iso(rng.int(200))),
          passwordChanged: nullable(rng, 0.1, iso(rng.int(400))),
          factors: rng.pick(FACTOR_SETS),
          adminRoles: role ? [role] : [],
          superAdmin: role === 'SUPER_ADMIN',
          groups: ['Everyone', ...(rng.chance(0.5) ? ['Engineering'] : []), ...(role ? ['Admins'] : [])],
          terminationDate: rng.chance(0.9) ? null : rng.pick([day(60), day(-30), `${iso(5)}`, 'n/a']),
        },
      };
    },
    // A user who can sign in with a second factor loses it; one without gains Okta Verify push.
    (a) => {
      const mfa = a.factors.some((f) => f.active && MFA_KINDS.has(f.kind));
      return { ...a, status: 'ACTIVE' as const, factors: mfa ? [] : [PUSH] };
    },
  ),
  generator(
    idpDirectory,
    0.02,
    (rng, i) => ({
      id: `org${i}.okta.com`,
      name: `org${i}.okta.com`,
      attributes: {
        domain: `org${i}.okta.com`,
        passwordPolicies: [
          {
            name: 'Default Policy',
            priority: 1,
            active: true,
            providerMastered: rng.chance(0.9),
            minLength: rng.pick([8, 12, 14, null]),
            requiresLowercase: rng.chance(0.8),
            requiresUppercase: rng.chance(0.8),
            requiresNumber: rng.chance(0.8),
            requiresSymbol: rng.chance(0.5),
            historyCount: rng.pick([0, 4, 5, 24]),
            maxAgeDays: rng.pick([0, 90]),
            lockoutAttempts: rng.pick([0, 5, 10, 20]),
          },
        ],
        mfaEnrollmentPolicies: [
          {
            name: 'Default Policy',
            priority: 1,
            active: true,
            requiredFactors: ['okta_password', 'okta_verify'],
            requiredMfaFactors: rng.chance(0.7) ? ['okta_verify'] : [],
            neverPrompted: rng.chance(0.1),
          },
        ],
        sessionRules: [
          {
            policy: 'Default Policy',
            rule: 'Default Rule',
            active: true,
            allowsAccess: true,
            maxLifetimeMinutes: rng.pick([null, 120, 720, 1440]),
            maxIdleMinutes: rng.pick([null, 120]),
            persistentCookie: rng.chance(0.3),
          },
        ],
        superAdmins: ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].slice(0, 1 + rng.int(6)),
      },
    }),
    // Within the 2 to 4 super administrators or outside, the other way round.
    (a) => {
      const ok = a.superAdmins.length >= 2 && a.superAdmins.length <= 4;
      return { ...a, superAdmins: ok ? ['alice'] : ['alice', 'bob', 'carol'] };
    },
  ),
];
