import { createHash } from 'node:crypto';

// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name), so an export names the same
// object with the same UUID every time it is made, and two organizations never share one.

/** Attestly's own namespace for the UUIDs of its exports (itself a version 5 UUID, fixed forever). */
export const ATTESTLY_UUID_NAMESPACE = '6b1f4a1e-3c2d-5e8f-9a7b-0c1d2e3f4a5b';

function bytesOf(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

/** The version 5 UUID of a name in a namespace. */
export function uuidV5(namespace: string, name: string): string {
  const digest = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** UUIDs for one organization's objects: the organization's own namespace, then the object's path in it. */
export function orgUuids(orgId: string): (...path: string[]) => string {
  const namespace = uuidV5(ATTESTLY_UUID_NAMESPACE, `organization:${orgId}`);
  return (...path) => uuidV5(namespace, path.join('/'));
}
