import { AttestlyError } from '../../domain/errors.ts';
import { parseHrCsv } from '../../domain/people/hr-csv.ts';
import type { TPerson } from '../../domain/people/person.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { feedPeoplePopulations } from './people-populations.ts';
import { refreshPeople } from './refresh-people.ts';

export interface TImportPeopleResult {
  created: number;
  updated: number;
  unchanged: number;
}

const FIELDS = [
  'name',
  'type',
  'department',
  'title',
  'managerEmail',
  'startDate',
  'endDate',
  'inScope',
] as const;

/**
 * Imports an HR system's CSV export: every line is checked first and any problem refuses the whole file
 * (with the line numbers); then, in one transaction, unknown emails become people and known ones are
 * updated from the file. Each change is audited and feeds the hire and leaver populations; the checklists
 * are judged afterwards.
 */
export async function importPeople(
  deps: AppDeps,
  scope: OrgScope,
  csv: string,
  fileName = 'hr.csv',
): Promise<TImportPeopleResult> {
  const rows = parseHrCsv(csv);
  const result = await deps.store.transaction(async (repos) => {
    const now = deps.clock.now();
    const known = new Map((await repos.people.list(scope)).map((p) => [p.email, p]));
    const changed: TPerson[] = [];
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const row of rows) {
      const fields = {
        name: row.name,
        type: row.type,
        department: row.department,
        title: row.title,
        managerEmail: row.managerEmail,
        startDate: row.startDate,
        endDate: row.endDate,
        inScope: row.inScope,
      };
      const before = known.get(row.email);
      if (!before) {
        const person: TPerson = {
          id: deps.newId(),
          version: 1,
          email: row.email,
          ...fields,
          source: 'hr_csv',
          sourceIntegration: null,
          backgroundCheck: { status: 'not_started', date: null, provider: null, exemption: null },
          createdAt: now,
          updatedAt: now,
        };
        await repos.people.insert(scope, person);
        await recordChange(
          repos,
          scope,
          deps,
          'person.created',
          { type: 'person', id: person.id },
          { ...person, file: fileName, line: row.line },
        );
        changed.push(person);
        counts.created++;
        continue;
      }
      if (FIELDS.every((f) => before[f] === fields[f])) {
        counts.unchanged++;
        continue;
      }
      const after: TPerson = { ...before, ...fields, version: before.version + 1, updatedAt: now };
      if (!(await repos.people.update(scope, after, before.version, now)))
        throw new AttestlyError(
          'CONFLICT',
          `${row.email} changed while the file was imported; import it again`,
          {
            line: row.line,
          },
        );
      await recordChange(
        repos,
        scope,
        deps,
        'person.updated',
        { type: 'person', id: before.id },
        { before, after, file: fileName, line: row.line },
      );
      changed.push(after);
      counts.updated++;
    }
    await recordChange(
      repos,
      scope,
      deps,
      'people.imported',
      { type: 'people', id: null },
      {
        file: fileName,
        rows: rows.length,
        ...counts,
      },
    );
    await feedPeoplePopulations(repos, scope, changed, { kind: 'import', ref: fileName }, now);
    return counts;
  });
  await refreshPeople(deps, scope);
  return result;
}
