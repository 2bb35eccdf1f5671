import { z } from 'zod';
import { fail, notApplicable, pass, type TVerdict } from '../../domain/monitoring/model.ts';
import { defineTest, resourceType, type TProviderLibrary } from './define.ts';

// An identity provider as its directory shows it: each user (status, sign-in dates, enrolled factors, admin
// roles, groups, an HR termination date when the profile carries one) and the directory's settings
// (password, MFA enrollment and session policies, the super admins). The types are named idp.* and use a
// provider-neutral vocabulary (factor kinds, not Okta factor types) so other identity providers can emit
// them; the tests here are Okta's, with Okta's remediation steps.

export const IDP_USER_STATUSES = [
  'STAGED',
  'PROVISIONED',
  'ACTIVE',
  'RECOVERY',
  'PASSWORD_EXPIRED',
  'LOCKED_OUT',
  'SUSPENDED',
  'DEPROVISIONED',
] as const;

/** What a factor is, whatever the provider calls it. */
export const FACTOR_KINDS = [
  'webauthn', // FIDO2 / WebAuthn / U2F security keys and passkeys
  'fastpass', // Okta Verify FastPass (signed nonce, bound to the device and the origin)
  'push',
  'totp',
  'hardware_otp',
  'sms',
  'voice',
  'email',
  'security_question',
  'other',
] as const;
type TFactorKind = (typeof FACTOR_KINDS)[number];

const ZTimestamp = z.iso.datetime({ offset: true });

export const idpUser = resourceType(
  'idp.user',
  'Identity provider user',
  z.object({
    login: z.string(),
    email: z.string().nullable(),
    displayName: z.string().nullable(),
    status: z.enum(IDP_USER_STATUSES),
    created: ZTimestamp,
    activated: ZTimestamp.nullable(),
    lastLogin: ZTimestamp.nullable(),
    passwordChanged: ZTimestamp.nullable(),
    factors: z.array(
      z.object({
        kind: z.enum(FACTOR_KINDS),
        /** Enrolled and usable; a factor pending activation cannot be used to sign in. */
        active: z.boolean(),
        providerType: z.string(),
        provider: z.string(),
      }),
    ),
    /** Admin roles held directly or through a group; empty for a regular user. */
    adminRoles: z.array(z.string()),
    superAdmin: z.boolean(),
    groups: z.array(z.string()),
    /** From the HR-sourced profile attribute: a date (YYYY-MM-DD) or a timestamp; null when not known. */
    terminationDate: z.string().nullable(),
  }),
);

export const idpDirectory = resourceType(
  'idp.directory',
  'Identity provider directory settings',
  z.object({
    domain: z.string(),
    passwordPolicies: z.array(
      z.object({
        name: z.string(),
        priority: z.number().int(),
        active: z.boolean(),
        /** Whether the provider masters these passwords; false when a connected directory (AD, LDAP) does. */
        providerMastered: z.boolean(),
        minLength: z.number().int().nullable(),
        requiresLowercase: z.boolean(),
        requiresUppercase: z.boolean(),
        requiresNumber: z.boolean(),
        requiresSymbol: z.boolean(),
        /** Previous passwords that cannot be reused; 0 when reuse is not checked. */
        historyCount: z.number().int(),
        /** 0 when passwords never expire. */
        maxAgeDays: z.number().int(),
        /** Failed attempts before lockout; 0 when there is no lockout. */
        lockoutAttempts: z.number().int(),
      }),
    ),
    mfaEnrollmentPolicies: z.array(
      z.object({
        name: z.string(),
        priority: z.number().int(),
        active: z.boolean(),
        requiredFactors: z.array(z.string()),
        /** The required factors that are a second factor (not a password, an email or a question). */
        requiredMfaFactors: z.array(z.string()),
        /** Every active rule of the policy says never to ask users to enrol. */
        neverPrompted: z.boolean(),
      }),
    ),
    sessionRules: z.array(
      z.object({
        policy: z.string(),
        rule: z.string(),
        active: z.boolean(),
        allowsAccess: z.boolean(),
        /** null: the session has no maximum lifetime. */
        maxLifetimeMinutes: z.number().int().nullable(),
        maxIdleMinutes: z.number().int().nullable(),
        persistentCookie: z.boolean(),
      }),
    ),
    superAdmins: z.array(z.string()),
  }),
);

