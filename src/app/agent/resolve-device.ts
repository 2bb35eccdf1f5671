import { hashToken } from '../../domain/secret-tokens.ts';
import type { AppDeps, TAgentDevice } from '../ports.ts';

/** The enrolled, unrevoked device behind a presented credential, or null. */
export async function resolveDevice(deps: AppDeps, credential: string): Promise<TAgentDevice | null> {
  const device = await deps.store.repos.agent.findDeviceByCredential(hashToken(credential));
  return device && device.revokedAt === null ? device : null;
}
