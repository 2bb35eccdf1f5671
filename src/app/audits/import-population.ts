import { readPopulationCsv } from '../../domain/audit/population-csv.ts';
import { parsePopulationKind, type TPopulationKind } from '../../domain/audit/populations.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

export interface TPopulationImport {
  kind: TPopulationKind;
  /** Rows read from the file. */
  rows: number;
  /** Items new or changed by it (a row already imported unchanged counts as neither). */
  changed: number;
  source: { kind: 'import'; ref: string; collectedAt: Date };
}

/** The file's name as the items' source says it, without any path a browser or client put before it. */
function sourceRef(fileName: string | null): string {
  const base = (fileName ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  return base === '' ? 'csv' : base.slice(0, 200);
}

/**
 * Imports a population from CSV (columns id, occurred_at, title, and any more as attributes), all rows or
 * none: a file with any bad row is refused with every problem and its line. Items already there (same kind
 * and id) are updated in place, so a corrected file can be imported again.
 */
export async function importPopulation(
  deps: AppDeps,
  scope: OrgScope,
  input: { kind: string; text: string; fileName: string | null },
): Promise<TPopulationImport> {
  const kind = parsePopulationKind(input.kind);
  const rows = readPopulationCsv(input.text);
  const source = { kind: 'import' as const, ref: sourceRef(input.fileName), collectedAt: deps.clock.now() };
  return deps.store.transaction(async (repos) => {
    const changed = await repos.populations.upsert(
      scope,
      rows.map((row) => ({
        kind,
        externalId: row.externalId,
        occurredAt: row.occurredAt,
        title: row.title,
        attributes: row.attributes,
        source,
      })),
    );
    await recordChange(
      repos,
      scope,
      deps,
      'population.imported',
      { type: 'population', id: kind },
      { file: source.ref, rows: rows.length, changed },
    );
    return { kind, rows: rows.length, changed, source };
  });
}
