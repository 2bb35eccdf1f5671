import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { ENGINE } from '../../../test/support/database.ts';
import { verifyAuditLog } from '../../app/audit/verify-audit-log.ts';
import { updateControl } from '../../app/controls/update-control.ts';
import { type OrgScope, scopeOf } from '../../app/ports.ts';
import { initProgram } from '../../app/program/init-program.ts';

let app: Awaited<ReturnType<typeof testApp>>;
let scope: OrgScope;

beforeAll(async () => {
  app = await testApp();
  const { org } = await initProgram(app.deps, {
    name: 'Chain Co',
    reportType: 'type1',
    asOf: '2026-12-31',
    categories: [],
    componentKinds: ['software'],
    components: [],
  });
  scope = scopeOf(org);
});
afterAll(() => app.close());

describe(`the audit log on ${ENGINE}`, () => {
  it('chains concurrent appends without a fork', async () => {
    const codes = ['AC-01', 'AC-02', 'AC-03', 'AC-04', 'AC-05', 'AC-06', 'AC-07', 'AC-08'];
    await Promise.all(codes.map((code) => updateControl(app.deps, scope, code, { status: 'in_progress' })));
    const chain = await app.deps.store.repos.auditLog.chain(scope);
    expect(chain.map((e) => e.seq)).toEqual(chain.map((_e, i) => i + 1));
    expect(chain.filter((e) => e.action === 'control.updated')).toHaveLength(codes.length);
    expect(await verifyAuditLog(app.deps, scope)).toMatchObject({ ok: true, entries: chain.length });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const { db } = app.database;
    await expect(
      db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('names the entry that was edited behind the trigger', async () => {
    const { db } = app.database;
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
    await db
      .updateTable('audit_log')
      .set({ details: JSON.stringify({ forged: true }) })
      .where('org_id', '=', scope.orgId)
      .where('seq', '=', 3)
      .execute();
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(db);
    expect(await verifyAuditLog(app.deps, scope)).toMatchObject({ ok: false, seq: 3, problem: 'altered' });
  });
});
