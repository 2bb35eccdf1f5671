import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { judgeDevices } from './agent-integration.ts';

/**
 * Revokes a device's credential (a retired or lost machine): its reports are refused from now on, and the
 * agent integration is judged again without it, so its results leave the control status.
 */
export async function revokeDevice(deps: AppDeps, scope: OrgScope, id: string): Promise<void> {
  await deps.store.transaction(async (repos) => {
    if (!(await repos.agent.revokeDevice(scope, id, deps.clock.now())))
      throw new AttestlyError('NOT_FOUND', 'no such enrolled device');
    await recordChange(repos, scope, deps, 'agent.device_revoked', { type: 'agent_device', id });
  });
  await judgeDevices(deps, scope);
}
