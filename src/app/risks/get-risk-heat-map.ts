import { heatMap, type THeatMapCell } from '../../domain/risk.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

/** Counts of open risks per likelihood x impact cell, before (inherent) and after (residual) controls. */
export async function getRiskHeatMap(
  deps: AppDeps,
  scope: OrgScope,
): Promise<{ open: number; inherent: THeatMapCell[]; residual: THeatMapCell[] }> {
  const open = (await deps.store.repos.risks.list(scope)).filter((r) => r.status === 'open');
  return {
    open: open.length,
    inherent: heatMap(open.map((r) => ({ likelihood: r.inherentLikelihood, impact: r.inherentImpact }))),
    residual: heatMap(open.map((r) => ({ likelihood: r.residualLikelihood, impact: r.residualImpact }))),
  };
}
