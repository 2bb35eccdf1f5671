import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { ENGINE } from '../../../test/support/database.ts';
import { addEvidence } from '../evidence/add-evidence.ts';
import { scopeOf } from '../ports.ts';
import { initProgram } from '../program/init-program.ts';
import { getReadiness } from './get-readiness.ts';
import { recordReadinessSnapshot } from './record-readiness-snapshot.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function setup() {
  const app = await testApp(new Date('2026-06-15T09:00:00Z'));
  close = app.close;
  const { org } = await initProgram(app.deps, {
    name: 'Globex',
    reportType: 'type1',
    asOf: '2026-09-30',
    categories: [],
    componentKinds: ['software'],
    components: [],
  });
  const scope = scopeOf(org);
  return { app, org, scope };
}

/** Every control implemented: half of each control's weight, the other half waits for evidence. */
async function implementAll(app: Awaited<ReturnType<typeof testApp>>, scope: ReturnType<typeof scopeOf>) {
  const controls = await app.deps.store.repos.controls.list(scope);
  for (const c of controls) {
    await app.deps.store.repos.controls.update(scope, c.id, { status: 'implemented' }, app.clock.now());
  }
  return controls.map((c) => c.code);
}

describe(`recordReadinessSnapshot on ${ENGINE}`, () => {
  it('writes one row per day, rewritten by later changes that day, and follows added evidence', async () => {
    const { app, org, scope } = await setup();
    const repos = app.deps.store.repos;
    const first = await repos.readinessSnapshots.listSince(scope, '2000-01-01');
    expect(first.map((s) => [s.day, s.overall])).toEqual([['2026-06-15', 0]]);
    const codes = await implementAll(app, scope);
    const implemented = await recordReadinessSnapshot(app.deps, scope);
    expect(implemented?.overall).toBe(50);

    await addEvidence(app.deps, scope, {
      bytes: new TextEncoder().encode('sso settings'),
      fileName: 'sso.txt',
      controlCodes: codes,
    });
    const same = await repos.readinessSnapshots.listSince(scope, '2000-01-01');
    expect(same).toHaveLength(1);
    const after = same[0];
    expect(after?.day).toBe('2026-06-15');
    expect(after?.overall).toBe((await getReadiness(app.deps, org, scope)).overall.score);
    expect(after?.overall).toBe(100);
    expect(after?.counts.controls.implemented).toBe(codes.length);
    expect(after?.categories).toHaveProperty('security');

    app.clock.set(new Date('2026-06-16T08:00:00Z'));
    await recordReadinessSnapshot(app.deps, scope);
    expect((await repos.readinessSnapshots.listSince(scope, '2000-01-01')).map((s) => s.day)).toEqual([
      '2026-06-15',
      '2026-06-16',
    ]);
  });

  it('writes a given past day, judging evidence validity on that day', async () => {
    const { app, scope } = await setup();
    const codes = await implementAll(app, scope);
    await addEvidence(app.deps, scope, {
      bytes: new TextEncoder().encode('review'),
      fileName: 'review.txt',
      controlCodes: codes,
      validFrom: '2026-06-01',
    });
    const past = await recordReadinessSnapshot(app.deps, scope, '2026-05-01');
    const today = await recordReadinessSnapshot(app.deps, scope);
    expect(past?.day).toBe('2026-05-01');
    expect([past?.overall, today?.overall]).toEqual([50, 100]);
    const rows = await app.deps.store.repos.readinessSnapshots.listSince(scope, '2026-05-01');
    expect(rows.map((r) => [r.day, r.overall])).toEqual([
      ['2026-05-01', past?.overall],
      ['2026-06-15', today?.overall],
    ]);
    await expect(recordReadinessSnapshot(app.deps, scope, '2026-02-30')).rejects.toThrow('not a real date');
  });

  it('writes nothing for an organization without a program, and never into another organization', async () => {
    const { app, scope } = await setup();
    await app.deps.store.repos.organizations.create({ id: app.deps.newId(), slug: 'other', name: 'Other' });
    const other = await app.deps.store.repos.organizations.findBySlug('other');
    const otherScope = scopeOf(other ?? { id: '' });
    expect(await recordReadinessSnapshot(app.deps, otherScope)).toBeNull();
    expect(await app.deps.store.repos.readinessSnapshots.listSince(otherScope, '2000-01-01')).toEqual([]);
    expect(await app.deps.store.repos.readinessSnapshots.listSince(scope, '2000-01-01')).toHaveLength(1);
  });
});
