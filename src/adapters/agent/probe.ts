import { endpointDevice, type TEndpointDevice } from '../../catalog/monitoring/endpoint.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { probeLinux } from './linux.ts';
import { probeMacos } from './macos.ts';
import type { TSystem } from './system.ts';
import { probeWindows } from './windows.ts';

const PROBES: Partial<Record<NodeJS.Platform, typeof probeLinux>> = {
  linux: probeLinux,
  darwin: probeMacos,
  win32: probeWindows,
};

const clip = (text: string, max = 2000) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Checks this machine and returns its endpoint.device, checked against the resource type's schema so the
 * server never receives a report it would refuse.
 */
export async function probeDevice(
  platform: NodeJS.Platform,
  system: TSystem,
  now: Date,
  agentVersion: string,
): Promise<TEndpointDevice> {
  const probe = PROBES[platform];
  if (!probe) throw new AttestlyError('INVALID_INPUT', `the agent has no checks for ${platform} yet`);
  const device = await probe(system, now, agentVersion);
  const clipped: TEndpointDevice = {
    ...device,
    diskEncryption: { ...device.diskEncryption, detail: clip(device.diskEncryption.detail) },
    firewall: { ...device.firewall, detail: clip(device.firewall.detail) },
    screenLock: { ...device.screenLock, detail: clip(device.screenLock.detail) },
    automaticUpdates: { ...device.automaticUpdates, detail: clip(device.automaticUpdates.detail) },
  };
  const parsed = endpointDevice.schema.safeParse(clipped);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AttestlyError(
      'COLLECTION_FAILED',
      `the ${platform} probe produced an invalid report at ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return parsed.data;
}
