import { ACCOUNT_RESOURCE_TYPES, accountOf } from '../../catalog/monitoring/accounts.ts';
import type { TAccessAccount } from '../../domain/access-review/campaign.ts';
import type { TSnapshotSource } from '../../domain/access-review/snapshot.ts';
import type { TResource } from '../../domain/monitoring/model.ts';
import type { AppDeps, OrgScope, TIntegration, TMonitorRun } from '../ports.ts';

/** How many recent runs are searched for a pushed connection's latest push of each account type. */
const RUNS_SEARCHED = 200;

/** The resources a run observed, read back from its stored snapshot. */
export async function readRunResources(deps: Pick<AppDeps, 'blobs'>, run: TMonitorRun): Promise<TResource[]> {
  if (!run.snapshotBlobKey) return [];
  const snapshot = JSON.parse(new TextDecoder().decode(await deps.blobs.get(run.snapshotBlobKey))) as {
    resources?: TResource[];
  };
  return snapshot.resources ?? [];
}

/**
 * The resource types each run replaced: all of them for a collection, the pushed type for a push (the audit
 * log's run entry names it; a push of no resources leaves nothing else to tell it by).
 */
async function coveredTypes(
  deps: AppDeps,
  scope: OrgScope,
  integration: TIntegration,
): Promise<(runId: string) => readonly string[] | null> {
  if (integration.delivery === 'collected') return () => null;
  const entries = await deps.store.repos.auditLog.page(scope, {
    action: 'integration.run',
    targetType: 'integration',
    targetId: integration.id,
    limit: RUNS_SEARCHED,
  });
  const pushed = new Map<string, readonly string[]>();
  for (const e of entries) {
    const { run, pushed: types } = e.details as { run?: unknown; pushed?: unknown };
    if (typeof run === 'string' && Array.isArray(types)) pushed.set(run, types.map(String));
  }
  return (runId) => pushed.get(runId) ?? null;
}

/**
 * The accounts of a system as its latest collection saw them, with the run each account type came from. A
 * collected integration's latest run saw every type; a pushed connection's types come from the latest push
 * of each. Read from the runs' stored snapshots, so it is exactly what monitoring judged.
 */
export async function readLatestAccounts(
  deps: AppDeps,
  scope: OrgScope,
  integration: TIntegration,
): Promise<{ sources: TSnapshotSource[]; accounts: TAccessAccount[] }> {
  const runs = (await deps.store.repos.monitoring.listRuns(scope, integration.id, RUNS_SEARCHED)).filter(
    (r) => r.status === 'succeeded' && r.snapshotBlobKey !== null,
  );
  const covered = await coveredTypes(deps, scope, integration);
  const wanted = new Set(ACCOUNT_RESOURCE_TYPES);
  const sources: TSnapshotSource[] = [];
  const accounts: TAccessAccount[] = [];
  for (const run of runs) {
    if (wanted.size === 0) break;
    const types = covered(run.id);
    if (types !== null && !types.some((t) => wanted.has(t))) continue;
    const resources = await readRunResources(deps, run);
    // A run that names no types (an old push) replaced the types it holds.
    const replaced = new Set(
      types ?? (integration.delivery === 'collected' ? wanted : resources.map((r) => r.type)),
    );
    for (const type of [...wanted].filter((t) => replaced.has(t))) {
      wanted.delete(type);
      const found = resources
        .filter((r) => r.type === type)
        .map((r) => accountOf(r, run.startedAt))
        .filter((a): a is TAccessAccount => a !== null);
      if (found.length === 0) continue;
      accounts.push(...found);
      sources.push({
        resourceType: type,
        runId: run.id,
        collectedAt: run.startedAt.toISOString(),
        runSnapshotSha256: run.snapshotSha256,
      });
    }
  }
  return { sources, accounts };
}
