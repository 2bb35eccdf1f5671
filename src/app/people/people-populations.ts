import type { TPerson } from '../../domain/people/person.ts';
import type { TPopulationItemInput } from '../audits/audit-testing-ports.ts';
import type { OrgScope, Repositories } from '../ports.ts';

// Hires and leavers are the populations auditors sample onboarding (CC1.4, CC2.2) and offboarding (CC6.2)
// from. Every change to the register feeds them: the same person updates their item in place, so a
// corrected start date moves the hire rather than adding a second one. An end date removed later leaves
// its leaver item as it was: populations keep what was once recorded.

export function personPopulationItems(
  person: TPerson,
  source: { kind: 'register' | 'import' | 'integration'; ref: string },
  collectedAt: Date,
): TPopulationItemInput[] {
  const attributes = {
    email: person.email,
    name: person.name,
    type: person.type,
    department: person.department,
    title: person.title,
    manager: person.managerEmail,
    startDate: person.startDate,
    endDate: person.endDate,
    inScope: person.inScope,
  };
  const item = (kind: 'hire' | 'leaver', day: string): TPopulationItemInput => ({
    kind,
    externalId: person.id,
    occurredAt: new Date(`${day}T00:00:00Z`),
    title: `${person.name} <${person.email}>`,
    attributes,
    source: { ...source, collectedAt },
  });
  return [
    item('hire', person.startDate),
    ...(person.endDate !== null ? [item('leaver', person.endDate)] : []),
  ];
}

/** Upserts the hire and leaver items of the people given, inside the caller's transaction. */
export async function feedPeoplePopulations(
  repos: Repositories,
  scope: OrgScope,
  people: readonly TPerson[],
  source: { kind: 'register' | 'import' | 'integration'; ref: string },
  collectedAt: Date,
): Promise<void> {
  const items = people.flatMap((p) => personPopulationItems(p, source, collectedAt));
  if (items.length > 0) await repos.populations.upsert(scope, items);
}
