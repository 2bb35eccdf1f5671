import type { TAudit } from '../../domain/audit/audit.ts';
import { POPULATION_KIND_LABELS, POPULATION_KINDS } from '../../domain/audit/populations.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import type { TPopulationSummary } from './audit-testing-ports.ts';
import { auditRange } from './control-timelines.ts';

/** Every population kind with how many items occurred in the audit's period, and where they came from. */
export async function listAuditPopulations(
  deps: AppDeps,
  scope: OrgScope,
  audit: TAudit,
): Promise<Array<TPopulationSummary & { label: string }>> {
  const found = new Map(
    (await deps.store.repos.populations.summarize(scope, auditRange(audit))).map((s) => [s.kind, s]),
  );
  return POPULATION_KINDS.map((kind) => ({
    ...(found.get(kind) ?? { kind, count: 0, sources: [] }),
    label: POPULATION_KIND_LABELS[kind],
  }));
}
