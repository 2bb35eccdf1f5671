import { RESOURCE_POPULATIONS } from '../../catalog/monitoring/populations.ts';
import type { TResource } from '../../domain/monitoring/model.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, Repositories, TIntegration } from '../ports.ts';
import type { TPopulationItemInput } from './audit-testing-ports.ts';

const BY_TYPE = new Map(RESOURCE_POPULATIONS.map((p) => [p.resourceType, p]));

/** The population items among a run's resources (merged pull requests become changes). */
export function populationItemsOf(
  resources: readonly TResource[],
  source: TPopulationItemInput['source'],
): TPopulationItemInput[] {
  const items: TPopulationItemInput[] = [];
  for (const resource of resources) {
    const population = BY_TYPE.get(resource.type);
    const item = population?.item(resource);
    if (population && item) items.push({ kind: population.kind, ...item, source });
  }
  return items;
}

/**
 * Adds a run's population items (with the integration and the run's time as their source), inside the
 * run's transaction. Logged only when something was new or changed, so hourly runs that see the same
 * pull requests again do not fill the audit log.
 */
export async function recordRunPopulations(
  repos: Repositories,
  scope: OrgScope,
  deps: Pick<AppDeps, 'clock' | 'actor'>,
  integration: Pick<TIntegration, 'id' | 'name'>,
  resources: readonly TResource[],
  collectedAt: Date,
): Promise<void> {
  const items = populationItemsOf(resources, { kind: 'integration', ref: integration.name, collectedAt });
  if (items.length === 0) return;
  const changed = await repos.populations.upsert(scope, items);
  if (changed === 0) return;
  const kinds = [...new Set(items.map((i) => i.kind))].sort();
  await recordChange(
    repos,
    scope,
    deps,
    'population.collected',
    { type: 'integration', id: integration.id },
    { kinds, items: items.length, changed },
  );
}
