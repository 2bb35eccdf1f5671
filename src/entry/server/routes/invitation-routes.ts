import { z } from 'zod';
import { acceptInvitation, inviteMember, revokeInvitation } from '../../../app/auth/invitations.ts';
import { startSession } from '../../../app/auth/sessions.ts';
import { orgOf, sessionOf } from '../access.ts';
import { ERRORS, ZOrgParams, ZRole } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import { setSessionCookie } from '../session-cookie.ts';
import type { ZodApp } from '../zod-app.ts';

const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRole,
  invitedBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  acceptedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

const ZAccepted = z.object({ organization: z.object({ slug: z.string(), name: z.string() }), role: ZRole });

export function registerInvitationRoutes(app: ZodApp, config: TServerConfig): void {
  app.get(
    '/api/v1/orgs/:org/invitations',
    {
      config: { access: { kind: 'org', permission: 'members:manage' } },
      schema: {
        summary: 'Invitations, open and past',
        tags: ['organizations'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZInvitation) }), ...ERRORS },
      },
    },
    async (request) => {
      const items = await request.deps.store.repos.invitations.list(orgOf(request).scope);
      return { items: items.map(({ orgId: _org, ...i }) => i) };
    },
  );

  app.post(
    '/api/v1/orgs/:org/invitations',
    {
      config: { access: { kind: 'org', permission: 'members:manage' } },
      schema: {
        summary:
          'Invite someone by email with a role; the link is mailed, or logged and returned without SMTP',
        tags: ['organizations'],
        params: ZOrgParams,
        body: z.strictObject({
          email: z.string().max(254),
          role: ZRole,
          expiresInDays: z.number().int().optional(),
        }),
        response: {
          201: ZInvitation.extend({
            /** The acceptance link, for the inviter to pass on when mail is not delivered; shown once. Null when mailed. */
            link: z.string().nullable(),
          }),
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { org, scope, role } = orgOf(request);
      const { invitation, link } = await inviteMember(
        request.deps,
        org,
        scope,
        { role },
        { ...request.body, baseUrl: config.publicUrl },
      );
      const { orgId: _org, ...view } = invitation;
      return reply.status(201).send({ ...view, link });
    },
  );

  app.delete(
    '/api/v1/orgs/:org/invitations/:id',
    {
      config: { access: { kind: 'org', permission: 'members:manage' } },
      schema: {
        summary: 'Revoke an open invitation',
        tags: ['organizations'],
        params: ZOrgParams.extend({ id: z.uuid() }),
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      await revokeInvitation(request.deps, orgOf(request).scope, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: 'Accept an invitation as the signed-in user it was sent to',
        tags: ['organizations'],
        body: z.strictObject({ token: z.string().min(10).max(200) }),
        response: { 200: ZAccepted, ...ERRORS },
      },
    },
    async (request) => {
      const { org, role } = await acceptInvitation(request.deps, request.body.token, {
        user: sessionOf(request).user,
      });
      return { organization: { slug: org.slug, name: org.name }, role };
    },
  );

  app.post(
    '/api/v1/invitations/register',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Accept an invitation as someone new: choose a password, and be signed in',
        tags: ['organizations'],
        body: z.strictObject({ token: z.string().min(10).max(200), password: z.string().max(256) }),
        response: { 200: ZAccepted, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { user, org, role } = await acceptInvitation(request.deps, request.body.token, {
        password: request.body.password,
      });
      const started = await startSession(request.deps, user, config.session, request.ip);
      setSessionCookie(config, request, reply, started.token);
      return { organization: { slug: org.slug, name: org.name }, role };
    },
  );
}
