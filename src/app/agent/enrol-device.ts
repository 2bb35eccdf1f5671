import { AttestlyError } from '../../domain/errors.ts';
import { formatToken, hashToken } from '../../domain/secret-tokens.ts';
import { recordChange } from '../audit/record-change.ts';
import { type AppDeps, scopeOf } from '../ports.ts';

/**
 * A machine presents an enrolment token and gets its own device credential, returned once and kept only as
 * a hash. The audit log names the token that let it in.
 */
export async function enrolDevice(
  deps: AppDeps,
  input: { token: string; hostname: string },
): Promise<{ deviceId: string; hostname: string; credential: string }> {
  const hostname = input.hostname.trim();
  if (!hostname || hostname.length > 253)
    throw new AttestlyError('INVALID_INPUT', 'a hostname (1 to 253 characters) is required', {
      field: 'hostname',
    });
  const now = deps.clock.now();
  const credential = formatToken('device', deps.randomBytes(32));
  const deviceId = deps.newId();
  await deps.store.transaction(async (repos) => {
    const token = await repos.agent.useEnrolmentToken(hashToken(input.token), now);
    if (!token)
      throw new AttestlyError('UNAUTHENTICATED', 'the enrolment token is invalid, revoked or expired');
    const scope = scopeOf({ id: token.orgId });
    await repos.agent.createDevice(scope, {
      id: deviceId,
      hostname,
      enrolledAt: now,
      revokedAt: null,
      lastReportAt: null,
      credentialHash: hashToken(credential),
      enrolmentTokenId: token.id,
    });
    const actor = { ...deps.actor, type: 'token' as const, id: `agent-enrolment:${token.id}` };
    await recordChange(
      repos,
      scope,
      { clock: deps.clock, actor },
      'agent.device_enrolled',
      { type: 'agent_device', id: deviceId },
      { hostname, enrolmentToken: token.id },
    );
  });
  return { deviceId, hostname, credential };
}
