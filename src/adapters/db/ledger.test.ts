import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../../../test/support/database.ts';
import { monitoredOrg } from '../../../test/support/demo-provider.ts';
import { updateControl } from '../../app/controls/update-control.ts';
import { addEvidence } from '../../app/evidence/add-evidence.ts';
import { updateEvidence } from '../../app/evidence/update-evidence.ts';
import { ledgerSegment } from '../../app/ledger/ledger-segment.ts';
import { orgPublicKey, signWithOrgKey } from '../../app/ledger/signing-key.ts';
import { verifyOrgLedger } from '../../app/ledger/verify-org-ledger.ts';
import { runIntegration } from '../../app/monitoring/run-integration.ts';
import { resealSecrets } from '../../app/secrets/reseal-secrets.ts';
import { type TLedgerEntry, transitionsDigest, verifyLedger } from '../../domain/ledger.ts';
import { verifyEd25519 } from '../../domain/signature.ts';
import { createSecretBox, keyIdOf } from '../secrets/secret-box.ts';

let t: Awaited<ReturnType<typeof monitoredOrg>>;
const ledger = () => t.deps.store.repos.ledger.page(t.scope, 0, 10_000);
const pdf = (text: string) => ({ bytes: new TextEncoder().encode(text), fileName: `${text}.pdf` });

beforeAll(async () => {
  t = await monitoredOrg({ alice: true, bob: false });
});
afterAll(() => t.close());

