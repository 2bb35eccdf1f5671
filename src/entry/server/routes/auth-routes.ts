import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { endAllSessions, endSession, startSession } from '../../../app/auth/sessions.ts';
import { createAccount } from '../../../app/auth/setup.ts';
import { signIn } from '../../../app/auth/sign-in.ts';
import { confirmTotp, enrollTotp, verifySecondFactor } from '../../../app/auth/totp.ts';
import type { TSession, TUserAuth } from '../../../app/ports.ts';
import { SESSION_COOKIE, sessionOf } from '../access.ts';
import { ERRORS, ZOrganization, ZRole, ZUser } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import { setSessionCookie } from '../session-cookie.ts';
import type { ZodApp } from '../zod-app.ts';

export const ZSessionView = z.object({
  user: ZUser,
  csrfToken: z.string(),
  mfaRequired: z.boolean(),
  organizations: z.array(z.object({ organization: ZOrganization, role: ZRole })),
});

const userView = (user: TUserAuth) => ({
  id: user.id,
  email: user.email,
  mfaEnabled: user.hasSecondFactor,
  totpEnabled: user.totpEnabledAt !== null,
});

/** What every sign-in answers (password, passkey) and GET /api/v1/session returns. */
export async function sessionView(request: FastifyRequest, user: TUserAuth, session: TSession) {
  const all = await request.deps.store.repos.memberships.listForUser(user.id);
  const memberships = session.orgId === null ? all : all.filter((m) => m.org.id === session.orgId);
  return {
    user: userView(user),
    csrfToken: session.csrfToken,
    mfaRequired: !session.mfaVerified,
    organizations: memberships.map((m) => ({
      organization: { slug: m.org.slug, name: m.org.name, requireMfa: m.org.requireMfa ?? false },
      role: m.role,
    })),
  };
}

export function registerAuthRoutes(app: ZodApp, config: TServerConfig): void {
  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    setSessionCookie(config, request, reply, token);

  app.post(
    '/api/v1/setup',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'First run: create the first owner and organization with the one-time setup token',
        tags: ['auth'],
        body: z.strictObject({
          token: z.string().min(10).max(200),
          email: z.string().max(254),
          password: z.string().max(256),
          organizationName: z.string().max(200),
          organizationSlug: z.string().max(60).optional(),
        }),
        response: { 201: ZSessionView, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { token, ...account } = request.body;
      const { user } = await createAccount(request.deps, { ...account, setupToken: token });
      const started = await startSession(request.deps, user, config.session, request.ip);
      setCookie(request, reply, started.token);
      return reply.status(201).send(await sessionView(request, user, started.session));
    },
  );

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Sign in with email and password; a second factor may follow',
        tags: ['auth'],
        body: z.strictObject({ email: z.string().max(254), password: z.string().max(256) }),
        response: { 200: ZSessionView, ...ERRORS },
      },
    },
    async (request, reply) => {
      const result = await signIn(
        request.deps,
        { ...request.body, sourceAddress: request.ip },
        config.session,
      );
      setCookie(request, reply, result.token);
      const user = await request.deps.store.repos.users.getAuth(result.session.userId);
      return sessionView(request, user, result.session);
    },
  );

  app.post(
    '/api/v1/auth/mfa',
    {
      config: { access: { kind: 'session', allowPendingMfa: true } },
      schema: {
        summary: 'Complete sign-in with a TOTP code or a recovery code',
        tags: ['auth'],
        body: z.union([
          z.strictObject({ code: z.string().max(10) }),
          z.strictObject({ recoveryCode: z.string().max(40) }),
        ]),
        response: { 200: z.object({ usedRecoveryCode: z.boolean() }), ...ERRORS },
      },
    },
    async (request) => {
      const { user, session } = sessionOf(request);
      return verifySecondFactor(request.deps, user, session, request.body);
    },
  );

  app.get(
    '/api/v1/session',
    {
      config: { access: { kind: 'session', allowPendingMfa: true } },
      schema: {
        summary: 'The signed-in user, their organizations and the CSRF token',
        tags: ['auth'],
        response: { 200: ZSessionView, ...ERRORS },
      },
    },
    async (request) => {
      const { user, session } = sessionOf(request);
      return sessionView(request, user, session);
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { access: { kind: 'session', allowPendingMfa: true } },
      schema: { summary: 'End this session', tags: ['auth'], response: { 204: z.null(), ...ERRORS } },
    },
    async (request, reply) => {
      await endSession(request.deps, sessionOf(request).session);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/sign-out-everywhere',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: "End every one of the user's sessions, on every device",
        tags: ['auth'],
        response: { 200: z.object({ ended: z.number().int() }), ...ERRORS },
      },
    },
    async (request, reply) => {
      const ended = await endAllSessions(request.deps, sessionOf(request).user.id);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ended };
    },
  );

  app.post(
    '/api/v1/me/totp/enroll',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: 'Start TOTP enrolment: the secret and the otpauth URI for a QR code',
        tags: ['auth'],
        response: { 200: z.object({ secret: z.string(), uri: z.string() }), ...ERRORS },
      },
    },
    async (request) => enrollTotp(request.deps, sessionOf(request).user),
  );

  app.post(
    '/api/v1/me/totp/confirm',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: 'Confirm TOTP with a first code; returns ten recovery codes, shown once',
        tags: ['auth'],
        body: z.strictObject({ code: z.string().max(10) }),
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...ERRORS },
      },
    },
    async (request) => {
      const { user, session } = sessionOf(request);
      return { recoveryCodes: await confirmTotp(request.deps, user, request.body.code, session) };
    },
  );
}
