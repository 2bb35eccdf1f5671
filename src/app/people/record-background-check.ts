import { AttestlyError } from '../../domain/errors.ts';
import { checkBackgroundCheck, type TBackgroundCheck, type TPerson } from '../../domain/people/person.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { judgePeople } from './people-integration.ts';

/** Records a person's background check (status, date, provider) or its exemption with the reason. */
export async function recordBackgroundCheck(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  expectedVersion: number,
  input: TBackgroundCheck,
): Promise<TPerson> {
  const check = checkBackgroundCheck(input);
  const person = await deps.store.transaction(async (repos) => {
    const before = await repos.people.find(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such person');
    const now = deps.clock.now();
    const after: TPerson = {
      ...before,
      backgroundCheck: check,
      version: expectedVersion + 1,
      updatedAt: now,
    };
    if (!(await repos.people.update(scope, after, expectedVersion, now)))
      throw new AttestlyError(
        'CONFLICT',
        `the person changed since version ${expectedVersion} (now ${before.version}); reload and try again`,
        { currentVersion: before.version },
      );
    await recordChange(
      repos,
      scope,
      deps,
      'person.background_check_recorded',
      { type: 'person', id },
      { email: before.email, before: before.backgroundCheck, after: check },
    );
    return after;
  });
  await judgePeople(deps, scope);
  return person;
}
