import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit-chain.ts';
import type { TAccessAccount } from './campaign.ts';

// The frozen snapshot of an access review: every account of the system with its privileges, as collected by
// the run the campaign started from, written as canonical JSON (keys sorted at every depth, accounts in a
// fixed order) and hashed with SHA-256. The same document is rebuilt from the stored rows to check that
// nothing was changed since the start.

/** Which collection an account type was frozen from. */
export interface TSnapshotSource {
  resourceType: string;
  runId: string;
  /** ISO 8601: when that run collected it. */
  collectedAt: string;
  /** The SHA-256 of that run's own monitoring snapshot. */
  runSnapshotSha256: string | null;
}

export interface TAccessSnapshot {
  campaignId: string;
  system: { integrationId: string; name: string; type: string };
  /** ISO 8601: when the campaign started and the accounts were frozen. */
  frozenAt: string;
  sources: TSnapshotSource[];
  accounts: TAccessAccount[];
}

/** Accounts in the snapshot's order: by resource type, then account id (code-unit order, as stored). */
export function sortAccounts<T extends Pick<TAccessAccount, 'resourceType' | 'accountId'>>(
  accounts: T[],
): T[] {
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...accounts].sort(
    (a, b) => order(a.resourceType, b.resourceType) || order(a.accountId, b.accountId),
  );
}

/** The snapshot's canonical JSON: the same accounts always give the same text. */
export function accessSnapshotText(snapshot: TAccessSnapshot): string {
  const accounts = sortAccounts(snapshot.accounts).map((a) => ({
    resourceType: a.resourceType,
    accountId: a.accountId,
    name: a.name,
    email: a.email,
    status: a.status,
    lastLogin: a.lastLogin,
    privileges: {
      roles: [...a.privileges.roles],
      groups: [...a.privileges.groups],
      privileged: a.privileges.privileged,
    },
  }));
  const sources = [...snapshot.sources].sort((a, b) => (a.resourceType < b.resourceType ? -1 : 1));
  return canonicalJson({ ...snapshot, sources, accounts });
}

export function accessSnapshotSha256(snapshot: TAccessSnapshot): string {
  return createHash('sha256').update(accessSnapshotText(snapshot), 'utf8').digest('hex');
}

/** The frozen snapshot checked twice: the stored file has its hash, and the stored rows rebuild it exactly. */
export function verifyAccessSnapshot(
  storedSha256: string,
  file: Uint8Array,
  rebuilt: TAccessSnapshot,
): { fileMatches: boolean; rowsMatch: boolean } {
  const fileSha = createHash('sha256').update(file).digest('hex');
  return { fileMatches: fileSha === storedSha256, rowsMatch: accessSnapshotSha256(rebuilt) === storedSha256 };
}
