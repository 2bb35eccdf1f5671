import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveDevice } from '../../app/agent/resolve-device.ts';
import { resolveApiToken } from '../../app/auth/api-tokens.ts';
import { resolveSession, type TSessionPolicy } from '../../app/auth/sessions.ts';
import type {
  AppDeps,
  OrgScope,
  TAgentDevice,
  TApiToken,
  TMemberRole,
  TOrganization,
  TSession,
  TUserAuth,
} from '../../app/ports.ts';
import { scopeOf } from '../../app/ports.ts';
import { auditPeriod } from '../../domain/audit/audit.ts';
import type { TAuditScope } from '../../domain/audit/audit-scope.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { can, type TPermission } from '../../domain/permissions.ts';
import { isTokenKind } from '../../domain/secret-tokens.ts';

// Who may call a route is declared on the route (config.access) and checked here, before the body is even
// parsed: 401 without credentials, 403 when the role may not, 404 for an organization the caller is not in.

export type TAccess =
  | { kind: 'public' }
  | { kind: 'session'; allowPendingMfa?: boolean }
  /** `person`: only a signed-in member, never an API token (their own settings, say). */
  | { kind: 'org'; permission: TPermission; person?: boolean }
  /** A machine enrolled into the host agent, with its device credential (and nothing else). */
  | { kind: 'device' };

export type TPrincipal =
  | { kind: 'session'; session: TSession; user: TUserAuth }
  | { kind: 'token'; token: TApiToken }
  | { kind: 'device'; device: TAgentDevice };

export interface TOrgContext {
  org: TOrganization;
  scope: OrgScope;
  role: TMemberRole;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: TAccess;
  }
  interface FastifyRequest {
    principal: TPrincipal | null;
    orgContext: TOrgContext | null;
    /**
     * Set for an auditor invited into one audit: routes under /audits/:auditId refuse other audits (404),
     * and lists of dated records (evidence, monitoring results, the audit log) keep to its period.
     */
    auditScope: TAuditScope | null;
    deps: AppDeps;
  }
}

export const SESSION_COOKIE = 'attestly_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function principalOf(request: FastifyRequest): TPrincipal {
  if (!request.principal) throw new AttestlyError('UNAUTHENTICATED', 'sign in or present an API token');
  return request.principal;
}

export function sessionOf(request: FastifyRequest): { session: TSession; user: TUserAuth } {
  const principal = principalOf(request);
  if (principal.kind !== 'session')
    throw new AttestlyError('FORBIDDEN', 'this needs a signed-in user, not an API token');
  return principal;
}

export function deviceOf(request: FastifyRequest): TAgentDevice {
  const principal = principalOf(request);
  if (principal.kind !== 'device')
    throw new AttestlyError('FORBIDDEN', 'this needs a device credential (attestly agent enrol)');
  return principal.device;
}

export function orgOf(request: FastifyRequest): TOrgContext {
  if (!request.orgContext) throw new AttestlyError('INTERNAL', 'route has no organization context');
  return request.orgContext;
}

async function identify(
  request: FastifyRequest,
  deps: AppDeps,
  policy: TSessionPolicy,
): Promise<TPrincipal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] && isTokenKind(match[1], 'device')) {
      const device = await resolveDevice(deps, match[1]);
      if (!device) throw new AttestlyError('UNAUTHENTICATED', 'the device credential is invalid or revoked');
      return { kind: 'device', device };
    }
    const token = match?.[1] ? await resolveApiToken(deps, match[1]) : null;
    if (!token) throw new AttestlyError('UNAUTHENTICATED', 'the API token is invalid, revoked or expired');
    return { kind: 'token', token };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const live = await resolveSession(deps, cookie, policy);
  return live ? { kind: 'session', ...live } : null;
}

function actorOf(principal: TPrincipal | null, request: FastifyRequest): AppDeps['actor'] {
  const base = { requestId: String(request.id), sourceAddress: request.ip };
  if (!principal) return { type: 'system', id: 'anonymous', ...base };
  if (principal.kind === 'token')
    return { type: 'token', id: `token:${principal.token.name}:${principal.token.id}`, ...base };
  if (principal.kind === 'device')
    return { type: 'token', id: `device:${principal.device.hostname}:${principal.device.id}`, ...base };
  return { type: 'user', id: principal.user.email, ...base };
}

