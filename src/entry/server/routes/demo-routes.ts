import { z } from 'zod';
import { startSession } from '../../../app/auth/sessions.ts';
import { getDemoStatus, startDemo, useDemoSignInToken } from '../../../app/demo/demo-sign-in.ts';
import { ERRORS } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import { setSessionCookie } from '../session-cookie.ts';
import type { ZodApp } from '../zod-app.ts';
import { sessionView, ZSessionView } from './auth-routes.ts';

// The demo organization from the browser: whether an empty first run may start it, starting it, and the
// one-time link `attestly serve --demo` prints. A demo session reaches the demo organization only.

export function registerDemoRoutes(app: ZodApp, config: TServerConfig): void {
  app.get(
    '/api/v1/demo',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Whether "try the demo" is available (no user yet) and whether the demo is seeded',
        tags: ['demo'],
        response: { 200: z.object({ available: z.boolean(), seeded: z.boolean() }), ...ERRORS },
      },
    },
    async (request) => getDemoStatus(request.deps),
  );

  app.post(
    '/api/v1/demo',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Empty first run only: seed the demo organization and sign in as its owner',
        tags: ['demo'],
        response: { 201: ZSessionView, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { user, org } = await startDemo(request.deps);
      const started = await startSession(request.deps, user, config.session, request.ip, org.id);
      setSessionCookie(config, request, reply, started.token);
      return reply.status(201).send(await sessionView(request, user, started.session));
    },
  );

  app.post(
    '/api/v1/demo/sign-in',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: "Sign in as the demo organization's owner with a one-time demo link",
        tags: ['demo'],
        body: z.strictObject({ token: z.string().min(10).max(200) }),
        response: { 200: ZSessionView, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { user, org } = await useDemoSignInToken(request.deps, request.body.token);
      const started = await startSession(request.deps, user, config.session, request.ip, org.id);
      setSessionCookie(config, request, reply, started.token);
      return sessionView(request, user, started.session);
    },
  );
}
