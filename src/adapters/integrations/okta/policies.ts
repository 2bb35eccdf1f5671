import type { TCollectorContext } from '../../../app/monitoring/collector.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import type { TOktaApi, TOktaPermission } from './client.ts';
import {
  type TMfaEnrollPolicy,
  type TPasswordPolicy,
  ZMfaEnrollPolicy,
  ZMfaEnrollRule,
  ZPasswordPolicy,
  ZSignOnPolicy,
  ZSignOnRule,
} from './schemas.ts';

// The org's settings as one idp.directory resource: its password policies, MFA enrollment policies (with
// their rules: whether users are asked to enrol at all), global session rules, and the super admins found
// among the users.

const POLICIES_READ: TOktaPermission = { scope: 'okta.policies.read', role: 'Read-Only Administrator' };

/** Enrollment keys that are not a second factor: the password itself, an email, a security question. */
const NOT_MFA_KEYS = new Set(['okta_password', 'okta_email', 'okta_question', 'security_question']);

function passwordPolicy(policy: TPasswordPolicy) {
  const { complexity = {}, age = {}, lockout = {} } = policy.settings.password;
  const provider = policy.conditions?.authProvider?.provider ?? 'OKTA';
  return {
    name: policy.name,
    priority: policy.priority,
    active: policy.status === 'ACTIVE',
    providerMastered: provider === 'OKTA',
    minLength: complexity.minLength ?? null,
    requiresLowercase: (complexity.minLowerCase ?? 0) > 0,
    requiresUppercase: (complexity.minUpperCase ?? 0) > 0,
    requiresNumber: (complexity.minNumber ?? 0) > 0,
    requiresSymbol: (complexity.minSymbol ?? 0) > 0,
    historyCount: age.historyCount ?? 0,
    maxAgeDays: age.maxAgeDays ?? 0,
    lockoutAttempts: lockout.maxAttempts ?? 0,
  };
}

/** The keys a policy requires, from a Classic org's factors or an Identity Engine org's authenticators. */
function requiredKeys(policy: TMfaEnrollPolicy): string[] {
  const settings = policy.settings ?? {};
  const classic = Object.entries(settings.factors ?? {}).map(([key, value]) => ({
    key,
    self: value.enroll?.self,
  }));
  const engine = (settings.authenticators ?? []).map((a) => ({ key: a.key, self: a.enroll?.self }));
  return [...classic, ...engine].filter((entry) => entry.self === 'REQUIRED').map((entry) => entry.key);
}

async function mfaEnrollmentPolicies(api: TOktaApi) {
  const policies = await api.list(
    '/api/v1/policies',
    { type: 'MFA_ENROLL' },
    ZMfaEnrollPolicy,
    POLICIES_READ,
  );
  const result = [];
  for (const policy of policies) {
    const rules = await api.list(
      `/api/v1/policies/${encodeURIComponent(policy.id)}/rules`,
      {},
      ZMfaEnrollRule,
      POLICIES_READ,
    );
    const required = requiredKeys(policy);
    const activeRules = rules.filter((rule) => rule.status === 'ACTIVE');
    result.push({
      name: policy.name,
      priority: policy.priority,
      active: policy.status === 'ACTIVE',
      requiredFactors: required,
      requiredMfaFactors: required.filter((key) => !NOT_MFA_KEYS.has(key)),
      // A policy applies through its rules: with none active, or all saying NEVER, nobody is asked.
      neverPrompted: activeRules.every((rule) => rule.actions?.enroll?.self === 'NEVER'),
    });
  }
  return result;
}

async function sessionRules(api: TOktaApi) {
  const policies = await api.list('/api/v1/policies', { type: 'OKTA_SIGN_ON' }, ZSignOnPolicy, POLICIES_READ);
  const result = [];
  for (const policy of policies) {
    const rules = await api.list(
      `/api/v1/policies/${encodeURIComponent(policy.id)}/rules`,
      {},
      ZSignOnRule,
      POLICIES_READ,
    );
    for (const rule of rules) {
      const { access, session = {} } = rule.actions.signon;
      result.push({
        policy: policy.name,
        rule: rule.name,
        active: policy.status === 'ACTIVE' && rule.status === 'ACTIVE',
        allowsAccess: access === 'ALLOW',
        // Okta's 0 (or no value) disables the maximum lifetime.
        maxLifetimeMinutes: session.maxSessionLifetimeMinutes || null,
        maxIdleMinutes: session.maxSessionIdleMinutes ?? null,
        persistentCookie: session.usePersistentCookie ?? false,
      });
    }
  }
  return result;
}

export async function collectDirectory(
  api: TOktaApi,
  domain: string,
  users: readonly TResource[],
  context: TCollectorContext,
): Promise<TResource> {
  context.progress('reading Okta password, MFA enrollment and global session policies');
  const passwordPolicies = await api.list(
    '/api/v1/policies',
    { type: 'PASSWORD' },
    ZPasswordPolicy,
    POLICIES_READ,
  );
  const superAdmins = users
    .filter(
      (u) =>
        u.attributes.superAdmin === true &&
        !['SUSPENDED', 'DEPROVISIONED'].includes(String(u.attributes.status)),
    )
    .map((u) => u.name);
  return {
    type: 'idp.directory',
    id: `okta:${domain}`,
    name: domain,
    attributes: {
      domain,
      passwordPolicies: passwordPolicies.map(passwordPolicy),
      mfaEnrollmentPolicies: await mfaEnrollmentPolicies(api),
      sessionRules: await sessionRules(api),
      superAdmins,
    },
  };
}
