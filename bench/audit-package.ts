import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { createFsBlobStore } from '../src/adapters/blobs/fs-blob-store.ts';
import { openDatabase } from '../src/adapters/db/connect.ts';
import { createStore } from '../src/adapters/db/create-store.ts';
import { migrate } from '../src/adapters/db/migrate.ts';
import type { DB } from '../src/adapters/db/schema.ts';
import { createOpenIdClient } from '../src/adapters/oidc/openid-client.ts';
import { createArgon2Hasher } from '../src/adapters/passwords/argon2-hasher.ts';
import { writeXlsx } from '../src/adapters/reports/xlsx.ts';
import { createSecretBox, keyIdOf } from '../src/adapters/secrets/secret-box.ts';
import { readZip } from '../src/adapters/zip/read-zip.ts';
import { writableSink } from '../src/adapters/zip/stream-sink.ts';
import { createZipWriter } from '../src/adapters/zip/zip-writer.ts';
import { recordChange } from '../src/app/audit/record-change.ts';
import { buildAuditPackage } from '../src/app/audit-package/build-audit-package.ts';
import { createAudit } from '../src/app/audits/create-audit.ts';
import { seedDemo } from '../src/app/demo/seed-demo.ts';
import { type AppDeps, type OrgScope, scopeOf, type TOrganization } from '../src/app/ports.ts';
import { initProgram } from '../src/app/program/init-program.ts';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { chainHash, GENESIS_HASH, type TChainEntry } from '../src/domain/audit-chain.ts';
import { verifyPackage } from '../src/domain/audit-package/verify-package.ts';
import {
  ledgerHash,
  type TLedgerKind,
  type TTransitionFacts,
  transitionsDigest,
} from '../src/domain/ledger.ts';
import { mediaTypeFor } from '../src/domain/media-type.ts';
import { COLLECTORS, testLibrary } from '../src/entry/monitoring.ts';

// The audit package benchmark: node bench/audit-package.ts [--resources 10000] [--evidence 1000]
// [--days 365] [--skip-demo]. A large organization is generated: a year of hourly monitoring runs over
// --resources resources (three tests each; the first run records every pair, later runs only the pairs
// whose status changed: a few dozen flips an hour and a resource replaced now and then), each run with its
// audit-log entry and ledger entries, written in bulk with SQL on an embedded database on disk; and
// --evidence evidence files (PDFs and images that do not compress, CSV exports that do) collected through
// the year. Then the package of its audit is exported to a file and verified, and the same is done for the
// demo organization. Figures: wall time, package size and the process's peak resident memory.

const { values } = parseArgs({
  options: {
    resources: { type: 'string', default: '10000' },
    evidence: { type: 'string', default: '1000' },
    days: { type: 'string', default: '365' },
    'skip-demo': { type: 'boolean', default: false },
    scenario: { type: 'string' },
  },
  strict: true,
});
const RESOURCES = Number(values.resources);
const EVIDENCE = Number(values.evidence);
const DAYS = Number(values.days);
const YEAR_START = Date.parse('2025-01-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 1000;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const mib = (bytes: number) =>
  bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(0)} KiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A small deterministic generator, so two runs of the benchmark build the same organization. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function openDeps(dir: string, now: () => Date) {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pgdata') });
  await migrate(database);
  const key = new Uint8Array(32).fill(3);
  const deps: AppDeps = {
    store: createStore(database.db),
    blobs: createFsBlobStore(join(dir, 'blobs')),
    clock: { now },
    newId: () => crypto.randomUUID(),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    passwords: createArgon2Hasher({ memoryKiB: 1024, iterations: 1, parallelism: 1 }),
    mailer: { delivers: false, send: async () => {} },
    secrets: async () => createSecretBox({ current: { id: keyIdOf(key), key } }),
    catalog: loadCatalog(),
    monitoring: { collectors: COLLECTORS, library: testLibrary() },
    actor: { type: 'system', id: 'bench', requestId: null, sourceAddress: null },
    oidc: createOpenIdClient(),
  };
  return { deps, db: database.db, close: () => database.close() };
}

async function insertBatches<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: unknown[]) {
  for (let at = 0; at < rows.length; at += BATCH) {
    await db
      .insertInto(table)
      .values(rows.slice(at, at + BATCH) as never)
      .execute();
  }
}

