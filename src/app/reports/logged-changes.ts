import type { TLoggedChange } from '../../domain/reports/significant-changes.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

const PAGE = 200;

/**
 * The audit-log entries of the given actions that happened between two calendar dates (inclusive), read a
 * page at a time from the newest back, stopping at the first entry before the window.
 */
export async function loggedChanges(
  deps: AppDeps,
  scope: OrgScope,
  actions: readonly string[],
  window: { from: string; to: string },
): Promise<TLoggedChange[]> {
  const from = Date.parse(`${window.from}T00:00:00Z`);
  const to = Date.parse(`${window.to}T23:59:59.999Z`);
  const found: TLoggedChange[] = [];
  for (const action of actions) {
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await deps.store.repos.auditLog.page(scope, { action, beforeSeq, limit: PAGE });
      for (const entry of page) {
        const at = entry.occurredAt.getTime();
        if (at >= from && at <= to)
          found.push({
            occurredAt: entry.occurredAt,
            action: entry.action,
            targetId: entry.targetId,
            details: entry.details,
          });
      }
      const last = page[page.length - 1];
      if (!last || page.length < PAGE || last.occurredAt.getTime() < from) break;
      beforeSeq = last.seq;
    }
  }
  return found;
}
