import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { serverHarness } from '../support/server.ts';

// Onboarding run again: PUT /program on an organization that has a program changes it instead of refusing,
// adopts only what the new scope adds, keeps the work done, and says which field a refusal is about.

let h: Awaited<ReturnType<typeof serverHarness>>;
afterEach(() => h.close());

const PROGRAM = '/api/v1/orgs/acme-cloud/program';

describe(`changing the program on ${ENGINE}`, () => {
  it('tells with the organization whether its program is defined yet, so the app asks for nothing missing', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const before = await owner.call('GET', '/api/v1/orgs/acme-cloud');
    expect(before.json()).toEqual({
      organization: { slug: 'acme-cloud', name: 'Acme Cloud', requireMfa: false },
      role: 'owner',
      hasProgram: false,
    });
    expect((await owner.call('GET', PROGRAM)).statusCode).toBe(404);
    const defined = await owner.call('PUT', PROGRAM, {
      reportType: 'type1',
      asOf: '2026-09-30',
      categories: [],
    });
    expect(defined.statusCode).toBe(201);
    expect((await owner.call('GET', '/api/v1/orgs/acme-cloud')).json().hasProgram).toBe(true);
  });

  it('changes the report type and scope, adopting only what the added category brings', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const first = await owner.call('PUT', PROGRAM, {
      reportType: 'type1',
      asOf: '2026-09-30',
      categories: [],
    });
    expect(first.statusCode).toBe(201);
    const base = first.json();
    expect(base.adoptedControls).toBeGreaterThan(0);
    const controlsBefore = (await owner.call('GET', '/api/v1/orgs/acme-cloud/controls?limit=500')).json();
    const started = controlsBefore.items[0];
    const patched = await owner.call('PATCH', `/api/v1/orgs/acme-cloud/controls/${started.code}`, {
      version: started.version,
      status: 'in_progress',
    });
    expect(patched.statusCode).toBe(200);

    const changed = await owner.call('PUT', PROGRAM, {
      reportType: 'type2',
      windowStart: '2026-07-01',
      windowEnd: '2026-12-31',
      categories: ['availability'],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      program: {
        reportType: 'type2',
        asOf: null,
        window: { start: '2026-07-01', end: '2026-12-31' },
        categories: ['security', 'availability'],
      },
      warnings: [],
    });
    const controlsAfter = (await owner.call('GET', '/api/v1/orgs/acme-cloud/controls?limit=500')).json();
    expect(changed.json().adoptedControls).toBe(controlsAfter.total - controlsBefore.total);
    expect(controlsAfter.total).toBeGreaterThan(controlsBefore.total);
    expect(controlsAfter.items.find((c: { code: string }) => c.code === started.code).status).toBe(
      'in_progress',
    );
    const readiness = (await owner.call('GET', '/api/v1/orgs/acme-cloud/readiness')).json();
    expect(readiness.criteria.some((c: { id: string }) => c.id === 'A1.1')).toBe(true);

    // The same scope again adopts nothing twice.
    const again = await owner.call('PUT', PROGRAM, {
      reportType: 'type2',
      windowStart: '2026-07-01',
      windowEnd: '2026-12-31',
      categories: ['availability'],
    });
    expect(again.json()).toMatchObject({ adoptedControls: 0, adoptedPolicies: 0 });
    const log = (await owner.call('GET', '/api/v1/orgs/acme-cloud/audit-log?limit=500')).json();
    const actions = log.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'program.changed')).toHaveLength(2);
  });

  it('refuses a bad window with the field it is about, and warns about a short one', async () => {
    h = await serverHarness();
    const owner = await h.setupOwner();
    const reversed = await owner.call('PUT', PROGRAM, {
      reportType: 'type2',
      windowStart: '2026-07-01',
      windowEnd: '2026-06-01',
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'windowEnd' } });
    const short = await owner.call('PUT', PROGRAM, {
      reportType: 'type2',
      windowStart: '2026-07-01',
      windowEnd: '2026-08-15',
    });
    expect(short.statusCode).toBe(201);
    expect(short.json().warnings[0]).toContain('auditors usually expect 3 to 12');
  });
});