/** The heads of the organization's audit log and ledger, to chain a day's bulk rows onto. */
async function heads(db: Kysely<DB>, orgId: string) {
  const audit = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('org_id', '=', orgId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const ledger = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'hash'])
    .where('org_id', '=', orgId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    audit: { seq: Number(audit?.seq ?? 0), hash: audit?.hash ?? GENESIS_HASH },
    ledger: { seq: Number(ledger?.seq ?? 0), hash: ledger?.hash ?? GENESIS_HASH },
  };
}

interface TPairStatus {
  status: 'pass' | 'fail';
  since: Date;
}

/** A year of hourly runs of one integration, a day at a time, each with its audit-log and ledger entries. */
async function generateLargeOrganization(dir: string) {
  const clock = { at: new Date(YEAR_START) };
  const app = await openDeps(dir, () => clock.at);
  const { deps, db } = app;
  const { org } = await initProgram(deps, {
    name: 'Large Corp',
    slug: 'large',
    reportType: 'type2',
    windowStart: '2025-01-01',
    windowEnd: '2025-12-31',
    categories: ['availability', 'confidentiality'],
    componentKinds: ['software'],
    components: [],
  });
  const scope = scopeOf(org);
  const audit = await createAudit(deps, scope, { firmName: 'Benchmark & Co' });
  const integrationId = crypto.randomUUID();
  await deps.store.repos.monitoring.createIntegration(scope, {
    id: integrationId,
    type: 'bench',
    name: 'fleet',
    configSealed: 'not used by the benchmark',
    scheduleMinutes: 60,
    enabled: true,
    status: 'ok',
    lastError: null,
    lastRunAt: null,
    nextRunAt: new Date(YEAR_START),
    createdAt: new Date(YEAR_START),
    delivery: 'collected',
  });
  const { library } = deps.monitoring;
  const byType = new Map<string, string[]>();
  for (const t of library.tests) byType.set(t.resourceType, [...(byType.get(t.resourceType) ?? []), t.id]);
  const [resourceType, testIds] = [...byType].find(([, ids]) => ids.length >= 3) ?? ['', []];
  const tests = testIds.slice(0, 3);
  const controls = (await deps.store.repos.controls.list(scope)).map((c) => c.id);

  const random = prng(42);
  const states = new Map<string, Map<string, TPairStatus>>(tests.map((t) => [t, new Map()]));
  let nextResource = 0;
  const newResource = () => `host-${String(++nextResource).padStart(6, '0')}`;
  const resources: string[] = Array.from({ length: RESOURCES }, newResource);
  let transitionRows = 0;
  let runs = 0;
  let evidenceFiles = 0;
  let evidenceBytes = 0;
  const evidencePerDay = EVIDENCE / DAYS;

  for (let day = 0; day < DAYS; day++) {
    const head = await heads(db, org.id);
    let auditHead = head.audit;
    let ledgerHead = head.ledger;
    const runRows: unknown[] = [];
    const transitions: unknown[] = [];
    const auditRows: unknown[] = [];
    const ledgerRows: unknown[] = [];
    const appendLedger = (at: Date, kind: TLedgerKind, refId: string, digest: string) => {
      const content = { seq: ledgerHead.seq + 1, occurredAt: at.toISOString(), kind, refId, digest };
      const hash = ledgerHash(ledgerHead.hash, content);
      ledgerRows.push({
        org_id: org.id,
        seq: content.seq,
        occurred_at: at,
        kind,
        ref_id: refId,
        digest,
        prev_hash: ledgerHead.hash,
        hash,
      });
      ledgerHead = { seq: content.seq, hash };
    };
    for (let hour = 0; hour < 24; hour++) {
      const at = new Date(YEAR_START + day * DAY + hour * HOUR);
      const runId = crypto.randomUUID();
      const facts: TTransitionFacts[] = [];
      const change = (testId: string, resourceId: string, to: 'pass' | 'fail' | null) => {
        const byResource = states.get(testId);
        const before = byResource?.get(resourceId)?.status ?? null;
        if (to === null) byResource?.delete(resourceId);
        else byResource?.set(resourceId, { status: to, since: at });
        facts.push({ testId, resourceId, fromStatus: before, toStatus: to, at: at.toISOString() });
      };
      if (runs === 0) {
        for (const t of tests) for (const r of resources) change(t, r, random() < 0.9 ? 'pass' : 'fail');
      } else {
        const flips = 20 + Math.floor(random() * 20);
        for (let i = 0; i < flips; i++) {
          const t = tests[Math.floor(random() * tests.length)] ?? '';
          const r = resources[Math.floor(random() * resources.length)] ?? '';
          const now = states.get(t)?.get(r)?.status;
          if (now) change(t, r, now === 'pass' ? 'fail' : 'pass');
        }
        if (runs % 5 === 0) {
          const slot = Math.floor(random() * resources.length);
          const gone = resources[slot] ?? '';
          const added = newResource();
          resources[slot] = added;
          for (const t of tests) change(t, gone, null);
          for (const t of tests) change(t, added, 'pass');
        }
      }
      runs += 1;
      transitionRows += facts.length;
      runRows.push({
        id: runId,
        org_id: org.id,
        integration_id: integrationId,
        started_at: at,
        finished_at: at,
        status: 'succeeded',
        error: null,
        resources: resources.length,
        passed: 0,
        failed: 0,
        errors: 0,
        not_applicable: 0,
        transitions: facts.length,
        snapshot_sha256: null,
        snapshot_blob_key: null,
        scheduled_for: at,
      });
      for (const f of facts) {
        transitions.push({
          org_id: org.id,
          integration_id: integrationId,
          run_id: runId,
          test_id: f.testId,
          resource_id: f.resourceId,
          from_status: f.fromStatus,
          to_status: f.toStatus,
          reason: f.toStatus === null ? 'the resource is no longer there' : `bench ${f.toStatus}`,
          at,
        });
      }
      appendLedger(at, 'test_transitions', runId, transitionsDigest(runId, facts));
      const entry: TChainEntry = {
        orgId: org.id,
        seq: auditHead.seq + 1,
        occurredAt: at,
        actorType: 'system',
        actor: 'scheduler',
        action: 'integration.run',
        targetType: 'integration',
        targetId: integrationId,
        details: { run: runId, transitions: facts.length },
        requestId: null,
        sourceAddress: null,
      };
      const hash = chainHash(auditHead.hash, entry);
      auditRows.push({
        org_id: org.id,
        seq: entry.seq,
        occurred_at: at,
        actor_type: entry.actorType,
        actor: entry.actor,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        details: JSON.stringify(entry.details),
        request_id: null,
        source_address: null,
        prev_hash: auditHead.hash,
        hash,
      });
      appendLedger(at, 'audit_log', String(entry.seq), hash);
      auditHead = { seq: entry.seq, hash };
    }
    await db.transaction().execute(async (trx) => {
      await insertBatches(trx, 'monitor_runs', runRows);
      await insertBatches(trx, 'test_transitions', transitions);
      await insertBatches(trx, 'audit_log', auditRows);
      await insertBatches(trx, 'ledger_entries', ledgerRows);
    });

    // The day's evidence, collected after its last run, through the repositories (ledger included).
    const due = Math.round((day + 1) * evidencePerDay) - evidenceFiles;
    for (let i = 0; i < due; i++) {
      clock.at = new Date(YEAR_START + day * DAY + 23 * HOUR + 30 * 60_000 + i * 1000);
      const kind = evidenceFiles % 5;
      const size = 20_000 + Math.floor(random() * 200_000);
      const fileName =
        kind < 2
          ? `report-${evidenceFiles}.pdf`
          : kind < 4
            ? `export-${evidenceFiles}.csv`
            : `screen-${evidenceFiles}.png`;
      const bytes =
        kind >= 2 && kind < 4
          ? new TextEncoder().encode(
              Array.from(
                { length: Math.ceil(size / 40) },
                (_, n) => `user-${n},${n % 3 ? 'on' : 'off'},2025-01-01\n`,
              ).join(''),
            )
          : new Uint8Array(randomBytes(size));
      const blob = await deps.blobs.put(bytes);
      const id = crypto.randomUUID();
      const validFrom = clock.at.toISOString().slice(0, 10);
      const validUntil =
        evidenceFiles % 3 === 0 ? null : new Date(clock.at.getTime() + 90 * DAY).toISOString().slice(0, 10);
      const linked = [
        controls[evidenceFiles % controls.length],
        controls[(evidenceFiles * 7) % controls.length],
      ];
      await deps.store.transaction(async (repos) => {
        await repos.evidence.insert(
          scope,
          {
            id,
            title: fileName,
            fileName,
            mediaType: mediaTypeFor(fileName),
            sizeBytes: blob.sizeBytes,
            sha256: blob.sha256,
            blobKey: blob.key,
            source: 'upload',
            validFrom,
            validUntil,
            collectedAt: clock.at,
          },
          [...new Set(linked.filter((c): c is string => c !== undefined))],
          null,
        );
        await recordChange(
          repos,
          scope,
          deps,
          'evidence.added',
          { type: 'evidence', id },
          { sha256: blob.sha256 },
        );
      });
      evidenceFiles += 1;
      evidenceBytes += bytes.byteLength;
    }
    if ((day + 1) % 30 === 0) process.stderr.write(`bench: generated ${day + 1} of ${DAYS} days\n`);
  }

  const stateRows: unknown[] = [];
  for (const [testId, byResource] of states) {
    for (const [resourceId, s] of byResource) {
      stateRows.push({
        org_id: org.id,
        integration_id: integrationId,
        test_id: testId,
        resource_id: resourceId,
        resource_type: resourceType,
        resource_name: resourceId,
        status: s.status,
        reason: `bench ${s.status}`,
        fields: '{}',
        since: s.since,
      });
    }
  }
  await insertBatches(db, 'test_states', stateRows);
  clock.at = new Date('2026-01-15T09:00:00Z');
  return { app, org, scope, auditId: audit.id, runs, transitionRows, evidenceFiles, evidenceBytes };
}

