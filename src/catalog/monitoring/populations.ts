import type { TPopulationAttribute, TPopulationKind } from '../../domain/audit/populations.ts';
import type { TResource } from '../../domain/monitoring/model.ts';

// Resource types whose resources are also occurrences of a population: each run adds them to it, so the
// population stays whole for the audit window after a collector's lookback no longer returns them.

export interface TResourcePopulation {
  resourceType: string;
  kind: TPopulationKind;
  /** The item a resource stands for, or null when it is not part of the population. */
  item(resource: TResource): {
    externalId: string;
    occurredAt: Date;
    title: string;
    attributes: Record<string, TPopulationAttribute>;
  } | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const RESOURCE_POPULATIONS: readonly TResourcePopulation[] = [
  {
    // Changes to production: pull requests merged into the default branch.
    resourceType: 'github.pull_request',
    kind: 'change',
    item({ name, attributes: a }) {
      if (a.baseBranch !== a.defaultBranch) return null;
      const mergedAt = new Date(String(a.mergedAt));
      if (Number.isNaN(mergedAt.getTime())) return null;
      return {
        externalId: name,
        occurredAt: mergedAt,
        title: String(a.title ?? name).slice(0, 500),
        attributes: {
          repository: text(a.repository),
          number: typeof a.number === 'number' ? a.number : null,
          url: text(a.url),
          author: text(a.author),
          mergedBy: text(a.mergedBy),
          baseBranch: text(a.baseBranch),
          approvals: typeof a.approvals === 'number' ? a.approvals : null,
          approvers: Array.isArray(a.approvers) ? a.approvers.join(', ') : null,
        },
      };
    },
  },
];