type TUser = z.infer<typeof idpUser.schema>;
type TDirectory = z.infer<typeof idpDirectory.schema>;

const DAY_MS = 24 * 60 * 60 * 1000;
export const STALE_AFTER_DAYS = 90;
export const PENDING_ACTIVATION_DAYS = 30;
export const SESSION_LIMIT_MINUTES = 12 * 60;
export const SUPER_ADMINS = { min: 2, max: 4 } as const;

/** Statuses of an account that has been activated and can still sign in. */
const SIGN_IN_CAPABLE = new Set(['ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT']);
const REMOVED = new Set(['SUSPENDED', 'DEPROVISIONED']);
/** An email or a question adds nothing to the password: the mailbox usually sits behind the same sign-in. */
const NOT_MFA = new Set<TFactorKind>(['email', 'security_question']);
const PHISHING_RESISTANT = new Set<TFactorKind>(['webauthn', 'fastpass']);
const INTERCEPTABLE = new Set<TFactorKind>(['sms', 'voice', 'email']);
/** Local parts of logins that name a role or a placeholder rather than a person. */
const GENERIC_LOGIN =
  /^(admin|administrator|root|superuser|sysadmin|test|tester|testuser|test[._-]user|demo|guest|shared|temp|tmp|generic|user|default|info|office|support|helpdesk|team|it|ops)[._-]?\d*$/;

function daysSince(timestamp: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(timestamp)) / DAY_MS);
}

function activeKinds(user: TUser, keep: (kind: TFactorKind) => boolean): string[] {
  return user.factors.filter((f) => f.active && keep(f.kind)).map((f) => f.providerType);
}

function notSignInCapable(user: TUser): TVerdict | undefined {
  if (SIGN_IN_CAPABLE.has(user.status)) return undefined;
  return notApplicable(`the account is ${user.status}: it cannot sign in`, { status: user.status });
}

/** When the last working day is over: the end of a YYYY-MM-DD day (UTC), or the instant given. */
function terminationEnd(value: string): number | undefined {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const at = Date.parse(day ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(at)) return undefined;
  return day ? at + DAY_MS : at;
}

/** A directory test over the active policies (or rules) it selects, naming each one that falls short. */
function policyTest<T extends { active: boolean }>(
  label: string,
  select: (directory: TDirectory) => T[],
  nameOf: (item: T) => string,
  judge: (item: T) => string | undefined,
  fields: (item: T) => Record<string, unknown>,
) {
  return ({ attributes: directory }: { attributes: TDirectory }): TVerdict => {
    const items = select(directory).filter((item) => item.active);
    if (items.length === 0) return fail(`there is no active ${label}`, {});
    const evidence = Object.fromEntries(items.map((item) => [nameOf(item), fields(item)]));
    const problems = items.flatMap((item) => {
      const problem = judge(item);
      return problem ? [`${nameOf(item)}: ${problem}`] : [];
    });
    return problems.length > 0
      ? fail(problems.join('; '), evidence)
      : pass(`every active ${label} meets the rule (${items.map(nameOf).join(', ')})`, evidence);
  };
}

/** Password rules judge the policies for passwords the provider masters; a directory's are set there. */
function passwordTest(judge: (p: TDirectory['passwordPolicies'][number]) => string | undefined) {
  const inner = policyTest(
    'password policy for provider-mastered passwords',
    (d) => d.passwordPolicies.filter((p) => p.providerMastered),
    (p) => p.name,
    judge,
    (p) => ({ minLength: p.minLength, historyCount: p.historyCount, lockoutAttempts: p.lockoutAttempts }),
  );
  return (resource: { attributes: TDirectory }): TVerdict => {
    const active = resource.attributes.passwordPolicies.filter((p) => p.active);
    if (active.length > 0 && active.every((p) => !p.providerMastered))
      return notApplicable('every active password policy is for passwords a connected directory masters');
    return inner(resource);
  };
}

