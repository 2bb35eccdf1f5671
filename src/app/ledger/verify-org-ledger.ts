import { chainHash, GENESIS_HASH } from '../../domain/audit-chain.ts';
import {
  describeLedgerEntry,
  evidenceDigest,
  type TLedgerEntry,
  type TLedgerKind,
  type TLedgerVerdict,
  transitionsDigest,
  verifyLedger,
} from '../../domain/ledger.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

const PAGE = 1000;

export type TLedgerCheck = TLedgerVerdict & { kinds: Record<TLedgerKind, number> };

type TProblem = { seq: number; problem: 'altered' | 'missing'; message: string };

/**
 * Checks the organization's ledger a page at a time: the chain (every entry follows the one before and
 * matches its hash) and, with content, that each entry still fits what it records: the evidence row's
 * digest (of its latest entry: an edit of its validity appends a new one), the audit-log entry's own hash,
 * the run's transitions as stored. Names the first entry, by seq, that does not fit.
 * The chain alone cannot tell that entries were cut off its end: compare the head with a signed export.
 */
export async function verifyOrgLedger(
  deps: Pick<AppDeps, 'store'>,
  scope: OrgScope,
  options: { content: boolean } = { content: true },
): Promise<TLedgerCheck> {
  const { ledger } = deps.store.repos;
  const kinds: Record<TLedgerKind, number> = { evidence: 0, test_transitions: 0, audit_log: 0 };
  const latestEvidence = options.content ? await ledger.latestEvidenceSeqs(scope) : new Map<string, number>();
  let head = GENESIS_HASH;
  let read = 0;
  let afterSeq = 0;
  for (;;) {
    const page = await ledger.page(scope, afterSeq, PAGE);
    if (page.length === 0) return { ok: true, entries: read, head, kinds };
    const chain = verifyLedger(page, { anchorPrevHash: head, firstSeq: afterSeq + 1 });
    const sound = chain.ok ? page : page.filter((e) => e.seq < chain.seq);
    const problem = options.content ? await firstContentProblem(deps, scope, sound, latestEvidence) : null;
    for (const e of sound) if (!problem || e.seq < problem.seq) kinds[e.kind] += 1;
    if (problem) return { ok: false, entries: read + page.length, ...problem, kinds };
    if (!chain.ok) return { ...chain, entries: read + page.length, kinds };
    head = chain.head;
    read += page.length;
    afterSeq = page[page.length - 1]?.seq ?? afterSeq;
  }
}

/** The first entry of a page (in seq order) whose record is gone or no longer matches its digest. */
async function firstContentProblem(
  deps: Pick<AppDeps, 'store'>,
  scope: OrgScope,
  entries: TLedgerEntry[],
  latestEvidence: ReadonlyMap<string, number>,
): Promise<TProblem | null> {
  const { ledger } = deps.store.repos;
  const current = entries.filter((e) => e.kind === 'evidence' && latestEvidence.get(e.refId) === e.seq);
  const evidence = await ledger.evidenceFacts(
    scope,
    current.map((e) => e.refId),
  );
  const auditSeqs = entries.filter((e) => e.kind === 'audit_log').map((e) => Number(e.refId));
  const audit = await ledger.auditEntries(
    scope,
    auditSeqs.filter((seq) => Number.isSafeInteger(seq) && seq > 0),
  );
  const runs = await ledger.existingRuns(
    scope,
    entries.filter((e) => e.kind === 'test_transitions').map((e) => e.refId),
  );
  for (const e of entries) {
    const altered = (why: string): TProblem => ({
      seq: e.seq,
      problem: 'altered',
      message: `${describeLedgerEntry(e)} was altered: ${why}`,
    });
    const removed = (what: string): TProblem => ({
      seq: e.seq,
      problem: 'missing',
      message: `${describeLedgerEntry(e)} was removed: the ${what} is no longer stored`,
    });
    if (e.kind === 'evidence') {
      // An entry superseded by a later one recorded the item before an edit: nothing left to compare.
      if (latestEvidence.get(e.refId) !== e.seq) continue;
      const facts = evidence.get(e.refId);
      if (!facts) return removed('evidence item');
      if (evidenceDigest(facts) !== e.digest)
        return altered("the evidence item's file, name, size or validity no longer match its digest");
    } else if (e.kind === 'audit_log') {
      const entry = audit.get(Number(e.refId));
      if (!entry) return removed('audit-log entry');
      const { prevHash, hash, ...content } = entry;
      if (chainHash(prevHash, content) !== hash)
        return altered('the audit-log entry no longer matches its own hash');
      if (hash !== e.digest) return altered('the audit-log entry has another hash than the one recorded');
    } else {
      if (!runs.has(e.refId)) return removed('monitoring run');
      const transitions = await ledger.runTransitions(scope, e.refId);
      if (transitionsDigest(e.refId, transitions) !== e.digest)
        return altered(
          `the run's ${transitions.length} stored test-result transitions no longer match its digest`,
        );
    }
  }
  return null;
}