async function measure(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  auditId: string | undefined,
  dir: string,
) {
  const path = join(dir, `${org.slug}.zip`);
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  const started = performance.now();
  const stream = createWriteStream(path);
  const result = await buildAuditPackage(
    deps,
    scope,
    org,
    { auditId },
    {
      archive: createZipWriter(writableSink(stream), { mtime: deps.clock.now() }),
      writeWorkbook: writeXlsx,
      progress: (message) => process.stderr.write(`bench: ${secs(performance.now() - started)} ${message}\n`),
    },
  );
  stream.end();
  await finished(stream);
  const exportMs = performance.now() - started;
  const exportPeak = peakRss;

  peakRss = process.memoryUsage().rss;
  const verifyStarted = performance.now();
  const { files, duplicates } = readZip(new Uint8Array(readFileSync(path)));
  const report = verifyPackage({ files, duplicatePaths: duplicates });
  const verifyMs = performance.now() - verifyStarted;
  if (!report.ok) throw new Error(`the package does not verify: ${report.findings[0]?.message}`);
  return {
    rssBefore,
    exportMs,
    exportPeak,
    verifyMs,
    verifyPeak: peakRss,
    bytes: statSync(path).size,
    files: result.files,
    evidence: result.evidence,
    ledgerEntries: result.ledgerEntries,
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12),
  };
}

