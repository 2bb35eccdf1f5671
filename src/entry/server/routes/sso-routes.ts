import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { configureSso } from '../../../app/auth/sso/configure-sso.ts';
import { finishSsoLogin } from '../../../app/auth/sso/finish-sso-login.ts';
import { SSO_LOGIN_MINUTES, startSsoLogin } from '../../../app/auth/sso/start-sso-login.ts';
import type { TSsoConnection } from '../../../app/ports.ts';
import { orgOf } from '../access.ts';
import { ERRORS, ZOrgParams, ZRole } from '../schemas.ts';
import type { TServerConfig } from '../server-config.ts';
import { setSessionCookie } from '../session-cookie.ts';
import type { ZodApp } from '../zod-app.ts';

// OpenID Connect single sign-on: an owner or admin configures the organization's provider; anyone may
// start a sign-in, and the provider's callback signs the user in (see app/auth/sso/finish-sso-login.ts).

const STATE_COOKIE = 'attestly_sso_state';

const ZSsoView = z.object({
  issuer: z.string(),
  clientId: z.string(),
  /** The secret is write-only: this only says that one is stored. */
  clientSecretSet: z.literal(true),
  allowedDomains: z.array(z.string()),
  jitRole: ZRole,
  enabled: z.boolean(),
  /** The redirect URI to register at the provider, and the link that starts a sign-in. */
  redirectUri: z.string(),
  startUrl: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const ZRedirect = z.null().describe('a redirect: see the Location header');

export function registerSsoRoutes(app: ZodApp, config: TServerConfig): void {
  const callbackUrl = (slug: string) => `${config.publicUrl}/api/v1/sso/${encodeURIComponent(slug)}/callback`;
  // Named field by field, never spread, so the sealed secret cannot ride along.
  const view = (slug: string, c: TSsoConnection) => ({
    issuer: c.issuer,
    clientId: c.clientId,
    clientSecretSet: true as const,
    allowedDomains: c.allowedDomains,
    jitRole: c.jitRole,
    enabled: c.enabled,
    redirectUri: callbackUrl(slug),
    startUrl: `${config.publicUrl}/api/v1/sso/${encodeURIComponent(slug)}/start`,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  });
  // The state cookie goes only to the callback, and like the session cookie is Secure behind HTTPS.
  const stateCookie = (request: FastifyRequest, slug: string) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    secure:
      config.secureCookies === 'always' || (config.secureCookies === 'auto' && request.protocol === 'https'),
    path: `/api/v1/sso/${encodeURIComponent(slug)}/callback`,
  });

  app.get(
    '/api/v1/orgs/:org/sso',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary:
          'The OpenID Connect single sign-on settings (never the client secret); null while none is configured',
        tags: ['organizations'],
        params: ZOrgParams,
        response: { 200: ZSsoView.nullable(), ...ERRORS },
      },
    },
    async (request) => {
      const { org, scope } = orgOf(request);
      // Not configured yet is a normal state of the settings screen, not an error.
      const connection = await request.deps.store.repos.sso.find(scope);
      return connection ? view(org.slug, connection) : null;
    },
  );

  app.put(
    '/api/v1/orgs/:org/sso',
    {
      config: { access: { kind: 'org', permission: 'org:manage' } },
      schema: {
        summary:
          'Configure OpenID Connect single sign-on; the issuer is checked by discovery, the client secret is write-only',
        tags: ['organizations'],
        params: ZOrgParams,
        body: z.strictObject({
          issuer: z.string().max(2000),
          clientId: z.string().max(255),
          clientSecret: z.string().max(1000).optional(),
          allowedDomains: z.array(z.string().max(253)).max(50).default([]),
          jitRole: ZRole.default('employee'),
          enabled: z.boolean().default(true),
        }),
        response: { 200: ZSsoView, ...ERRORS },
      },
    },
    async (request) => {
      const { org, scope, role } = orgOf(request);
      const connection = await configureSso(request.deps, scope, { role }, request.body);
      return view(org.slug, connection);
    },
  );

  app.get(
    '/api/v1/sso/:org/start',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: "Start single sign-on: redirects to the organization's identity provider",
        tags: ['auth'],
        params: ZOrgParams,
        querystring: z.strictObject({ redirect: z.string().max(1000).optional() }),
        response: { 302: ZRedirect, ...ERRORS },
      },
    },
    async (request, reply) => {
      const slug = request.params.org;
      const { authorizationUrl, state } = await startSsoLogin(request.deps, {
        slug,
        redirectUri: callbackUrl(slug),
        redirectAfter: request.query.redirect,
      });
      void reply.setCookie(STATE_COOKIE, state, {
        ...stateCookie(request, slug),
        maxAge: SSO_LOGIN_MINUTES * 60,
      });
      return reply.redirect(authorizationUrl, 302);
    },
  );

  app.get(
    '/api/v1/sso/:org/callback',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Where the identity provider sends the browser back: signs in and redirects',
        tags: ['auth'],
        params: ZOrgParams,
        // Providers add parameters of their own (iss, session_state, scope…): only state is required here,
        // and openid-client checks the whole response.
        querystring: z.looseObject({ state: z.string().min(1).max(512) }),
        response: { 302: ZRedirect, ...ERRORS },
      },
    },
    async (request, reply) => {
      const slug = request.params.org;
      const cookie = request.cookies[STATE_COOKIE];
      // Cleared whatever happens next: the state is single-use, so trying again means starting again.
      void reply.clearCookie(STATE_COOKIE, stateCookie(request, slug));
      const rawUrl = request.raw.url ?? '';
      const result = await finishSsoLogin(
        request.deps,
        {
          slug,
          state: request.query.state,
          browserState: cookie,
          query: rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?')) : '',
          redirectUri: callbackUrl(slug),
        },
        config.session,
        request.ip,
      );
      setSessionCookie(config, request, reply, result.token);
      return reply.redirect(result.redirectAfter, 302);
    },
  );
}
