import { describe, expect, it } from 'vitest';
import { evaluateInventory } from '../../domain/monitoring/evaluate.ts';
import { buildChecklist, type TPersonFacts } from '../../domain/people/checklist.ts';
import { loadCatalog } from '../load-catalog.ts';
import { loadTestLibrary } from './library.ts';
import { peopleLibrary, peoplePerson, type TPersonResource } from './people.ts';

// The people tests over people.person resources: a leaver whose account is still active in a connected
// system fails once the day after the last day has passed; removed, it passes; onboarding items overdue fail.

const NOW = new Date('2026-06-15T09:00:00Z');

function aPerson(
  options: { endDate?: string | null; activeIn?: string[]; systems?: string[] } = {},
): TPersonResource {
  const active = (options.activeIn ?? []).map((system) => ({
    system,
    accountName: 'chris',
    status: 'ACTIVE',
  }));
  const facts: TPersonFacts = {
    person: {
      startDate: '2025-02-03',
      endDate: options.endDate ?? null,
      backgroundCheck: { status: 'completed', date: '2025-01-20', provider: 'Certn', exemption: null },
    },
    training: { required: [{ id: 'phishing', title: 'Phishing' }], completions: [] },
    policies: { published: [], accepted: new Map() },
    device: { mark: null, deviceRevoked: false, deviceName: null },
    access: { mark: null, systemsChecked: options.systems ?? ['Okta', 'LDAP'], activeAccounts: active },
  };
  return peoplePerson.schema.parse({
    email: 'chris@acme.test',
    name: 'Chris Morgan',
    type: 'employee',
    department: 'Sales',
    title: null,
    managerEmail: null,
    startDate: '2025-02-03',
    endDate: options.endDate ?? null,
    inScope: true,
    checklist: buildChecklist(facts),
    accounts: active.map((a) => ({ ...a, resourceType: 'idp.user', active: true })),
  });
}

function verdicts(person: TPersonResource) {
  const resource = { type: 'people.person', id: 'p1', name: person.name, attributes: person };
  return Object.fromEntries(
    evaluateInventory([resource], peopleLibrary.tests, { now: NOW }).map((o) => [o.testId, o.status]),
  );
}

describe('people tests', () => {
  it('load with the library, mapped to its controls', () => {
    const library = loadTestLibrary(new Set(loadCatalog().controls.map((c) => c.id)));
    expect(library.tests.filter((t) => t.resourceType === 'people.person').map((t) => t.controls)).toEqual([
      ['AC-07', 'HR-08'],
      ['HR-01', 'HR-07'],
      ['END-05', 'END-10', 'HR-07'],
      ['GOV-07', 'HR-07'],
      ['HR-03', 'HR-07'],
    ]);
  });

  it('fail offboarding while the leaver is still active in Okta or LDAP, and pass once removed', () => {
    expect(verdicts(aPerson({ endDate: '2026-06-01', activeIn: ['Okta'] }))['people.access_removed']).toBe(
      'fail',
    );
    expect(verdicts(aPerson({ endDate: '2026-06-01', activeIn: ['LDAP'] }))['people.access_removed']).toBe(
      'fail',
    );
    expect(verdicts(aPerson({ endDate: '2026-06-01' }))['people.access_removed']).toBe('pass');
    // Within the day after the last day, or before it, the removal is not due yet.
    expect(verdicts(aPerson({ endDate: '2026-06-14', activeIn: ['Okta'] }))['people.access_removed']).toBe(
      'not_applicable',
    );
    expect(verdicts(aPerson())['people.access_removed']).toBe('not_applicable');
  });

  it('fail overdue onboarding items and pass done ones', () => {
    expect(verdicts(aPerson())).toMatchObject({
      'people.background_check': 'pass',
      'people.security_training': 'fail',
      'people.device_enrolled': 'fail',
      'people.policies_accepted': 'not_applicable',
    });
  });
});