function print(name: string, m: Awaited<ReturnType<typeof measure>>) {
  console.log(
    `${name}: export ${secs(m.exportMs)} (peak RSS ${mib(m.exportPeak)}, ${mib(m.rssBefore)} before it), verify ${secs(m.verifyMs)} (peak RSS ${mib(m.verifyPeak)}); ` +
      `${mib(m.bytes)} zip, ${m.files} files, ${m.evidence} evidence files, ${m.ledgerEntries} ledger entries`,
  );
}

async function runLarge(root: string) {
  const generateStarted = performance.now();
  const large = await generateLargeOrganization(join(root, 'large'));
  console.log(
    `large organization: ${large.runs} runs, ${large.transitionRows} transitions, ${large.evidenceFiles} evidence files (${mib(large.evidenceBytes)}), generated in ${secs(performance.now() - generateStarted)}`,
  );
  try {
    print('large organization', await measure(large.app.deps, large.org, large.scope, large.auditId, root));
  } finally {
    await large.app.close();
  }
}

async function runDemo(root: string) {
  const demo = await openDeps(join(root, 'demo'), () => new Date());
  try {
    const seeded = await seedDemo(demo.deps);
    const audits = await demo.deps.store.repos.audits.list(scopeOf(seeded.org));
    print(
      `demo organization${audits[0] ? ' (its audit)' : " (the program's period)"}`,
      await measure(demo.deps, seeded.org, scopeOf(seeded.org), audits[0]?.id, root),
    );
  } finally {
    await demo.close();
  }
}

/** Each scenario in a process of its own, so one's memory does not count in the other's peak. */
function child(scenario: string): Promise<number> {
  const args = [fileURLToPath(import.meta.url), '--scenario', scenario, ...process.argv.slice(2)];
  const spawned = spawn(process.execPath, args, { stdio: 'inherit' });
  return new Promise((resolve) => spawned.on('close', (code) => resolve(code ?? 1)));
}

if (values.scenario === undefined) {
  clearInterval(sampler);
  const large = await child('large');
  const demo = values['skip-demo'] ? 0 : await child('demo');
  process.exitCode = large || demo;
} else {
  const root = mkdtempSync(join(tmpdir(), 'attestly-bench-package-'));
  try {
    await (values.scenario === 'demo' ? runDemo(root) : runLarge(root));
  } finally {
    clearInterval(sampler);
    rmSync(root, { recursive: true, force: true });
  }
}
