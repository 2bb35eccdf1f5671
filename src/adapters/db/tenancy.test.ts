import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { ENGINE } from '../../../test/support/database.ts';
import { updateControl } from '../../app/controls/update-control.ts';
import { addEvidence } from '../../app/evidence/add-evidence.ts';
import { type AppDeps, type OrgScope, scopeOf } from '../../app/ports.ts';
import { initProgram } from '../../app/program/init-program.ts';
import { excludeCriterion } from '../../app/scope/set-criterion-applicability.ts';

// One organization must never see another's rows: every repository call is made with org A's scope and
// must return only what org A wrote, although org B wrote the same kinds of rows.

let app: Awaited<ReturnType<typeof testApp>>;
let deps: AppDeps;
let a: OrgScope;
let b: OrgScope;

async function seed(name: string, owner: string): Promise<OrgScope> {
  const { org } = await initProgram(deps, {
    name,
    ownerEmail: owner,
    reportType: 'type1',
    asOf: '2026-12-31',
    categories: ['privacy'],
    componentKinds: ['software'],
    components: [`software:${name} API`],
  });
  const scope = scopeOf(org);
  await updateControl(deps, scope, 'AC-01', {
    status: 'implemented',
    ownerEmail: `it@${name.toLowerCase()}.test`,
  });
  await addEvidence(deps, scope, {
    bytes: new TextEncoder().encode(`${name} sso config`),
    fileName: 'sso.txt',
    controlCodes: ['AC-01'],
  });
  await excludeCriterion(deps, scope, 'CC6.4', `${name} has no offices`);
  await deps.store.repos.tasks.insert(scope, {
    id: deps.newId(),
    title: `${name} task`,
    description: '',
    controlId: null,
    criterionId: 'CC6.4',
    assigneeUserId: null,
    status: 'todo',
    dueDate: '2026-07-01',
  });
  return scope;
}

beforeAll(async () => {
  app = await testApp();
  deps = app.deps;
  a = await seed('Alpha', 'owner@alpha.test');
  b = await seed('Beta', 'owner@beta.test');
});
afterAll(() => app.close());

describe(`tenant isolation on ${ENGINE}`, () => {
  it('returns only the scoped organization rows from every repository', async () => {
    const { repos } = deps.store;
    const [controlsA, controlsB] = [await repos.controls.list(a), await repos.controls.list(b)];
    expect(controlsA.length).toBeGreaterThan(100);
    expect(controlsA.map((c) => c.id)).not.toEqual(expect.arrayContaining([controlsB[0]?.id]));
    expect(controlsA.find((c) => c.code === 'AC-01')?.ownerEmail).toBe('it@alpha.test');

    const evidenceA = await repos.evidence.list(a);
    expect(evidenceA.map((e) => e.fileName)).toEqual(['sso.txt']);
    expect(evidenceA[0]?.sha256).not.toBe((await repos.evidence.list(b))[0]?.sha256);
    const validity = await repos.evidence.validityByControl(a);
    expect([...validity.keys()].every((id) => controlsA.some((c) => c.id === id))).toBe(true);

    expect(await repos.exclusions.list(a)).toEqual(new Map([['CC6.4', 'Alpha has no offices']]));
    expect((await repos.tasks.list(a)).map((t) => t.title)).toEqual(['Alpha task']);
    expect((await repos.memberships.list(a)).map((m) => m.email)).toEqual([
      'it@alpha.test',
      'owner@alpha.test',
    ]);
    expect(await repos.components.list(a)).toEqual([{ kind: 'software', name: 'Alpha API' }]);
    const policiesA = await repos.policies.list(a);
    const policiesB = await repos.policies.list(b);
    expect(policiesA.length).toBeGreaterThan(0);
    expect(policiesA.map((p) => p.id).some((id) => policiesB.some((p) => p.id === id))).toBe(false);
    const log = await repos.auditLog.chain(a);
    expect(log.length).toBeGreaterThan(3);
    expect(JSON.stringify(log)).not.toContain('Beta');
  });

  it('cannot change or find another organization control through its own scope', async () => {
    const { repos } = deps.store;
    const foreign = (await repos.controls.list(b)).find((c) => c.code === 'AC-02');
    if (!foreign) throw new Error('seed missing');
    await repos.controls.update(a, foreign.id, { status: 'implemented' }, new Date());
    expect((await repos.controls.findByCode(b, 'AC-02'))?.status).toBe('not_started');
  });

  it('refuses, in the database itself, a link from one organization row to another organization row', async () => {
    const { repos } = deps.store;
    const foreignControl = (await repos.controls.list(b))[0];
    const ownEvidence = (await repos.evidence.list(a))[0];
    await expect(
      app.database.db
        .insertInto('evidence_controls')
        .values({ org_id: a.orgId, evidence_id: ownEvidence?.id ?? '', control_id: foreignControl?.id ?? '' })
        .execute(),
    ).rejects.toThrow(/foreign key/);
  });
});
