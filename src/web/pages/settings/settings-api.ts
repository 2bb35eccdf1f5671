import { canGrant, MEMBER_ROLES, type TMemberRole } from '../../../domain/permissions.ts';

// Query keys and small helpers shared by the settings tabs. Keys start with the organization's slug.

export const settingsKeys = {
  members: (slug: string) => ['org', slug, 'members'] as const,
  invitations: (slug: string) => ['org', slug, 'invitations'] as const,
  tokens: (slug: string) => ['org', slug, 'tokens'] as const,
  sso: (slug: string) => ['org', slug, 'sso'] as const,
  auditLog: (slug: string) => ['org', slug, 'audit-log'] as const,
  auditChain: (slug: string) => ['org', slug, 'audit-log', 'verify'] as const,
  ledger: (slug: string) => ['org', slug, 'ledger'] as const,
  passkeys: ['me', 'passkeys'] as const,
};

/** What each role may do, in a phrase, for role pickers. */
export const ROLE_HINTS: Record<TMemberRole, string> = {
  owner: 'everything, including ownership',
  admin: 'everything but making owners',
  member: 'runs controls, evidence, policies and tasks',
  auditor: 'reads the program and the audit log',
  viewer: 'reads the program',
  employee: 'accepts policies and does their own tasks',
};

/** The roles someone with `role` may hand out: never more than their own. */
export function grantableRoles(role: TMemberRole): TMemberRole[] {
  return MEMBER_ROLES.filter((r) => canGrant(role, r));
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toLocaleDateString(undefined, { dateStyle: 'medium' });
}
