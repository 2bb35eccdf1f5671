import { AttestlyError } from '../../domain/errors.ts';
import { canGrant, isMemberRole, type TMemberRole } from '../../domain/permissions.ts';
import { formatToken, hashToken } from '../../domain/secret-tokens.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TApiToken } from '../ports.ts';

/**
 * Creates an API token bound to this organization and one role. The token is returned once; only its hash
 * is kept. A token never gets more power than the person creating it.
 */
export async function createApiToken(
  deps: AppDeps,
  scope: OrgScope,
  creator: { userId: string | null; role: TMemberRole },
  input: { name: string; role: string; expiresAt?: Date | undefined },
): Promise<{ token: string; apiToken: TApiToken }> {
  const name = input.name.trim();
  if (!name || name.length > 100)
    throw new AttestlyError('INVALID_INPUT', 'a token name (1 to 100 characters) is required', {
      field: 'name',
    });
  if (!isMemberRole(input.role))
    throw new AttestlyError('INVALID_INPUT', `unknown role "${input.role}"`, { field: 'role' });
  if (!canGrant(creator.role, input.role)) {
    throw new AttestlyError(
      'FORBIDDEN',
      `a ${creator.role} cannot create a token with the ${input.role} role`,
      { field: 'role' },
    );
  }
  const now = deps.clock.now();
  if (input.expiresAt !== undefined && input.expiresAt <= now) {
    throw new AttestlyError('INVALID_INPUT', 'the expiry must be in the future', { field: 'expiresAt' });
  }
  const token = formatToken('api', deps.randomBytes(32));
  const apiToken: TApiToken = {
    id: deps.newId(),
    orgId: scope.orgId,
    name,
    role: input.role,
    createdAt: now,
    expiresAt: input.expiresAt ?? null,
    lastUsedAt: null,
    revokedAt: null,
  };
  await deps.store.transaction(async (repos) => {
    await repos.apiTokens.create(scope, {
      ...apiToken,
      tokenHash: hashToken(token),
      createdBy: creator.userId,
    });
    await recordChange(
      repos,
      scope,
      deps,
      'api_token.created',
      { type: 'api_token', id: apiToken.id },
      {
        name,
        role: input.role,
        expiresAt: apiToken.expiresAt?.toISOString() ?? null,
      },
    );
  });
  return { token, apiToken };
}

export async function revokeApiToken(deps: AppDeps, scope: OrgScope, id: string): Promise<void> {
  await deps.store.transaction(async (repos) => {
    if (!(await repos.apiTokens.revoke(scope, id, deps.clock.now()))) {
      throw new AttestlyError('NOT_FOUND', 'no such active token');
    }
    await recordChange(repos, scope, deps, 'api_token.revoked', { type: 'api_token', id });
  });
}

/** The live token behind a bearer string, or null when unknown, revoked or expired. */
export async function resolveApiToken(deps: AppDeps, token: string): Promise<TApiToken | null> {
  const found = await deps.store.repos.apiTokens.findByHash(hashToken(token));
  const now = deps.clock.now();
  if (!found || found.revokedAt !== null || (found.expiresAt !== null && found.expiresAt <= now)) return null;
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) {
    await deps.store.repos.apiTokens.touch(found.id, now);
  }
  return found;
}
