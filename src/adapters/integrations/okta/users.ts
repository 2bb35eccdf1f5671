import type { TCollectorContext } from '../../../app/monitoring/collector.ts';
import type { TResource } from '../../../domain/monitoring/model.ts';
import type { TOktaApi, TOktaPermission } from './client.ts';
import { type TOktaUser, ZOktaFactor, ZOktaGroup, ZOktaRole, ZOktaUser } from './schemas.ts';

// Okta users as idp.user resources: every user the org lists, then each one's factors, admin roles and
// groups. Requests go one at a time; the client waits out Okta's rate limits between them.

const PAGE_SIZE = '200';
export const USERS_READ: TOktaPermission = { scope: 'okta.users.read', role: 'Read-Only Administrator' };
const ROLES_READ: TOktaPermission = { scope: 'okta.roles.read', role: 'Read-Only Administrator' };
const GROUPS_READ: TOktaPermission = { scope: 'okta.groups.read', role: 'Read-Only Administrator' };

/** Okta factor types in the provider-neutral vocabulary of idp.user. */
const FACTOR_KIND: Record<string, string> = {
  webauthn: 'webauthn',
  u2f: 'webauthn',
  signed_nonce: 'fastpass',
  push: 'push',
  'token:software:totp': 'totp',
  'token:hotp': 'totp',
  'token:hardware': 'hardware_otp',
  token: 'hardware_otp',
  sms: 'sms',
  call: 'voice',
  email: 'email',
  question: 'security_question',
};

export interface TUserOptions {
  /** The profile attribute the HR system writes the last working day to. */
  terminationDateAttribute: string;
}

function terminationDateOf(user: TOktaUser, attribute: string): string | null {
  const value = user.profile[attribute];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function displayNameOf(user: TOktaUser): string | null {
  const { displayName } = user.profile;
  if (typeof displayName === 'string' && displayName) return displayName;
  const name = [user.profile.firstName, user.profile.lastName].filter(Boolean).join(' ');
  return name || null;
}

async function describeUser(api: TOktaApi, user: TOktaUser, options: TUserOptions): Promise<TResource> {
  const base = `/api/v1/users/${encodeURIComponent(user.id)}`;
  // A deactivated user cannot sign in and Okta resets its factors: there is nothing more to read.
  const live = user.status !== 'DEPROVISIONED';
  const factors = live ? await api.list(`${base}/factors`, {}, ZOktaFactor, USERS_READ) : [];
  const roles = live ? await api.list(`${base}/roles`, {}, ZOktaRole, ROLES_READ) : [];
  const groups = live ? await api.list(`${base}/groups`, {}, ZOktaGroup, GROUPS_READ) : [];
  const roleNames = [...new Set(roles.map((role) => (role.type === 'CUSTOM' ? role.label : role.type)))];
  return {
    type: 'idp.user',
    id: user.id,
    name: user.profile.login,
    attributes: {
      login: user.profile.login,
      email: user.profile.email ?? null,
      displayName: displayNameOf(user),
      status: user.status,
      created: user.created,
      activated: user.activated ?? null,
      lastLogin: user.lastLogin ?? null,
      passwordChanged: user.passwordChanged ?? null,
      factors: factors.map((factor) => ({
        kind: FACTOR_KIND[factor.factorType] ?? 'other',
        active: factor.status === 'ACTIVE',
        providerType: factor.factorType,
        provider: factor.provider,
      })),
      adminRoles: roleNames,
      superAdmin: roles.some((role) => role.type === 'SUPER_ADMIN'),
      groups: groups.map((group) => group.profile.name).sort((a, b) => a.localeCompare(b, 'en')),
      terminationDate: terminationDateOf(user, options.terminationDateAttribute),
    },
  };
}

export async function collectUsers(
  api: TOktaApi,
  options: TUserOptions,
  context: TCollectorContext,
): Promise<TResource[]> {
  context.progress('listing Okta users');
  const listed = await api.list('/api/v1/users', { limit: PAGE_SIZE }, ZOktaUser, USERS_READ);
  // Okta leaves deactivated users out of the default listing; leavers are judged on them too.
  const deprovisioned = await api.list(
    '/api/v1/users',
    { filter: 'status eq "DEPROVISIONED"', limit: PAGE_SIZE },
    ZOktaUser,
    USERS_READ,
  );
  const users = [...listed, ...deprovisioned.filter((d) => !listed.some((u) => u.id === d.id))];
  const resources: TResource[] = [];
  for (const [index, user] of users.entries()) {
    context.progress(`Okta user ${index + 1} of ${users.length}: ${user.profile.login}`);
    resources.push(await describeUser(api, user, options));
  }
  return resources;
}
