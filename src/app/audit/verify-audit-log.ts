import { type TChainVerdict, verifyChain } from '../../domain/audit-chain.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

/** Recomputes the organization's audit-log hash chain from the stored entries. */
export async function verifyAuditLog(deps: AppDeps, scope: OrgScope): Promise<TChainVerdict> {
  return verifyChain(await deps.store.repos.auditLog.chain(scope));
}
