import { accountOf } from '../../catalog/monitoring/accounts.ts';
import { addDays, judgeRevocation, REVOCATION_DAYS } from '../../domain/access-review/campaign.ts';
import { toIsoDate } from '../../domain/dates.ts';
import type { TResource } from '../../domain/monitoring/model.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

export interface TCollectedRun {
  integrationId: string;
  runId: string;
  /** When the run finished: the day a revocation's due date is compared with. */
  at: Date;
  resources: readonly TResource[];
  /** The types the run replaced; null: all of them (a collection rather than a push). */
  resourceTypes: readonly string[] | null;
}

/**
 * After a run of a system, checks each revoked account of its access reviews that is not verified yet: gone
 * or disabled verifies the revocation and closes its removal task; still active after the task's due date
 * flags it. Only accounts of the types the run replaced are judged (a push of another type says nothing).
 */
export async function verifyAccessRevocations(
  deps: AppDeps,
  scope: OrgScope,
  run: TCollectedRun,
): Promise<void> {
  const open = await deps.store.repos.accessReviews.listOpenRevocations(scope, run.integrationId);
  const judged = open.filter((i) => run.resourceTypes === null || run.resourceTypes.includes(i.resourceType));
  if (judged.length === 0) return;
  const types = new Set(judged.map((i) => i.resourceType));
  const byKey = new Map<string, TResource>();
  for (const r of run.resources) if (types.has(r.type)) byKey.set(`${r.type}\u0000${r.id}`, r);
  const today = toIsoDate(run.at);

  await deps.store.transaction(async (repos) => {
    for (const item of judged) {
      const resource = byKey.get(`${item.resourceType}\u0000${item.accountId}`);
      const task = item.taskId ? await repos.tasks.find(scope, item.taskId) : null;
      const dueDate = task?.dueDate ?? addDays(toIsoDate(item.decidedAt ?? run.at), REVOCATION_DAYS);
      const verdict = judgeRevocation(resource ? accountOf(resource, run.at) : null, dueDate, today);
      if (verdict.state === item.verification) continue;
      if (verdict.state === 'pending') continue;
      await repos.accessReviews.setVerification(scope, item.id, {
        state: verdict.state,
        note: verdict.note,
        at: verdict.state === 'verified' ? run.at : null,
        runId: run.runId,
      });
      const target = { type: 'access_review', id: item.campaignId };
      const details = {
        item: item.id,
        account: item.accountId,
        name: item.name,
        run: run.runId,
        note: verdict.note,
      };
      if (verdict.state === 'flagged') {
        await recordChange(repos, scope, deps, 'access_review.revocation_flagged', target, details);
        continue;
      }
      await recordChange(repos, scope, deps, 'access_review.revocation_verified', target, details);
      if (task && task.status !== 'done' && task.version !== undefined) {
        const after = { ...task, status: 'done' as const };
        if (await repos.tasks.update(scope, after, task.version, run.at))
          await recordChange(
            repos,
            scope,
            deps,
            'task.updated',
            { type: 'task', id: task.id },
            {
              before: task,
              after,
              reason: `verified by run ${run.runId}`,
            },
          );
      }
    }
  });
}
