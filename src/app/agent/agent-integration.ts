import type { TResource } from '../../domain/monitoring/model.ts';
import { ensureInternalIntegration } from '../monitoring/internal-integration.ts';
import { runIntegration } from '../monitoring/run-integration.ts';
import type { AppDeps, OrgScope, Repositories, TIntegration, TMonitorRun } from '../ports.ts';

// Each organization has one `agent` integration. Its resources are pushed, not collected: the latest report
// of each enrolled device. Every report (and every revocation) is a run of it through the same judge-and-diff
// path as any integration, so results, transitions, snapshots and control status work the same way.

export const AGENT_TYPE = 'agent';
export const AGENT_INTEGRATION_NAME = 'Host agent';
export const DEVICE_TYPE = 'endpoint.device';

/** The organization's agent integration, created (and audited) the first time it is needed. */
export async function ensureAgentIntegration(
  deps: AppDeps,
  repos: Repositories,
  scope: OrgScope,
): Promise<TIntegration> {
  return ensureInternalIntegration(deps, repos, scope, {
    type: AGENT_TYPE,
    name: AGENT_INTEGRATION_NAME,
    scheduleMinutes: 60,
  });
}

/** Judges every device's latest report as one run of the agent integration. */
export async function judgeDevices(
  deps: AppDeps,
  scope: OrgScope,
): Promise<{ integration: TIntegration; run: TMonitorRun }> {
  const integration = await deps.store.transaction((repos) => ensureAgentIntegration(deps, repos, scope));
  const reports = await deps.store.repos.agent.latestReports(scope);
  const resources: TResource[] = reports.map(({ device, attributes }) => ({
    type: DEVICE_TYPE,
    id: device.id,
    name: device.hostname,
    attributes,
  }));
  const run = await runIntegration(deps, scope, integration, undefined, {
    pushed: { resources, resourceTypes: [DEVICE_TYPE] },
  });
  return { integration, run };
}
