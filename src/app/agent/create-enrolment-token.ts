import { AttestlyError } from '../../domain/errors.ts';
import { formatToken, hashToken } from '../../domain/secret-tokens.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TAgentEnrolmentToken } from '../ports.ts';
import { ensureAgentIntegration } from './agent-integration.ts';

const DAY = 86_400_000;
export const DEFAULT_ENROLMENT_DAYS = 7;
export const MAX_ENROLMENT_DAYS = 90;

/**
 * Creates a token that enrols machines into the host agent (any number of them, until it expires or is
 * revoked), and the organization's agent integration if it has none yet. The secret is returned once.
 */
export async function createEnrolmentToken(
  deps: AppDeps,
  scope: OrgScope,
  creator: { userId: string | null },
  input: { name: string; expiresInDays?: number | undefined },
): Promise<{ token: string; enrolmentToken: TAgentEnrolmentToken }> {
  const name = input.name.trim();
  if (!name || name.length > 100)
    throw new AttestlyError('INVALID_INPUT', 'a token name (1 to 100 characters) is required', {
      field: 'name',
    });
  const days = input.expiresInDays ?? DEFAULT_ENROLMENT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_ENROLMENT_DAYS)
    throw new AttestlyError('INVALID_INPUT', `a token lasts 1 to ${MAX_ENROLMENT_DAYS} days`, {
      field: 'expiresInDays',
    });
  const now = deps.clock.now();
  const token = formatToken('enrolment', deps.randomBytes(32));
  const enrolmentToken: TAgentEnrolmentToken = {
    id: deps.newId(),
    name,
    createdAt: now,
    expiresAt: new Date(now.getTime() + days * DAY),
    revokedAt: null,
    enrolments: 0,
  };
  await deps.store.transaction(async (repos) => {
    await ensureAgentIntegration(deps, repos, scope);
    await repos.agent.createEnrolmentToken(scope, {
      ...enrolmentToken,
      tokenHash: hashToken(token),
      createdBy: creator.userId,
    });
    await recordChange(
      repos,
      scope,
      deps,
      'agent.enrolment_token_created',
      { type: 'agent_enrolment_token', id: enrolmentToken.id },
      { name, expiresAt: enrolmentToken.expiresAt.toISOString() },
    );
  });
  return { token, enrolmentToken };
}