/** The onRequest hook: identifies the caller, checks CSRF, resolves the organization and the permission. */
export function accessHook(baseDeps: AppDeps, policy: TSessionPolicy) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.principal = null;
    request.orgContext = null;
    request.auditScope = null;
    request.deps = { ...baseDeps, actor: actorOf(null, request) };
    const access = request.routeOptions.config.access;
    if (!access) {
      // Unknown URLs reach here too (the 404 handler has no access rule): nothing to check.
      if (request.routeOptions.url === undefined) return;
      throw new AttestlyError('INTERNAL', `route ${request.routeOptions.url} declares no access rule`);
    }
    if (access.kind === 'public') return;

    const principal = await identify(request, baseDeps, policy);
    if (!principal) throw new AttestlyError('UNAUTHENTICATED', 'sign in or present an API token');
    request.principal = principal;
    request.deps = { ...baseDeps, actor: actorOf(principal, request) };
    // A device credential opens the agent's routes and nothing else; nothing else opens them.
    if (access.kind === 'device') {
      if (principal.kind !== 'device')
        throw new AttestlyError('FORBIDDEN', 'this needs a device credential (attestly agent enrol)');
      return;
    }
    if (principal.kind === 'device')
      throw new AttestlyError('FORBIDDEN', 'a device credential can only send agent reports');
    if (principal.kind === 'session') {
      if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== principal.session.csrfToken) {
        throw new AttestlyError('FORBIDDEN', `missing or wrong ${CSRF_HEADER} header`);
      }
      const pendingAllowed = access.kind === 'session' && access.allowPendingMfa === true;
      if (!principal.session.mfaVerified && !pendingAllowed) {
        throw new AttestlyError(
          'UNAUTHENTICATED',
          'complete the second factor first (POST /api/v1/auth/mfa, or /api/v1/auth/mfa/passkey)',
        );
      }
    }
    if (access.kind === 'session') {
      if (principal.kind !== 'session')
        throw new AttestlyError('FORBIDDEN', 'this needs a signed-in user, not an API token');
      return;
    }

    const slug = (request.params as { org?: string }).org ?? '';
    const notFound = new AttestlyError('NOT_FOUND', `no organization "${slug}"`);
    const org = await baseDeps.store.repos.organizations.findBySlug(slug);
    if (!org) throw notFound;
    const scope = scopeOf(org);
    let role: TMemberRole;
    let auditScope: TAuditScope | null = null;
    if (principal.kind === 'token') {
      if (principal.token.orgId !== org.id) throw notFound;
      role = principal.token.role;
    } else {
      if (principal.session.orgId !== null && principal.session.orgId !== org.id) throw notFound;
      const membership = await baseDeps.store.repos.memberships.find(scope, principal.user.id);
      if (!membership) throw notFound;
      role = membership;
      if (role === 'auditor') {
        const audit = await baseDeps.store.repos.audits.findForMember(scope, principal.user.id);
        if (audit) auditScope = { auditId: audit.id, ...auditPeriod(audit) };
      }
      if (org.requireMfa && !principal.user.hasSecondFactor) {
        throw new AttestlyError(
          'MFA_REQUIRED',
          `${org.name} requires a second factor: enrol TOTP or a passkey first`,
        );
      }
    }
    if (!can(role, access.permission)) {
      throw new AttestlyError('FORBIDDEN', `the ${role} role may not do this (${access.permission})`);
    }
    if (access.person && principal.kind !== 'session')
      throw new AttestlyError('FORBIDDEN', "this is a member's own setting: sign in, an API token has none");
    // An auditor limited to one audit learns nothing of the others: they do not exist for them.
    const auditId = (request.params as { auditId?: string }).auditId;
    if (auditScope && auditId !== undefined && auditId !== auditScope.auditId)
      throw new AttestlyError('NOT_FOUND', 'no such audit');
    request.orgContext = { org, scope, role };
    request.auditScope = auditScope;
  };
}
