import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { ENGINE } from '../../../test/support/database.ts';
import { slugify } from '../organizations/create-organization.ts';
import { type Repositories, type Store, scopeOf } from '../ports.ts';
import { getReadiness } from '../readiness/get-readiness.ts';
import { initProgram } from './init-program.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const input = {
  name: 'Globex Payments',
  reportType: 'type1',
  asOf: '2026-09-30',
  categories: ['processing-integrity'],
  componentKinds: ['software', 'data'],
  components: ['data:Ledger database'],
  ownerEmail: 'CISO@Globex.test',
};

describe(`initProgram on ${ENGINE}`, () => {
  it('adopts exactly the library controls that address a criterion in scope, and their policies', async () => {
    const app = await testApp();
    close = app.close;
    const result = await initProgram(app.deps, input);
    const { catalog } = app.deps;
    const inScope = new Set(
      catalog.criteria
        .filter((c) => ['security', 'processing-integrity'].includes(c.category))
        .map((c) => c.id),
    );
    const expected = catalog.controls
      .filter((c) => c.criteria.some((id) => inScope.has(id)))
      .map((c) => c.id);
    const scope = scopeOf(result.org);
    const adopted = await app.deps.store.repos.controls.list(scope);
    expect(adopted.map((c) => c.code)).toEqual(expected);
    expect(adopted.some((c) => c.code.startsWith('PI-'))).toBe(true);
    expect(adopted.every((c) => c.status === 'not_started')).toBe(true);
    expect(result.adoptedControls).toBe(expected.length);

    const policies = await app.deps.store.repos.policies.list(scope);
    expect(policies).toHaveLength(result.adoptedPolicies);
    expect(policies.every((p) => p.latestVersion === 1 && p.latestStatus === 'draft')).toBe(true);
    const body = await app.database.db
      .selectFrom('policy_versions')
      .select('body_markdown')
      .where('org_id', '=', result.org.id)
      .executeTakeFirstOrThrow();
    expect(body.body_markdown).toContain('Globex Payments');
    expect(body.body_markdown).not.toMatch(/\{\{/);

    expect(result.org.slug).toBe('globex-payments');
    expect(await app.deps.store.repos.memberships.list(scope)).toEqual([
      expect.objectContaining({ email: 'ciso@globex.test', role: 'owner' }),
    ]);
    expect(await app.deps.store.repos.components.list(scope)).toEqual([
      { kind: 'data', name: 'Ledger database' },
    ]);
    const actions = (await app.deps.store.repos.auditLog.chain(scope)).map((e) => e.action);
    expect(actions).toEqual([
      'organization.created',
      'membership.added',
      'program.created',
      'controls.adopted',
      'policies.adopted',
    ]);

    const readiness = await getReadiness(app.deps, result.org, scope);
    expect(readiness.criteria.map((c) => c.id)).toEqual([...inScope]);
  });

  it('writes nothing when a step fails halfway', async () => {
    const app = await testApp();
    close = app.close;
    const failing: Store = {
      repos: app.deps.store.repos,
      transaction: (fn) =>
        app.deps.store.transaction((repos) => {
          const broken: Repositories = {
            ...repos,
            policies: { ...repos.policies, insert: () => Promise.reject(new Error('disk full')) },
          };
          return fn(broken);
        }),
    };
    await expect(initProgram({ ...app.deps, store: failing }, input)).rejects.toThrow('disk full');
    const db = app.database.db;
    for (const table of [
      'organizations',
      'programs',
      'controls',
      'control_criteria',
      'audit_log',
      'users',
    ] as const) {
      const { n } = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect({ table, rows: Number(n) }).toEqual({ table, rows: 0 });
    }
  });

  it('makes slugs from names', () => {
    expect(slugify('  Ünïcode & Co. — SaaS, Inc. ')).toBe('unicode-co-saas-inc');
  });
});
