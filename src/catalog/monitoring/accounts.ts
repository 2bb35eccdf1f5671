import type { z } from 'zod';
import type { TAccessAccount } from '../../domain/access-review/campaign.ts';
import type { TResource, TResourceType } from '../../domain/monitoring/model.ts';
import { awsIamUser } from './aws-resources.ts';
import { githubMember } from './github.ts';
import { idpUser } from './idp.ts';
import { accountDisabled, ldapAccount } from './ldap.ts';
import { postgresRole } from './postgres.ts';

// The resource types that are accounts, and how an access review reads each: who it is, what it may do
// (roles, groups, whether it is privileged), whether it can still sign in, and its last sign-in when the
// system tells it. A system whose resources include one of these types can be reviewed.

type TAccountFields = Omit<TAccessAccount, 'resourceType' | 'accountId' | 'name'>;

interface TAccountReader<S extends z.ZodType> {
  type: TResourceType<S>;
  read(attributes: z.infer<S>, now: Date): TAccountFields;
}

function reader<S extends z.ZodType>(
  type: TResourceType<S>,
  read: (attributes: z.infer<S>, now: Date) => TAccountFields,
): TAccountReader<z.ZodType> {
  return { type, read } as TAccountReader<z.ZodType>;
}

const latest = (...dates: (string | null)[]): string | null =>
  dates.filter((d): d is string => d !== null).sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;

const READERS: TAccountReader<z.ZodType>[] = [
  reader(idpUser, (u) => ({
    email: u.email,
    // Suspended and deprovisioned users cannot sign in; staged and provisioned ones can once activated.
    status: u.status === 'SUSPENDED' || u.status === 'DEPROVISIONED' ? 'disabled' : 'active',
    lastLogin: u.lastLogin,
    privileges: {
      roles:
        u.superAdmin && !u.adminRoles.includes('SUPER_ADMIN')
          ? ['SUPER_ADMIN', ...u.adminRoles]
          : u.adminRoles,
      groups: u.groups,
      privileged: u.superAdmin || u.adminRoles.length > 0,
    },
  })),
  reader(ldapAccount, (a, now) => ({
    email: null,
    status: accountDisabled(a, now) ? 'disabled' : 'active',
    lastLogin: null,
    privileges: { roles: a.privilegedGroups, groups: a.groups, privileged: a.privilegedGroups.length > 0 },
  })),
  reader(githubMember, (m) => ({
    email: null,
    status: 'active',
    lastLogin: null,
    privileges: { roles: [m.role], groups: [], privileged: m.role === 'admin' },
  })),
  reader(awsIamUser, (u) => {
    const keys = u.accessKeys.filter((k) => k.active);
    return {
      email: null,
      // A user with neither a console password nor an active key cannot act.
      status: u.passwordEnabled || keys.length > 0 ? 'active' : 'disabled',
      lastLogin: latest(u.passwordLastUsed, ...keys.map((k) => k.lastUsed)),
      privileges: {
        roles: [
          ...(u.passwordEnabled ? ['console password'] : []),
          ...keys.map((k) => `access key ${k.slot}`),
        ],
        groups: [],
        // IAM policies are not collected: the review lists the credentials, not the permissions.
        privileged: false,
      },
    };
  }),
  reader(postgresRole, (r) => ({
    email: null,
    status: r.canLogin ? 'active' : 'disabled',
    lastLogin: null,
    privileges: {
      roles: [...(r.superuser ? ['superuser'] : []), ...(r.canLogin ? ['login'] : [])],
      groups: [],
      privileged: r.superuser,
    },
  })),
];

const BY_TYPE = new Map(READERS.map((r) => [r.type.type, r]));

/** The resource types an access review reads accounts from. */
export const ACCOUNT_RESOURCE_TYPES: readonly string[] = READERS.map((r) => r.type.type);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The account a resource describes, or null when its type is not an account type (or it does not parse). */
export function accountOf(resource: TResource, now: Date): TAccessAccount | null {
  const found = BY_TYPE.get(resource.type);
  if (!found) return null;
  const parsed = found.type.schema.safeParse(resource.attributes);
  if (!parsed.success) return null;
  const fields = found.read(parsed.data, now);
  return {
    resourceType: resource.type,
    accountId: resource.id,
    name: resource.name,
    ...fields,
    // A login that is an email is the best email there is when the system has no separate one.
    email: fields.email ?? (EMAIL.test(resource.name) ? resource.name : null),
  };
}
