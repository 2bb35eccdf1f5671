// Who may do what, in one place. Every HTTP route names one of these permissions, and a test walks every
// route with every role against this table. Change the table, not the routes, to change who may act.

export const MEMBER_ROLES = ['owner', 'admin', 'member', 'employee', 'auditor', 'viewer'] as const;
export type TMemberRole = (typeof MEMBER_ROLES)[number];

export const PERMISSIONS = [
  'org:read',
  'program:read',
  'program:write',
  'controls:read',
  'controls:write',
  'evidence:read',
  'evidence:write',
  'policies:read',
  'policies:write',
  'policies:approve',
  'policies:accept',
  'policy_acceptances:read',
  'readiness:read',
  'tasks:read',
  'tasks:write',
  'members:read',
  'members:manage',
  'tokens:manage',
  'audit_log:read',
  'org:manage',
  'integrations:read',
  'integrations:run',
  'integrations:manage',
  'risks:read',
  'risks:write',
  /** Accepting a risk on the organization's behalf: owners and admins only. */
  'risks:accept',
  /** The audit: its record, timelines, populations, samples, requests and package. */
  'audits:read',
  /** Creating and editing audits, inviting auditors, importing request lists, answering requests. */
  'audits:manage',
  /** The auditor's own actions inside an audit: comment, request, accept, flag, draw samples. */
  'audits:review',
  'people:read',
  'people:write',
  'vendors:read',
  'vendors:write',
  'access_reviews:read',
  /** Starting campaigns and deciding keep or revoke on accounts. */
  'access_reviews:write',
  /** The data inventory and, with Privacy in scope, the privacy registers. */
  'privacy:read',
  'privacy:write',
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

const READ_PROGRAM: TPermission[] = [
  'org:read',
  'program:read',
  'controls:read',
  'evidence:read',
  'policies:read',
  'policy_acceptances:read',
  'readiness:read',
  'tasks:read',
  'integrations:read',
  'risks:read',
  'audits:read',
  'people:read',
  'vendors:read',
  'access_reviews:read',
  'privacy:read',
];

export const ROLE_PERMISSIONS: Record<TMemberRole, readonly TPermission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  // Control and policy owners: they run the program but do not manage the organization or its access.
  member: [
    ...READ_PROGRAM,
    'controls:write',
    'evidence:write',
    'tasks:write',
    'risks:write',
    'audits:manage',
    'people:write',
    'vendors:write',
    'access_reviews:write',
    'privacy:write',
    'members:read',
    'integrations:run',
    // Approving is further limited to the policy's own owner (domain/policy-lifecycle.ts).
    'policies:write',
    'policies:approve',
    'policies:accept',
  ],
  // Employees see policies to accept and their own tasks (the task list is filtered to them).
  employee: ['org:read', 'policies:read', 'policies:accept', 'tasks:read'],
  // Auditors read the program; they never change it. An auditor invited into an audit sees only that
  // audit's window (entry/server/access.ts), and acts only through comments, requests, acceptance and flags.
  auditor: [...READ_PROGRAM, 'audit_log:read', 'audits:review'],
  viewer: READ_PROGRAM,
};

/** How much each role may do, for "nobody hands out more power than they hold" (tokens, invitations). */
export const ROLE_RANK: Record<TMemberRole, number> = {
  owner: 5,
  admin: 4,
  member: 3,
  auditor: 2,
  viewer: 1,
  employee: 0,
};

export function canGrant(granter: TMemberRole, role: TMemberRole): boolean {
  return ROLE_RANK[role] <= ROLE_RANK[granter];
}

export function can(role: TMemberRole, permission: TPermission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isMemberRole(value: string): value is TMemberRole {
  return (MEMBER_ROLES as readonly string[]).includes(value);
}
