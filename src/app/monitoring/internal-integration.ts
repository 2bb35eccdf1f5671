import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, Repositories, TIntegration } from '../ports.ts';
import { integrationContext } from './add-integration.ts';

/**
 * An organization's one integration of a built-in, pushed type (the host agent's devices, the people
 * register): found by its type, or created (and audited) the first time it is needed. Its resources are
 * pushed by Attestly itself, never collected, so its settings are empty.
 */
export async function ensureInternalIntegration(
  deps: AppDeps,
  repos: Repositories,
  scope: OrgScope,
  kind: { type: string; name: string; scheduleMinutes: number },
): Promise<TIntegration> {
  const existing = (await repos.monitoring.listIntegrations(scope)).find((i) => i.type === kind.type);
  if (existing) return existing;
  const now = deps.clock.now();
  const id = deps.newId();
  const integration: TIntegration = {
    id,
    orgId: scope.orgId,
    type: kind.type,
    name: kind.name,
    configSealed: (await deps.secrets()).seal('{}', integrationContext(scope, id)),
    scheduleMinutes: kind.scheduleMinutes,
    enabled: true,
    status: 'new',
    lastError: null,
    lastRunAt: null,
    nextRunAt: now,
    createdAt: now,
    delivery: 'pushed',
  };
  await repos.monitoring.createIntegration(scope, integration);
  await recordChange(
    repos,
    scope,
    deps,
    'integration.added',
    { type: 'integration', id },
    { type: kind.type, name: kind.name, delivery: 'pushed' },
  );
  return integration;
}
