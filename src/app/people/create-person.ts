import type { TPerson } from '../../domain/people/person.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { feedPeoplePopulations } from './people-populations.ts';
import { applyPersonInput, emailTaken, type TPersonInput } from './person-input.ts';
import { refreshPeople } from './refresh-people.ts';

/** Adds a person to the register by hand, then judges the checklists (a start date may already be past). */
export async function createPerson(deps: AppDeps, scope: OrgScope, input: TPersonInput): Promise<TPerson> {
  const fields = applyPersonInput(null, input);
  const person = await deps.store.transaction(async (repos) => {
    if (await repos.people.findByEmail(scope, fields.email)) throw emailTaken(fields.email);
    const now = deps.clock.now();
    const person: TPerson = {
      id: deps.newId(),
      version: 1,
      ...fields,
      source: 'manual',
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
      { ...person },
    );
    await feedPeoplePopulations(repos, scope, [person], { kind: 'register', ref: 'people' }, now);
    return person;
  });
  await refreshPeople(deps, scope);
  return person;
}
