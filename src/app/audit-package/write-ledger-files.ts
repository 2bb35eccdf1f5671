import type { TChainedEntry } from '../../domain/audit-chain.ts';
import { PACKAGE_PATHS, transitionsPath } from '../../domain/audit-package/package-format.ts';
import type { TLedgerEntry, TTransitionFacts } from '../../domain/ledger.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import type { PackageArchive, TArchivedFile } from './package-archive.ts';

// The ledger part of the package: the period's segment of the evidence ledger, one entry a line in seq
// order, and what its entries commit to that is not elsewhere in the package, so every digest can be
// recomputed offline: the audit-log entries (ledger/audit-log.jsonl) and each monitoring run's test-result
// transitions (ledger/transitions/<run id>.jsonl). Lines are written in batches, never as one string.

const BATCH = 2000;
/** Runs whose transitions are read in one query. */
const RUN_BATCH = 250;
const encoder = new TextEncoder();

async function* jsonLines<T>(batches: AsyncIterable<T[]>, line: (item: T) => unknown) {
  for await (const batch of batches) {
    if (batch.length > 0)
      yield encoder.encode(batch.map((item) => `${JSON.stringify(line(item))}\n`).join(''));
  }
}

async function* inBatches<T>(items: T[]): AsyncGenerator<T[]> {
  for (let at = 0; at < items.length; at += BATCH) yield items.slice(at, at + BATCH);
}

const ledgerLine = (e: TLedgerEntry) => ({
  seq: e.seq,
  occurredAt: e.occurredAt,
  kind: e.kind,
  refId: e.refId,
  digest: e.digest,
  prevHash: e.prevHash,
  hash: e.hash,
});

const auditLogLine = (e: TChainedEntry) => ({
  orgId: e.orgId,
  seq: e.seq,
  occurredAt: e.occurredAt.toISOString(),
  actorType: e.actorType,
  actor: e.actor,
  action: e.action,
  targetType: e.targetType,
  targetId: e.targetId,
  details: e.details,
  requestId: e.requestId,
  sourceAddress: e.sourceAddress,
  prevHash: e.prevHash,
  hash: e.hash,
});

const transitionLine = (t: TTransitionFacts) => ({
  testId: t.testId,
  resourceId: t.resourceId,
  fromStatus: t.fromStatus,
  toStatus: t.toStatus,
  at: t.at,
});

function byPair(a: TTransitionFacts, b: TTransitionFacts): number {
  if (a.testId !== b.testId) return a.testId < b.testId ? -1 : 1;
  return a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0;
}

export async function writeLedgerFiles(
  deps: Pick<AppDeps, 'store'>,
  scope: OrgScope,
  archive: PackageArchive,
  entries: TLedgerEntry[],
  progress: (message: string) => void,
): Promise<TArchivedFile[]> {
  const { ledger } = deps.store.repos;
  const written: TArchivedFile[] = [];
  written.push(await archive.add(PACKAGE_PATHS.ledgerSegment, jsonLines(inBatches(entries), ledgerLine)));

  const seqs = entries.filter((e) => e.kind === 'audit_log').map((e) => Number(e.refId));
  async function* auditEntries() {
    for await (const batch of inBatches(seqs)) {
      const found = await ledger.auditEntries(scope, batch);
      yield batch.flatMap((seq) => {
        const entry = found.get(seq);
        return entry ? [entry] : [];
      });
    }
  }
  written.push(await archive.add(PACKAGE_PATHS.auditLog, jsonLines(auditEntries(), auditLogLine)));

  const runIds = [...new Set(entries.filter((e) => e.kind === 'test_transitions').map((e) => e.refId))];
  let done = 0;
  for (let at = 0; at < runIds.length; at += RUN_BATCH) {
    const batch = runIds.slice(at, at + RUN_BATCH);
    const [existing, transitions] = await Promise.all([
      ledger.existingRuns(scope, batch),
      deps.store.repos.auditPackage.runTransitions(scope, batch),
    ]);
    // A run that is no longer stored gets no file: the verifier names its ledger entry.
    for (const runId of batch.filter((id) => existing.has(id))) {
      const facts = (transitions.get(runId) ?? []).sort(byPair);
      // Most runs change a few pairs: their file is written whole; a first run's, in batches.
      const content =
        facts.length <= BATCH
          ? encoder.encode(facts.map((t) => `${JSON.stringify(transitionLine(t))}\n`).join(''))
          : jsonLines(inBatches(facts), transitionLine);
      written.push(await archive.add(transitionsPath(runId), content));
    }
    done += batch.length;
    if (done < runIds.length && Math.floor(done / 1000) > Math.floor((done - batch.length) / 1000))
      progress(`transitions of ${done} of ${runIds.length} monitoring runs written`);
  }
  return written;
}
