import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './access.ts';
import type { TServerConfig } from './server-config.ts';

/** The session cookie: httpOnly, SameSite=Lax, Secure behind HTTPS (or always, by configuration). */
export function setSessionCookie(
  config: TServerConfig,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  const secure =
    config.secureCookies === 'always' || (config.secureCookies === 'auto' && request.protocol === 'https');
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: config.session.absoluteHours * 3600,
  });
}
