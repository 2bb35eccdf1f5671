import { AttestlyError } from '../../domain/errors.ts';
import type { TPerson } from '../../domain/people/person.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { feedPeoplePopulations } from './people-populations.ts';
import { applyPersonInput, emailTaken, type TPersonInput } from './person-input.ts';
import { refreshPeople } from './refresh-people.ts';

/** Changes a person at the version the caller edited (an end date makes them a leaver), then re-judges. */
export async function updatePerson(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  expectedVersion: number,
  input: TPersonInput,
): Promise<TPerson> {
  const person = await deps.store.transaction(async (repos) => {
    const before = await repos.people.find(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such person');
    const fields = applyPersonInput(before, input);
    if (fields.email !== before.email && (await repos.people.findByEmail(scope, fields.email)))
      throw emailTaken(fields.email);
    const now = deps.clock.now();
    const after: TPerson = { ...before, ...fields, version: expectedVersion + 1, updatedAt: now };
    if (!(await repos.people.update(scope, after, expectedVersion, now)))
      throw new AttestlyError(
        'CONFLICT',
        `the person changed since version ${expectedVersion} (now ${before.version}); reload and try again`,
        { currentVersion: before.version },
      );
    await recordChange(repos, scope, deps, 'person.updated', { type: 'person', id }, { before, after });
    await feedPeoplePopulations(repos, scope, [after], { kind: 'register', ref: 'people' }, now);
    return after;
  });
  await refreshPeople(deps, scope);
  return person;
}
