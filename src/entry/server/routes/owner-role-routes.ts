import { z } from 'zod';
import type { TOwnerRoleAssignment } from '../../../app/ports.ts';
import { assignOwnerRoles } from '../../../app/program/assign-owner-roles.ts';
import { OWNER_ROLES, type TOwnerRole } from '../../../domain/catalog-types.ts';
import { orgOf } from '../access.ts';
import { ERRORS, ZOrgParams } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const ZAssignee = z.object({ userId: z.string(), email: z.string(), name: z.string().nullable() });

/** Every owner role, with its default owner or null. */
const ZAssignments = z.object(
  Object.fromEntries(OWNER_ROLES.map((role) => [role, ZAssignee.nullable()])) as Record<
    TOwnerRole,
    z.ZodNullable<typeof ZAssignee>
  >,
);

function byRole(list: TOwnerRoleAssignment[]) {
  return Object.fromEntries(
    OWNER_ROLES.map((role) => {
      const found = list.find((a) => a.ownerRole === role);
      return [role, found ? { userId: found.userId, email: found.email, name: found.name } : null];
    }),
  ) as Record<TOwnerRole, z.infer<typeof ZAssignee> | null>;
}

export function registerOwnerRoleRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/owner-roles',
    {
      config: { access: { kind: 'org', permission: 'program:read' } },
      schema: {
        summary: 'The default owner of each owner role (leadership, security, engineering, it, hr, legal)',
        tags: ['program'],
        params: ZOrgParams,
        response: { 200: z.object({ assignments: ZAssignments }), ...ERRORS },
      },
    },
    async (request) => ({
      assignments: byRole(await request.deps.store.repos.ownerRoles.list(orgOf(request).scope)),
    }),
  );

  app.put(
    '/api/v1/orgs/:org/owner-roles',
    {
      config: { access: { kind: 'org', permission: 'program:write' } },
      schema: {
        summary:
          'Name the default owner of owner roles (null clears one, a role left out is kept); unowned controls and policies of the role get them',
        tags: ['program'],
        params: ZOrgParams,
        body: z.strictObject({
          assignments: z.strictObject(
            Object.fromEntries(OWNER_ROLES.map((role) => [role, z.uuid().nullable().optional()])) as Record<
              TOwnerRole,
              z.ZodOptional<z.ZodNullable<z.ZodUUID>>
            >,
          ),
        }),
        response: {
          200: z.object({
            assignments: ZAssignments,
            assigned: z.object({ controls: z.array(z.string()), policies: z.number().int() }),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const result = await assignOwnerRoles(request.deps, orgOf(request).scope, request.body.assignments);
      return { assignments: byRole(result.assignments), assigned: result.assigned };
    },
  );
}
