import { indexPeople, matchAccount } from '../../domain/people/accounts.ts';
import type { TPerson, TPersonAccount } from '../../domain/people/person.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { latestAccounts } from './identity-accounts.ts';
import { feedPeoplePopulations } from './people-populations.ts';

export interface TSyncResult {
  /** People added for identity-provider accounts the register did not know. */
  created: TPerson[];
  /** Accounts matched to people, and the systems they came from. */
  accounts: number;
  systems: string[];
}

const accountKey = (a: TPersonAccount) =>
  [a.personId, a.integrationId, a.resourceType, a.accountId, a.status, a.active].join('\u0000');

/**
 * Compares the register with the connected systems' latest collections: adds a person for each account
 * that can sign in and names an email nobody in the register has (never removing anyone), and records the
 * accounts each person holds with their status. Writes (and audits) only what changed.
 */
export async function syncPeople(deps: AppDeps, scope: OrgScope): Promise<TSyncResult> {
  const seen = await latestAccounts(deps, scope);
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const people = await repos.people.list(scope);
    let index = indexPeople(people);
    const created: TPerson[] = [];
    for (const account of seen) {
      const fresh = account.newPerson;
      if (!fresh || matchAccount(account.identifiers, index)) continue;
      const person: TPerson = {
        id: deps.newId(),
        version: 1,
        email: fresh.email,
        name: fresh.name.slice(0, 200),
        type: 'employee',
        department: null,
        title: null,
        managerEmail: null,
        startDate: fresh.startDate,
        endDate: null,
        inScope: true,
        source: 'integration',
        sourceIntegration: account.system,
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
        { ...person, from: `${account.system} (${account.resourceType} ${account.accountName})` },
      );
      people.push(person);
      index = indexPeople(people);
      created.push(person);
    }
    const matched: TPersonAccount[] = seen.flatMap((a) => {
      const personId = matchAccount(a.identifiers, index);
      return personId
        ? [
            {
              personId,
              integrationId: a.integrationId,
              system: a.system,
              resourceType: a.resourceType,
              accountId: a.accountId,
              accountName: a.accountName,
              status: a.status,
              active: a.active,
              seenAt: now,
            },
          ]
        : [];
    });
    const before = new Set((await repos.people.listAccounts(scope)).map(accountKey));
    const after = new Set(matched.map(accountKey));
    const systems = [...new Set(matched.map((a) => a.system))].sort();
    if (before.size !== after.size || [...after].some((k) => !before.has(k))) {
      await repos.people.replaceAccounts(scope, matched);
      await recordChange(
        repos,
        scope,
        deps,
        'people.accounts_synced',
        { type: 'people', id: null },
        {
          systems,
          accounts: matched.length,
          active: matched.filter((a) => a.active).length,
          created: created.map((p) => p.email),
        },
      );
    }
    if (created.length > 0)
      await feedPeoplePopulations(
        repos,
        scope,
        created,
        { kind: 'integration', ref: systems.join(', ') },
        now,
      );
    return { created, accounts: matched.length, systems };
  });
}
