import { trainingCourses } from '../../catalog/training.ts';
import { CsvProblems } from '../../domain/people/csv-table.ts';
import { parseTrainingCsv } from '../../domain/people/hr-csv.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { judgePeople } from './people-integration.ts';

/**
 * Imports a training provider's completion report (email,course,completed_at). Every email must be in the
 * register, or nothing is imported. A course named like a built-in one (its id or title) counts as that
 * course; any other is kept under the provider's name and counts as security training done.
 */
export async function importTraining(
  deps: AppDeps,
  scope: OrgScope,
  csv: string,
  fileName = 'training.csv',
): Promise<{ recorded: number; alreadyRecorded: number }> {
  const rows = parseTrainingCsv(csv);
  const courses = trainingCourses();
  const builtIn = (name: string) =>
    courses.find((c) => c.id === name.toLowerCase() || c.title.toLowerCase() === name.toLowerCase());
  const result = await deps.store.transaction(async (repos) => {
    const people = new Map((await repos.people.list(scope)).map((p) => [p.email, p]));
    const problems = new CsvProblems();
    for (const row of rows)
      if (!people.has(row.email))
        problems.add(
          row.line,
          'email',
          `${row.email} is not in the personnel register: import or add them first`,
        );
    problems.throwIfAny('the training file was refused');
    let recorded = 0;
    for (const row of rows) {
      const person = people.get(row.email);
      if (!person) continue;
      const course = builtIn(row.course);
      const added = await repos.people.addCompletion(scope, {
        id: deps.newId(),
        personId: person.id,
        courseId: course?.id ?? row.course,
        courseVersion: 0,
        completedAt: row.completedAt,
        source: 'import',
        recordedBy: deps.actor.id,
      });
      if (added) recorded++;
    }
    await recordChange(
      repos,
      scope,
      deps,
      'training.imported',
      { type: 'people', id: null },
      {
        file: fileName,
        rows: rows.length,
        recorded,
      },
    );
    return { recorded, alreadyRecorded: rows.length - recorded };
  });
  if (result.recorded > 0) await judgePeople(deps, scope);
  return result;
}