const POLICIES = 'Okta Admin Console → Security → Authenticators → Password → Edit each policy';

export const oktaLibrary: TProviderLibrary = {
  provider: 'okta',
  resourceTypes: [idpUser, idpDirectory],
  tests: [
    defineTest(idpUser, {
      id: 'okta.user_mfa_enrolled',
      title: 'Every active Okta user has a second factor enrolled',
      severity: 'high',
      rationale:
        'An account that can sign in with a password alone falls to one phished or reused password, and Okta is the key to every application behind single sign-on.',
      remediation:
        'Have the user enrol Okta Verify or a security key (Directory → People → the user → reset factors if needed), and make the MFA enrollment policy require a factor so new users cannot skip it.',
      controls: ['AC-02'],
      evaluate({ attributes: user }) {
        const skip = notSignInCapable(user);
        if (skip) return skip;
        const mfa = activeKinds(user, (kind) => !NOT_MFA.has(kind));
        const fields = {
          factors: user.factors.map((f) => `${f.providerType}:${f.active ? 'active' : 'not active'}`),
        };
        return mfa.length > 0
          ? pass(`${user.login} has ${mfa.join(', ')} enrolled`, fields)
          : fail(
              `${user.login} has no active second factor (email and security questions do not count)`,
              fields,
            );
      },
    }),
    defineTest(idpUser, {
      id: 'okta.admin_phishing_resistant_mfa',
      title: 'Okta administrators use phishing-resistant factors only',
      severity: 'high',
      rationale:
        'Codes sent by SMS, voice or email and one-time passwords can be relayed by a phishing proxy; an administrator account taken over that way controls every user and application.',
      remediation:
        'Enrol a FIDO2/WebAuthn security key or Okta Verify with FastPass for each admin, remove their SMS, voice and email factors, and require phishing resistance in the Admin Console authentication policy.',
      controls: ['AC-03'],
      evaluate({ attributes: user }) {
        if (user.adminRoles.length === 0) return notApplicable(`${user.login} holds no admin role`);
        const skip = notSignInCapable(user);
        if (skip) return skip;
        const strong = activeKinds(user, (kind) => PHISHING_RESISTANT.has(kind));
        const weak = activeKinds(user, (kind) => INTERCEPTABLE.has(kind));
        const fields = { adminRoles: user.adminRoles, phishingResistant: strong, interceptable: weak };
        if (strong.length === 0)
          return fail(
            `admin ${user.login} (${user.adminRoles.join(', ')}) has no phishing-resistant factor`,
            fields,
          );
        if (weak.length > 0)
          return fail(`admin ${user.login} can still sign in with ${weak.join(', ')}`, fields);
        return pass(`admin ${user.login} uses ${strong.join(', ')} only`, fields);
      },
    }),
    defineTest(idpUser, {
      id: 'okta.user_not_stale',
      title: `No active Okta account unused for more than ${STALE_AFTER_DAYS} days`,
      severity: 'medium',
      rationale:
        'An account nobody uses is one nobody would notice being used by someone else, and it usually belongs to a person who no longer needs the access.',
      remediation:
        'Confirm with the manager whether the access is still needed; suspend or deactivate the account if not, and set up an Okta Workflows or lifecycle automation that suspends accounts after 90 days without a sign-in.',
      controls: ['AC-16'],
      evaluate({ attributes: user }, { now }) {
        const skip = notSignInCapable(user);
        if (skip) return skip;
        const since = user.lastLogin ?? user.activated ?? user.created;
        const days = daysSince(since, now);
        const what = user.lastLogin
          ? `last signed in ${days} days ago`
          : `has not signed in since ${since.slice(0, 10)}`;
        const fields = {
          lastLogin: user.lastLogin,
          activated: user.activated,
          days,
          limit: STALE_AFTER_DAYS,
        };
        return days > STALE_AFTER_DAYS
          ? fail(`${user.login} ${what}, past the ${STALE_AFTER_DAYS}-day limit`, fields)
          : pass(`${user.login} ${what}`, fields);
      },
    }),
    defineTest(idpUser, {
      id: 'okta.leaver_deactivated',
      title: 'Leavers’ Okta accounts are suspended or deactivated by their last day',
      severity: 'high',
      rationale:
        'A leaver whose identity provider account still works keeps access to every application behind single sign-on, the commonest finding in access-removal testing.',
      remediation:
        'Suspend or deactivate the account now and check its sessions and API tokens; drive deactivation from the HR system (Okta lifecycle provisioning) so the termination date acts by itself.',
      controls: ['AC-07', 'HR-08'],
      evaluate({ attributes: user }, { now }) {
        const fields = { terminationDate: user.terminationDate, status: user.status };
        if (!user.terminationDate) return notApplicable('no HR termination date on the profile', fields);
        const end = terminationEnd(user.terminationDate);
        // Bad HR data is neither the user's pass nor their failure: say the test could not judge.
        if (end === undefined)
          return {
            status: 'error',
            reason: `the termination date "${user.terminationDate}" is not a date`,
            fields,
          };
        if (end > now.getTime())
          return notApplicable(`the last day, ${user.terminationDate}, is not over`, fields);
        return REMOVED.has(user.status)
          ? pass(`${user.login} left on ${user.terminationDate} and is ${user.status}`, fields)
          : fail(`${user.login} left on ${user.terminationDate} but is still ${user.status}`, fields);
      },
    }),
    defineTest(idpUser, {
      id: 'okta.pending_activation_expired',
      title: `No Okta account left pending activation for more than ${PENDING_ACTIVATION_DAYS} days`,
      severity: 'low',
      rationale:
        'An account created but never activated is an open invitation: its activation link can be used by whoever holds it, long after the hire who needed it started or withdrew.',
      remediation:
        'Confirm the person still joins; resend the activation or deactivate the account, and let activation tokens expire within days (Settings → Customizations → activation email lifetime).',
      controls: ['AC-16'],
      evaluate({ attributes: user }, { now }) {
        const fields = { status: user.status, created: user.created };
        if (user.status !== 'STAGED' && user.status !== 'PROVISIONED')
          return notApplicable(`the account is ${user.status}, not pending activation`, fields);
        const days = daysSince(user.created, now);
        return days > PENDING_ACTIVATION_DAYS
          ? fail(`${user.login} has been ${user.status} for ${days} days`, { ...fields, days })
          : pass(`${user.login} has been ${user.status} for ${days} days`, { ...fields, days });
      },
    }),
    defineTest(idpUser, {
      id: 'okta.no_generic_accounts',
      title: 'No shared or generic Okta accounts are active',
      severity: 'medium',
      rationale:
        'A login such as admin@ or test@ is used by several people or by none in particular, so nothing it does can be traced to a person and nobody removes it when people leave.',
      remediation:
        'Give each person their own account; deactivate the generic one, or if it is a service account, move it to an API service integration or OAuth client with a named owner.',
      controls: ['AC-05'],
      evaluate({ attributes: user }) {
        if (REMOVED.has(user.status)) return notApplicable(`the account is ${user.status}`);
        const local = (user.login.split('@')[0] ?? '').toLowerCase();
        return GENERIC_LOGIN.test(local)
          ? fail(`${user.login} is a generic login and the account is ${user.status}`, { login: user.login })
          : pass(`${user.login} names a person`, { login: user.login });
      },
    }),
    defineTest(idpDirectory, {
      id: 'okta.super_admin_count',
      title: `Between ${SUPER_ADMINS.min} and ${SUPER_ADMINS.max} Okta super administrators`,
      severity: 'medium',
      rationale:
        'Each super administrator can change every policy and user; more than a few widens that power needlessly, while a single one leaves nobody to recover the org if that account is lost.',
      remediation:
        'Security → Administrators: keep two to four super administrators and give everyone else a narrower role (Org, App, Help Desk or Read-Only Administrator).',
      controls: ['AC-10'],
      evaluate({ attributes: directory }) {
        const count = directory.superAdmins.length;
        const fields = { superAdmins: directory.superAdmins, count };
        if (count < SUPER_ADMINS.min)
          return fail(`${count} super administrator(s): nobody else could recover the org`, fields);
        if (count > SUPER_ADMINS.max)
          return fail(`${count} super administrators, more than ${SUPER_ADMINS.max}`, fields);
        return pass(`${count} super administrators`, fields);
      },
    }),
    defineTest(idpDirectory, {
      id: 'okta.password_min_length',
      title: 'Okta password policies require at least 12 characters',
      severity: 'medium',
      rationale: 'Short passwords fall to guessing and cracking; length is what makes a password strong.',
      remediation: `${POLICIES}: set Minimum length to 12 or more.`,
      controls: ['AC-11'],
      evaluate: passwordTest((p) =>
        p.minLength !== null && p.minLength >= 12
          ? undefined
          : `minimum length ${p.minLength ?? 'not set'}, below 12`,
      ),
    }),
    defineTest(idpDirectory, {
      id: 'okta.password_history',
      title: 'Okta password policies block reuse of the last 5 passwords',
      severity: 'low',
      rationale:
        'Without a history check a user forced to change a leaked password can set it straight back.',
      remediation: `${POLICIES}: set "Enforce password history for last" to 5 or more passwords.`,
      controls: ['AC-11'],
      evaluate: passwordTest((p) =>
        p.historyCount >= 5 ? undefined : `remembers ${p.historyCount} previous passwords, fewer than 5`,
      ),
    }),
    defineTest(idpDirectory, {
      id: 'okta.password_lockout',
      title: 'Okta locks accounts after at most 10 failed attempts',
      severity: 'medium',
      rationale: 'Without a lockout an attacker can try passwords against an account without limit.',
      remediation: `${POLICIES}: check "Lock out user after" and set it to 10 unsuccessful attempts or fewer.`,
      controls: ['AC-11'],
      evaluate: passwordTest((p) => {
        if (p.lockoutAttempts === 0) return 'no lockout';
        return p.lockoutAttempts <= 10 ? undefined : `locks out only after ${p.lockoutAttempts} attempts`;
      }),
    }),
    defineTest(idpDirectory, {
      id: 'okta.mfa_enrollment_required',
      title: 'Okta MFA enrollment policies require a second factor',
      severity: 'high',
      rationale:
        'When every factor is optional, users skip enrolment and their accounts stay password-only, whatever the sign-in policies ask for.',
      remediation:
        'Security → Authenticators → Enrollment (Classic: Security → Multifactor → Factor Enrollment): set Okta Verify or a security key to Required in each policy, and have its rules prompt at sign-in.',
      controls: ['AC-02'],
      evaluate: policyTest(
        'MFA enrollment policy',
        (d) => d.mfaEnrollmentPolicies,
        (p) => p.name,
        (p) => {
          if (p.requiredMfaFactors.length === 0) return 'no second factor is required';
          return p.neverPrompted ? 'its rules never ask users to enrol' : undefined;
        },
        (p) => ({ requiredFactors: p.requiredFactors, neverPrompted: p.neverPrompted }),
      ),
    }),
    defineTest(idpDirectory, {
      id: 'okta.session_lifetime_limited',
      title: 'Okta sessions last at most 12 hours',
      severity: 'medium',
      rationale:
        'A session without a maximum lifetime lives as long as it is used, so a stolen session cookie keeps working for days.',
      remediation:
        'Security → Global Session Policy (Classic: Authentication → Sign On): in each allowing rule set "Maximum Okta global session lifetime" to 12 hours or less.',
      controls: ['AC-15'],
      evaluate: policyTest(
        'global session rule that allows access',
        (d) => d.sessionRules.filter((r) => r.allowsAccess),
        (r) => `${r.policy} / ${r.rule}`,
        (r) => {
          if (r.maxLifetimeMinutes === null) return 'sessions have no maximum lifetime';
          return r.maxLifetimeMinutes <= SESSION_LIMIT_MINUTES
            ? undefined
            : `sessions last ${r.maxLifetimeMinutes / 60} hours`;
        },
        (r) => ({ maxLifetimeMinutes: r.maxLifetimeMinutes, maxIdleMinutes: r.maxIdleMinutes }),
      ),
    }),
  ],
};
