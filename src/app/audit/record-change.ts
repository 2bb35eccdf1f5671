import type { AppDeps, OrgScope, Repositories } from '../ports.ts';

/** Appends one entry to the organization's audit log, inside the caller's transaction. */
export function recordChange(
  repos: Repositories,
  scope: OrgScope,
  deps: Pick<AppDeps, 'clock' | 'actor'>,
  action: string,
  target: { type: string; id: string | null },
  details: Record<string, unknown> = {},
): Promise<unknown> {
  return repos.auditLog.append(scope, {
    occurredAt: deps.clock.now(),
    actor: deps.actor,
    action,
    targetType: target.type,
    targetId: target.id,
    details,
  });
}
