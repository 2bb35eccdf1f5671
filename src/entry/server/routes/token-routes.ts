import { z } from 'zod';
import { createApiToken, revokeApiToken } from '../../../app/auth/api-tokens.ts';
import { orgOf, principalOf } from '../access.ts';
import { ERRORS, ZOrgParams, ZRole } from '../schemas.ts';
import type { ZodApp } from '../zod-app.ts';

const ZToken = z.object({
  id: z.string(),
  name: z.string(),
  role: ZRole,
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export function registerTokenRoutes(app: ZodApp): void {
  app.get(
    '/api/v1/orgs/:org/tokens',
    {
      config: { access: { kind: 'org', permission: 'tokens:manage' } },
      schema: {
        summary: 'API tokens (never their secret)',
        tags: ['tokens'],
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZToken) }), ...ERRORS },
      },
    },
    async (request) => {
      const tokens = await request.deps.store.repos.apiTokens.list(orgOf(request).scope);
      return { items: tokens.map(({ orgId: _org, ...t }) => t) };
    },
  );

  app.post(
    '/api/v1/orgs/:org/tokens',
    {
      config: { access: { kind: 'org', permission: 'tokens:manage' } },
      schema: {
        summary: 'Create an API token bound to this organization and one role; the secret is shown once',
        tags: ['tokens'],
        params: ZOrgParams,
        body: z.strictObject({
          name: z.string().max(100),
          role: ZRole,
          expiresAt: z.iso.datetime().optional(),
        }),
        response: { 201: ZToken.extend({ token: z.string() }), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { scope, role } = orgOf(request);
      const principal = principalOf(request);
      const { token, apiToken } = await createApiToken(
        request.deps,
        scope,
        { userId: principal.kind === 'session' ? principal.user.id : null, role },
        { ...request.body, expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : undefined },
      );
      const { orgId: _org, ...view } = apiToken;
      return reply.status(201).send({ ...view, token });
    },
  );

  app.delete(
    '/api/v1/orgs/:org/tokens/:id',
    {
      config: { access: { kind: 'org', permission: 'tokens:manage' } },
      schema: {
        summary: 'Revoke an API token',
        tags: ['tokens'],
        params: ZOrgParams.extend({ id: z.uuid() }),
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (request, reply) => {
      await revokeApiToken(request.deps, orgOf(request).scope, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
