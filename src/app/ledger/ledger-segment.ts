import { GENESIS_HASH } from '../../domain/audit-chain.ts';
import type { TLedgerEntry } from '../../domain/ledger.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

/**
 * The part of the ledger an audit period covers: every entry from the first that occurred in [from, to] to
 * the last, contiguous by seq (so an entry recorded in between with an earlier date is in it too), and the
 * hash it chains onto. verifyLedger(entries, { anchorPrevHash }) checks it without the rest of the chain.
 * With no entry in the period: no entries, anchored on the last entry before it (or GENESIS_HASH).
 */
export async function ledgerSegment(
  deps: Pick<AppDeps, 'store'>,
  scope: OrgScope,
  range: { from: Date; to: Date },
): Promise<{ anchorPrevHash: string; entries: TLedgerEntry[] }> {
  const { seqs, hashBefore } = await deps.store.repos.ledger.window(scope, range);
  if (!seqs) return { anchorPrevHash: hashBefore ?? GENESIS_HASH, entries: [] };
  const entries = await deps.store.repos.ledger.between(scope, seqs.first, seqs.last);
  return { anchorPrevHash: entries[0]?.prevHash ?? GENESIS_HASH, entries };
}