describe(`the evidence ledger on ${ENGINE}`, () => {
  it('records evidence, monitoring runs and audit-log entries in one chain, in the order they happened', async () => {
    const evidence = await addEvidence(t.deps, t.scope, { ...pdf('backup-test'), controlCodes: ['AC-01'] });
    t.clock.advanceMinutes(60);
    const run = await runIntegration(t.deps, t.scope, t.integration);
    t.clock.advanceMinutes(60);
    const quiet = await runIntegration(t.deps, t.scope, t.integration);

    const entries = await ledger();
    expect(verifyLedger(entries)).toMatchObject({ ok: true, entries: entries.length });
    // Every audit-log entry, by its seq and chain hash, in order.
    const log = await t.deps.store.repos.auditLog.chain(t.scope);
    expect(entries.filter((e) => e.kind === 'audit_log').map((e) => [e.refId, e.digest])).toEqual(
      log.map((e) => [String(e.seq), e.hash]),
    );
    // Each record comes right before the audit-log entry that reports it.
    const after = (e: TLedgerEntry) => log.find((l) => String(l.seq) === entries[e.seq]?.refId)?.action;
    const evidenceEntry = entries.find((e) => e.kind === 'evidence');
    expect(evidenceEntry).toMatchObject({
      refId: evidence.id,
      occurredAt: evidence.collectedAt.toISOString(),
    });
    expect(after(evidenceEntry as TLedgerEntry)).toBe('evidence.added');
    const runEntries = entries.filter((e) => e.kind === 'test_transitions');
    expect(runEntries.map((e) => e.refId)).toEqual([run.id, quiet.id]);
    expect(runEntries.map(after)).toEqual(['integration.run', 'integration.run']);
    // The digest is the stored transitions' (two for the first run; none for the second, still recorded).
    const stored = await t.deps.store.repos.ledger.runTransitions(t.scope, run.id);
    expect(stored).toHaveLength(2);
    expect(runEntries[0]?.digest).toBe(transitionsDigest(run.id, stored));
    expect(runEntries[1]?.digest).toBe(transitionsDigest(quiet.id, []));

    expect(await verifyOrgLedger(t.deps, t.scope)).toEqual({
      ok: true,
      entries: entries.length,
      head: entries.at(-1)?.hash,
      kinds: { evidence: 1, test_transitions: 2, audit_log: log.length },
    });
  });

  it('records a new validity of an evidence item as a new entry, a new title alone not', async () => {
    const [item] = await t.deps.store.repos.evidence.list(t.scope);
    const before = (await ledger()).filter((e) => e.kind === 'evidence');
    await updateEvidence(t.deps, t.scope, item?.id ?? '', { title: 'Backup restore test' });
    expect((await ledger()).filter((e) => e.kind === 'evidence')).toEqual(before);
    await updateEvidence(t.deps, t.scope, item?.id ?? '', { validUntil: '2026-12-31' });
    const evidenceEntries = (await ledger()).filter((e) => e.kind === 'evidence');
    expect(evidenceEntries.map((e) => e.refId)).toEqual([item?.id, item?.id]);
    expect(evidenceEntries[1]?.digest).not.toBe(evidenceEntries[0]?.digest);
    expect(await verifyOrgLedger(t.deps, t.scope)).toMatchObject({ ok: true });
  });

  it('chains concurrent writers without a fork', async () => {
    await Promise.all([
      ...['a', 'b', 'c', 'd'].map((n) =>
        addEvidence(t.deps, t.scope, { ...pdf(n), controlCodes: ['AC-02'] }),
      ),
      updateControl(t.deps, t.scope, 'AC-03', { status: 'in_progress' }),
      runIntegration(t.deps, t.scope, t.integration),
    ]);
    const entries = await ledger();
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_e, i) => i + 1));
    expect(await verifyOrgLedger(t.deps, t.scope)).toMatchObject({
      ok: true,
      kinds: { evidence: 6, test_transitions: 3 },
    });
  });

  it('gives the entries of a period with the hash they chain onto', async () => {
    const entries = await ledger();
    const middle = entries[Math.floor(entries.length / 2)] as TLedgerEntry;
    const from = new Date(middle.occurredAt);
    const segment = await ledgerSegment(t.deps, t.scope, { from, to: new Date('2030-01-01') });
    const first = entries.find((e) => e.occurredAt >= middle.occurredAt) as TLedgerEntry;
    expect(segment.entries[0]?.seq).toBe(first.seq);
    expect(segment.entries.at(-1)?.seq).toBe(entries.length);
    expect(segment.anchorPrevHash).toBe(entries[first.seq - 2]?.hash);
    expect(verifyLedger(segment.entries, { anchorPrevHash: segment.anchorPrevHash })).toMatchObject({
      ok: true,
      head: entries.at(-1)?.hash,
    });
    const none = await ledgerSegment(t.deps, t.scope, {
      from: new Date('2030-01-01'),
      to: new Date('2030-02-01'),
    });
    expect(none).toEqual({ anchorPrevHash: entries.at(-1)?.hash, entries: [] });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of ledger entries in the database itself', async () => {
    const { db } = t.database;
    await expect(
      db.updateTable('ledger_entries').set({ ref_id: 'x' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('ledger_entries').where('seq', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`TRUNCATE ledger_entries`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('names the entry whose record was changed behind the application, and passes once it is restored', async () => {
    const { db } = t.database;
    const entries = await ledger();
    const runEntry = entries.find((e) => e.kind === 'test_transitions') as TLedgerEntry;
    const transition = await db
      .selectFrom('test_transitions')
      .select(['id', 'to_status'])
      .where('run_id', '=', runEntry.refId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('test_transitions')
      .set({ to_status: transition.to_status === 'pass' ? 'fail' : 'pass' })
      .where('id', '=', transition.id)
      .execute();
    expect(await verifyOrgLedger(t.deps, t.scope)).toMatchObject({
      ok: false,
      seq: runEntry.seq,
      problem: 'altered',
      message: `entry ${runEntry.seq} (monitoring run ${runEntry.refId}, ${runEntry.occurredAt}) was altered: the run's 2 stored test-result transitions no longer match its digest`,
    });
    // Only the chain: the record is not read.
    expect(await verifyOrgLedger(t.deps, t.scope, { content: false })).toMatchObject({ ok: true });
    await db
      .updateTable('test_transitions')
      .set({ to_status: transition.to_status })
      .where('id', '=', transition.id)
      .execute();

    const latest = entries.filter((e) => e.kind === 'evidence').at(-1) as TLedgerEntry;
    await db.updateTable('evidence').set({ size_bytes: 999_999 }).where('id', '=', latest.refId).execute();
    expect(await verifyOrgLedger(t.deps, t.scope)).toMatchObject({
      ok: false,
      seq: latest.seq,
      problem: 'altered',
      message: expect.stringMatching(
        new RegExp(
          `^entry ${latest.seq} \\(evidence ${latest.refId}, .+\\) was altered: the evidence item's`,
        ),
      ),
    });
    await db.deleteFrom('evidence').where('id', '=', latest.refId).execute();
    expect(await verifyOrgLedger(t.deps, t.scope)).toMatchObject({
      ok: false,
      seq: latest.seq,
      problem: 'missing',
    });
  });

  it('names an entry edited behind the trigger', async () => {
    const { db } = t.database;
    await sql`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`.execute(db);
    try {
      await db
        .updateTable('ledger_entries')
        .set({ occurred_at: new Date('2020-01-01T00:00:00Z') })
        .where('org_id', '=', t.scope.orgId)
        .where('seq', '=', 2)
        .execute();
    } finally {
      await sql`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only`.execute(db);
    }
    expect(await verifyOrgLedger(t.deps, t.scope, { content: false })).toMatchObject({
      ok: false,
      seq: 2,
      problem: 'altered',
      message: expect.stringMatching(
        /^entry 2 \(audit-log entry \d+, 2020-01-01T00:00:00.000Z\) was altered/,
      ),
    });
  });
});

describe(`the organization's signing key on ${ENGINE}`, () => {
  it('is created once, sealed, signs verifiably, and is re-sealed under a new master key', async () => {
    const key = await orgPublicKey(t.deps, t.scope);
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(key.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(await orgPublicKey(t.deps, t.scope)).toEqual(key);
    const log = await t.deps.store.repos.auditLog.chain(t.scope);
    expect(log.filter((e) => e.action === 'ledger.signing_key_created')).toHaveLength(1);
    const stored = await t.deps.store.repos.signingKeys.find(t.scope);
    expect(stored?.privateKeySealed).toMatch(/^v1\./);
    expect(stored?.privateKeySealed).not.toContain('PRIVATE KEY');

    const data = new TextEncoder().encode('head');
    const signed = await signWithOrgKey(t.deps, t.scope, data);
    expect(signed).toMatchObject(key);
    expect(verifyEd25519(key.publicKeyPem, data, signed.signature)).toBe(true);

    const newKey = new Uint8Array(32).fill(8);
    const to = createSecretBox({ current: { id: keyIdOf(newKey), key: newKey } });
    await resealSecrets(t.deps, await t.deps.secrets(), to, keyIdOf(newKey));
    const resealed = await t.deps.store.repos.signingKeys.find(t.scope);
    expect(resealed?.privateKeySealed).toMatch(new RegExp(`^v1\\.${keyIdOf(newKey)}\\.`));
    const deps = { ...t.deps, secrets: async () => to };
    const again = await signWithOrgKey(deps, t.scope, data);
    expect(verifyEd25519(key.publicKeyPem, data, again.signature)).toBe(true);
    // The key itself is never replaced.
    await expect(
      t.database.db
        .updateTable('org_signing_keys')
        .set({ fingerprint: 'f'.repeat(64) })
        .execute(),
    ).rejects.toThrow(/never replaced/);
  });
});
