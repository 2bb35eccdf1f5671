import type { TEndpointDevice } from '../../catalog/monitoring/endpoint.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { type AppDeps, scopeOf, type TAgentDevice, type TMonitorRun, type TTestState } from '../ports.ts';
import { judgeDevices } from './agent-integration.ts';

/**
 * Keeps a device's report as its latest and judges every device's latest report as one run of the
 * organization's agent integration. Returns the run and this device's results.
 */
export async function submitDeviceReport(
  deps: AppDeps,
  device: TAgentDevice,
  report: TEndpointDevice,
): Promise<{ run: TMonitorRun; results: TTestState[] }> {
  const scope = scopeOf({ id: device.orgId });
  const saved = await deps.store.repos.agent.saveReport(
    scope,
    device.id,
    { hostname: report.hostname, attributes: report },
    deps.clock.now(),
  );
  if (!saved) throw new AttestlyError('UNAUTHENTICATED', 'this device credential was revoked');
  const { integration, run } = await judgeDevices(deps, scope);
  const results = (await deps.store.repos.monitoring.states(scope, integration.id)).filter(
    (s) => s.resourceId === device.id,
  );
  return { run, results };
}
