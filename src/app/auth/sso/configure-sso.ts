import { AttestlyError } from '../../../domain/errors.ts';
import { canGrant, isMemberRole, type TMemberRole } from '../../../domain/permissions.ts';
import { checkIssuerUrl, normalizeDomains } from '../../../domain/sso.ts';
import { recordChange } from '../../audit/record-change.ts';
import type { AppDeps, OrgScope, TSsoConnection } from '../../ports.ts';

export interface TSsoSettings {
  issuer: string;
  clientId: string;
  /** Write-only: required the first time and whenever the issuer or client id changes, kept otherwise. */
  clientSecret?: string | undefined;
  allowedDomains: string[];
  jitRole: string;
  enabled: boolean;
}

export function clientSecretContext(scope: OrgScope): string {
  return `org:${scope.orgId}:sso.client_secret`;
}

/**
 * Sets an organization's OpenID Connect connection. The issuer is checked by discovery before anything is
 * stored; the client secret is sealed with the master key and never read back out through the API.
 */
export async function configureSso(
  deps: AppDeps,
  scope: OrgScope,
  configurer: { role: TMemberRole },
  input: TSsoSettings,
): Promise<TSsoConnection> {
  const issuer = input.issuer.trim();
  const checked = checkIssuerUrl(issuer);
  if ('problem' in checked)
    throw new AttestlyError('INVALID_INPUT', `issuer: ${checked.problem}`, { field: 'issuer' });
  const clientId = input.clientId.trim();
  if (clientId.length < 1 || clientId.length > 255)
    throw new AttestlyError('INVALID_INPUT', 'clientId: 1 to 255 characters', { field: 'clientId' });
  if (input.clientSecret !== undefined && (input.clientSecret.length < 1 || input.clientSecret.length > 1000))
    throw new AttestlyError('INVALID_INPUT', 'clientSecret: 1 to 1000 characters', {
      field: 'clientSecret',
    });
  const domains = normalizeDomains(input.allowedDomains);
  if ('problem' in domains)
    throw new AttestlyError('INVALID_INPUT', `allowedDomains: ${domains.problem}`, {
      field: 'allowedDomains',
    });
  if (!isMemberRole(input.jitRole))
    throw new AttestlyError('INVALID_INPUT', `unknown role "${input.jitRole}"`, { field: 'jitRole' });
  const jitRole = input.jitRole;
  if (!canGrant(configurer.role, jitRole)) {
    throw new AttestlyError('FORBIDDEN', `a ${configurer.role} cannot let people join as ${jitRole}`, {
      field: 'jitRole',
    });
  }

  const existing = await deps.store.repos.sso.find(scope);
  // The secret is sent to the issuer's token endpoint, so keeping it while pointing the connection at
  // another issuer (or client) would hand it to whoever runs that one: a new target needs the secret again.
  const sameTarget = existing?.issuer === issuer && existing.clientId === clientId;
  if (input.clientSecret === undefined && !sameTarget) {
    throw new AttestlyError(
      'INVALID_INPUT',
      existing
        ? 'clientSecret: give it again when the issuer or client id changes'
        : 'clientSecret is required',
      { field: 'clientSecret' },
    );
  }
  // A provider that cannot be discovered is a problem with the issuer field, whatever the cause.
  await deps.oidc.discover(issuer).catch((error: unknown) => {
    if (error instanceof AttestlyError)
      throw new AttestlyError(error.code, error.message, { ...error.details, field: 'issuer' });
    throw error;
  });

  const sealed =
    input.clientSecret !== undefined
      ? (await deps.secrets()).seal(input.clientSecret, clientSecretContext(scope))
      : existing?.clientSecretSealed;
  if (sealed === undefined) throw new AttestlyError('INTERNAL', 'no client secret to keep');
  const now = deps.clock.now();
  const connection: TSsoConnection = {
    orgId: scope.orgId,
    issuer,
    clientId,
    clientSecretSealed: sealed,
    allowedDomains: domains.domains,
    jitRole,
    enabled: input.enabled,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await deps.store.transaction(async (repos) => {
    await repos.sso.save(scope, connection);
    // The secret itself never goes to the log: only whether it changed.
    await recordChange(
      repos,
      scope,
      deps,
      'sso.configured',
      { type: 'sso_connection', id: scope.orgId },
      {
        issuer,
        clientId,
        clientSecretChanged: input.clientSecret !== undefined,
        allowedDomains: domains.domains,
        jitRole,
        enabled: input.enabled,
      },
    );
  });
  return connection;
}
