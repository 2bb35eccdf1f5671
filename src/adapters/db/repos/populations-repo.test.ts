import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../../test/support/app.ts';
import { ENGINE } from '../../../../test/support/database.ts';
import type { TPopulationItemInput } from '../../../app/audits/audit-testing-ports.ts';
import { createAudit } from '../../../app/audits/create-audit.ts';
import { createOrganizationIn } from '../../../app/organizations/create-organization.ts';
import type { AppDeps, OrgScope } from '../../../app/ports.ts';

// Populations and samples stay inside their organization: another organization's items are never listed,
// and a sample cannot name another organization's audit (the foreign key runs over (org_id, audit_id)).

let app: Awaited<ReturnType<typeof testApp>>;
let deps: AppDeps;
let a: OrgScope;
let b: OrgScope;
const AT = new Date('2026-06-15T09:00:00Z');
const range = { from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-06-30T23:59:59.999Z') };

const item = (externalId: string, change: Partial<TPopulationItemInput> = {}): TPopulationItemInput => ({
  kind: 'change',
  externalId,
  occurredAt: new Date('2026-06-10T12:00:00Z'),
  title: `Change ${externalId}`,
  attributes: { approvals: 1 },
  source: { kind: 'integration', ref: 'GitHub', collectedAt: AT },
  ...change,
});

beforeAll(async () => {
  app = await testApp(AT);
  deps = app.deps;
  const org = (name: string) =>
    deps.store.transaction(async (repos) => (await createOrganizationIn(repos, deps, { name })).scope);
  a = await org('Alpha');
  b = await org('Beta');
});
afterAll(() => app.close());

describe(`population items on ${ENGINE}`, () => {
  it('upserts by kind and id, counting only what is new or changed, and keeps to the organization', async () => {
    const { populations } = deps.store.repos;
    expect(await populations.upsert(a, [item('api#1'), item('api#2'), item('api#1')])).toBe(2);
    expect(await populations.upsert(a, [item('api#1'), item('api#2')])).toBe(0);
    const later = {
      kind: 'integration' as const,
      ref: 'GitHub',
      collectedAt: new Date('2026-06-16T09:00:00Z'),
    };
    expect(
      await populations.upsert(a, [item('api#1', { attributes: { approvals: 0 }, source: later })]),
    ).toBe(1);
    expect(await populations.upsert(b, [item('api#1', { title: 'Beta change' })])).toBe(1);

    const listed = await populations.list(a, 'change', range);
    expect(listed.map((i) => [i.externalId, i.attributes.approvals, i.source.collectedAt])).toEqual([
      ['api#1', 0, later.collectedAt],
      ['api#2', 1, AT],
    ]);
    expect((await populations.list(b, 'change', range)).map((i) => i.title)).toEqual(['Beta change']);
    expect(
      await populations.list(a, 'change', { from: range.from, to: new Date('2026-06-10T11:59:59Z') }),
    ).toEqual([]);
    expect(await populations.summarize(b, range)).toEqual([
      {
        kind: 'change',
        count: 1,
        sources: [{ kind: 'integration', ref: 'GitHub', count: 1, lastCollectedAt: AT }],
      },
    ]);
    expect((await populations.findByExternalIds(b, 'change', ['api#1', 'api#2'])).length).toBe(1);
  });

  it('refuses a sample that names another organization’s audit', async () => {
    const audit = await createAudit(deps, a, {
      firmName: 'Alpha Auditors',
      reportType: 'type1',
      asOfDate: '2026-06-30',
    });
    const sample = {
      id: deps.newId(),
      controlCode: 'CHG-01',
      kind: 'change',
      seed: 'ab'.repeat(16),
      size: 1,
      populationCount: 1,
      populationDigest: 'c'.repeat(64),
      itemIds: ['api#1'],
      drawnBy: 'test',
      drawnAt: AT,
    };
    await expect(deps.store.repos.samples.insert(b, audit.id, sample)).rejects.toThrow();
    await deps.store.repos.samples.insert(a, audit.id, sample);
    expect(await deps.store.repos.samples.list(b, audit.id)).toEqual([]);
    expect(await deps.store.repos.samples.list(a, audit.id)).toEqual([sample]);
  });
});
