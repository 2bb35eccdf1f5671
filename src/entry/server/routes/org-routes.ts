import { z } from 'zod';
import { recordChange } from '../../../app/audit/record-change.ts';
import { changeMemberRole } from '../../../app/organizations/change-member-role.ts';
import { createOrganizationIn } from '../../../app/organizations/create-organization.ts';
import { removeMember } from '../../../app/organizations/remove-member.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { orgOf, principalOf, sessionOf } from '../access.ts';
import { ERRORS, ZOrganization, ZOrgParams, ZRole } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const ZMember = z.object({ userId: z.string(), email: z.string(), role: ZRole });

export function registerOrgRoutes(app: ZodApp): void {
  app.post(
    '/api/v1/orgs',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: 'Create another organization; the signed-in user owns it',
        tags: ['organizations'],
        body: z.strictObject({ name: z.string().max(200), slug: z.string().max(60).optional() }),
        response: { 201: ZOrganization, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { user, session } = sessionOf(request);
      if (session.orgId !== null) {
        throw new AttestlyError(
          'FORBIDDEN',
          'a single sign-on session reaches one organization: sign in with a password to create one',
        );
      }
      const { deps } = request;
      const { org } = await deps.store.transaction((repos) =>
        createOrganizationIn(repos, deps, { ...request.body, owner: { userId: user.id } }),
      );
      return reply.status(201).send({ slug: org.slug, name: org.name, requireMfa: false });
    },
  );

  app.get(
    '/api/v1/orgs/:org',
    {
      config: { access: { kind: 'org', permission: 'org:read' } },
      schema: {
        summary: 'The organization, the caller role in it, and whether its SOC 2 program is defined yet',
        tags: ['organizations'],
        params: ZOrgParams,
        response: {
          200: z.object({
            organization: ZOrganization,
            role: ZRole,
            /** False until onboarding defines the program: the readiness, dashboard and program reads refuse until then. */
            hasProgram: z.boolean(),
          }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { org, scope, role } = orgOf(request);
      const program = await request.deps.store.repos.programs.find(scope);
      return {
        organization: { slug: org.slug, name: org.name, requireMfa: org.requireMfa ?? false },
        role,
        hasProgram: program !== null,
      };
    },
  );

  app.patch(
    '/api/v1/orgs/:org/settings',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary: 'Change organization settings (require a second factor for everyone)',
        tags: ['organizations'],
        params: ZOrgParams,
        body: z.strictObject({ requireMfa: z.boolean() }),
        response: { 200: ZOrganization, ...ERRORS },
      },
    },
    async (request) => {
      const { org, scope } = orgOf(request);
      const { deps } = request;
      const principal = principalOf(request);
      if (request.body.requireMfa && principal.kind === 'session' && !principal.user.hasSecondFactor) {
        throw new AttestlyError(
          'CONFLICT',
          'enrol a second factor yourself before requiring one from everyone',
        );
      }
      await deps.store.transaction(async (repos) => {
        await repos.organizations.setRequireMfa(scope, request.body.requireMfa);
        await recordChange(
          repos,
          scope,
          deps,
          'organization.settings_changed',
          { type: 'organization', id: org.id },
          {
            before: { requireMfa: org.requireMfa ?? false },
            after: request.body,
          },
        );
      });
      return { slug: org.slug, name: org.name, requireMfa: request.body.requireMfa };
    },
  );

  app.get(
    '/api/v1/orgs/:org/members',
    {
      config: { access: { kind: 'org', permission: 'members:read' } },
      schema: {
        summary: 'Members and their roles',
        tags: ['organizations'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZMember) }), ...ERRORS },
      },
    },
    async (request) => {
      const members = await request.deps.store.repos.memberships.list(orgOf(request).scope);
      return { items: members.map((m) => ({ userId: m.userId, email: m.email, role: m.role })) };
    },
  );

  app.patch(
    '/api/v1/orgs/:org/members/:id',
    {
      config: { access: { kind: 'org', permission: 'members:manage' } },
      schema: {
        summary: "Change a member's role (never above the caller's own; the last owner stays owner)",
        tags: ['organizations'],
        params: ZOrgParams.extend({ id: z.uuid() }),
        body: z.strictObject({ role: ZRole }),
        response: { 200: ZMember, ...ERRORS },
      },
    },
    async (request) => {
      const { scope, role } = orgOf(request);
      const member = await changeMemberRole(
        request.deps,
        scope,
        { role },
        {
          userId: request.params.id,
          role: request.body.role,
        },
      );
      return { userId: member.userId, email: member.email, role: member.role };
    },
  );

  app.delete(
    '/api/v1/orgs/:org/members/:id',
    {
      config: { access: { kind: 'org', permission: 'members:manage' } },
      schema: {
        summary: 'Remove a member from the organization (not the last owner, nor anyone above the caller)',
        tags: ['organizations'],
        params: ZOrgParams.extend({ id: z.uuid() }),
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { scope, role } = orgOf(request);
      await removeMember(request.deps, scope, { role }, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
