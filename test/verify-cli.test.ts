import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/adapters/db/connect.ts';
import { cliWorkspace } from './support/cli.ts';
import { ENGINE } from './support/database.ts';

// `attestly verify`: the evidence ledger of the live organization, from the command line. Tampering is done
// as an attacker with the database would: rows changed directly, the ledger's trigger switched off.

let ws: Awaited<ReturnType<typeof cliWorkspace>>;
const PLAN = join(import.meta.dirname, 'fixtures/terraform/plan.json');

beforeAll(async () => {
  ws = await cliWorkspace();
});
afterAll(() => ws.drop());

async function withDatabase(fn: (db: Database['db']) => Promise<void>): Promise<void> {
  const database = await openDatabase(
    ws.env.DATABASE_URL
      ? { kind: 'postgres', url: ws.env.DATABASE_URL }
      : { kind: 'pglite', dataDir: ws.dataDir },
  );
  try {
    await fn(database.db);
  } finally {
    await database.close();
  }
}

describe(`attestly verify on ${ENGINE}`, () => {
  it('passes on an intact ledger, names the entry whose evidence or ledger row was changed, and exits 8', async () => {
    expect((await ws.run('init', '--name', 'Acme', '--type', 'type1', '--as-of', '2026-12-31')).code).toBe(0);
    const empty = await ws.run('verify');
    expect(empty).toMatchObject({ code: 0, stderr: '' });

    const file = join(ws.dataDir, 'backup-restore.txt');
    writeFileSync(file, 'restore tested on 2026-03-01\n');
    expect((await ws.run('evidence', 'add', file, '--control', 'AC-01')).code).toBe(0);
    const config = JSON.stringify({ path: PLAN });
    expect(
      (await ws.run('integrations', 'add', '--type', 'terraform', '--name', 'iac', '--config', config)).code,
    ).toBe(0);
    expect((await ws.run('integrations', 'run', 'iac')).code).toBe(0);

    const ok = await ws.run('verify');
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(
      /^The evidence ledger of acme is intact: \d+ entries \(1 evidence, 1 monitoring runs, \d+ audit-log entries\), head [0-9a-f]{64}\.$/,
    );
    const verdict = JSON.parse((await ws.run('verify', '--json', '--org', 'acme')).stdout);
    expect(verdict).toMatchObject({ ok: true, kinds: { evidence: 1, test_transitions: 1 } });

    // The evidence file's recorded size, changed in its row.
    let evidenceSeq = 0;
    let evidenceId = '';
    await withDatabase(async (db) => {
      const entry = await db
        .selectFrom('ledger_entries')
        .select(['seq', 'ref_id'])
        .where('kind', '=', 'evidence')
        .executeTakeFirstOrThrow();
      evidenceSeq = entry.seq;
      evidenceId = entry.ref_id;
      await db.updateTable('evidence').set({ size_bytes: 1 }).where('id', '=', evidenceId).execute();
    });
    const altered = await ws.run('verify');
    expect(altered.code).toBe(8);
    expect(altered.stdout).toBe('');
    expect(altered.stderr).toMatch(
      new RegExp(
        `^attestly: error: the evidence ledger does not verify: entry ${evidenceSeq} \\(evidence ${evidenceId}, 20\\d\\d-[^)]+\\) was altered: `,
      ),
    );
    const json = await ws.run('verify', '--json');
    expect(json.code).toBe(8);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, seq: evidenceSeq, problem: 'altered' });

    // Put the row back, then edit a ledger entry behind its trigger.
    await withDatabase(async (db) => {
      await db
        .updateTable('evidence')
        .set({ size_bytes: 'restore tested on 2026-03-01\n'.length })
        .where('id', '=', evidenceId)
        .execute();
      await sql`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`.execute(db);
      await db.updateTable('ledger_entries').set({ ref_id: '999999' }).where('seq', '=', 3).execute();
      await sql`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only`.execute(db);
    });
    const edited = await ws.run('verify');
    expect(edited.code).toBe(8);
    expect(edited.stderr).toMatch(
      /^attestly: error: the evidence ledger does not verify: entry 3 \(audit-log entry 999999, .+\) was altered: its content does not match its hash$/,
    );
  }, 300_000);

  it('refuses an argument it cannot verify', async () => {
    expect(await ws.run('verify', 'notes.txt')).toMatchObject({
      code: 2,
      stderr: 'attestly: error: cannot verify "notes.txt"; run "attestly verify" without it',
    });
  });
});
