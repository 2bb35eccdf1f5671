import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { ENGINE } from '../../../test/support/database.ts';
import { demoSystem } from '../../../test/support/demo-provider.ts';
import { expectGolden } from '../../../test/support/golden.ts';
import { xlsxCells } from '../../../test/support/xlsx-cells.ts';
import { writeXlsx } from '../../adapters/reports/xlsx.ts';
import { readZip } from '../../adapters/zip/read-zip.ts';
import { createZipWriter } from '../../adapters/zip/zip-writer.ts';
import { verifyPackage } from '../../domain/audit-package/verify-package.ts';
import { attachRequestEvidence } from '../audits/attach-request-evidence.ts';
import { createAudit } from '../audits/create-audit.ts';
import { createAuditRequest } from '../audits/create-audit-request.ts';
import { drawAuditSample } from '../audits/draw-sample.ts';
import { updateControl } from '../controls/update-control.ts';
import { addEvidence } from '../evidence/add-evidence.ts';
import { updateEvidence } from '../evidence/update-evidence.ts';
import { addIntegration } from '../monitoring/add-integration.ts';
import { runIntegration } from '../monitoring/run-integration.ts';
import { scopeOf } from '../ports.ts';
import { initProgram } from '../program/init-program.ts';
import { buildAuditPackage } from './build-audit-package.ts';

// The audit package of one small organization built through the use-cases with a fixed clock and
// sequential ids: two evidence files (one edited later), two monitoring runs, a population, an audit with
// requests and a sample. The package must verify offline, and its control matrix is kept as a golden cell
// dump (test/golden/control-matrix.xlsx.txt; UPDATE_GOLDEN=1 rewrites it).

const encode = (text: string) => new TextEncoder().encode(text);

async function fixture() {
  const demo = demoSystem({ ada: true, bob: false });
  const app = await testApp(new Date('2026-01-05T09:00:00Z'), { monitoring: demo.monitoring });
  const { deps, clock } = app;
  const { org } = await initProgram(deps, {
    name: 'Initech',
    slug: 'initech',
    ownerEmail: 'peter@initech.test',
    reportType: 'type2',
    windowStart: '2026-01-01',
    windowEnd: '2026-06-30',
    categories: [],
    componentKinds: ['software'],
    components: [],
  });
  const scope = scopeOf(org);
  await updateControl(deps, scope, 'AC-01', { status: 'implemented' });
  await updateControl(deps, scope, 'AC-02', { status: 'in_progress' });
  const review = await addEvidence(deps, scope, {
    bytes: encode('%PDF-1.4\nQuarterly access review, all accounts confirmed\n%%EOF\n'),
    fileName: 'access-review.pdf',
    title: 'Access review Q1',
    controlCodes: ['AC-01'],
    validUntil: '2026-03-31',
  });
  const mfa = await addEvidence(deps, scope, {
    bytes: encode('user,mfa\nada,on\nbob,off\n'),
    fileName: '-mfa-export.csv',
    controlCodes: ['AC-02', 'AC-01'],
  });
  const integration = await addIntegration(deps, scope, {
    type: 'demo',
    name: 'directory',
    config: { token: 't' },
  });
  clock.set(new Date('2026-01-06T10:00:00Z'));
  await runIntegration(deps, scope, integration);
  clock.set(new Date('2026-01-07T10:00:00Z'));
  demo.system.users.bob = true;
  await runIntegration(deps, scope, integration);
  clock.set(new Date('2026-01-10T10:00:00Z'));
  await updateEvidence(deps, scope, review.id, { validUntil: '2026-04-30' });
  await deps.store.repos.populations.upsert(
    scope,
    ['#11', '#12', '#13'].map((id, i) => ({
      kind: 'change' as const,
      externalId: `initech/app${id}`,
      occurredAt: new Date(`2026-01-0${i + 2}T12:00:00Z`),
      title: `Merge pull request ${id}`,
      attributes: { approvals: i, author: i === 1 ? '=HYPERLINK("x")' : 'milton' },
      source: { kind: 'import' as const, ref: 'changes.csv', collectedAt: new Date('2026-01-10T10:00:00Z') },
    })),
  );
  const audit = await createAudit(deps, scope, { firmName: 'Chotchkie & Co' });
  const r1 = await createAuditRequest(deps, scope, audit.id, {
    title: 'Access review evidence',
    controlCode: 'AC-01',
  });
  await createAuditRequest(deps, scope, audit.id, { title: 'List of changes', dueDate: '2026-02-15' });
  await attachRequestEvidence(deps, scope, audit.id, r1.id, [review.id]);
  const sample = await drawAuditSample(deps, scope, audit, {
    controlCode: 'AC-01',
    kind: 'change',
    size: 2,
    seed: '0123456789abcdef0123456789abcdef',
  });
  clock.set(new Date('2026-02-01T08:00:00Z'));
  return { ...app, org, scope, audit, review, mfa, sample };
}

async function packageBytes(f: Awaited<ReturnType<typeof fixture>>, auditId?: string) {
  const chunks: Uint8Array[] = [];
  const progress: string[] = [];
  const result = await buildAuditPackage(
    f.deps,
    f.scope,
    f.org,
    { auditId },
    {
      archive: createZipWriter(
        { write: async (c) => void chunks.push(new Uint8Array(c)) },
        { mtime: f.clock.now() },
      ),
      writeWorkbook: writeXlsx,
      progress: (m) => progress.push(m),
    },
  );
  return { result, progress, ...readZip(new Uint8Array(Buffer.concat(chunks))) };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

let f: Awaited<ReturnType<typeof fixture>>;
beforeAll(async () => {
  f = await fixture();
}, 120_000);
afterAll(() => f?.close());

describe(`the audit package of a small organization on ${ENGINE}`, () => {
  it('holds the audit period’s evidence, testing files and ledger, and verifies offline', async () => {
    const { result, files, duplicates, progress } = await packageBytes(f, f.audit.id);
    expect(duplicates).toEqual([]);
    expect(result).toMatchObject({
      auditId: f.audit.id,
      period: { from: '2026-01-01', to: '2026-06-30' },
      generatedAt: '2026-02-01T08:00:00.000Z',
      evidence: 2,
      fileName: 'attestly-initech-2026-01-01-2026-06-30.zip',
    });
    expect(progress[0]).toBe('reading the ledger and the controls for 2026-01-01 to 2026-06-30');

    const report = verifyPackage({ files });
    expect(report.findings).toEqual([]);
    expect(report.checked).toMatchObject({ evidence: 2, supersededEvidence: 1, runs: 2 });
    expect(report.checked.auditLogEntries).toBeGreaterThan(10);

    const manifest = JSON.parse(text(files.get('manifest.json')));
    expect(manifest.files.map((m: { path: string }) => m.path)).toEqual(
      [...files.keys()].filter((p) => p !== 'manifest.json' && p !== 'manifest.sig').sort(),
    );
    expect(manifest.organization).toEqual({ name: 'Initech', slug: 'initech' });
    expect(manifest.ledger.entries).toBe(
      text(files.get('ledger/segment.jsonl')).trimEnd().split('\n').length,
    );

    expect(files.has(`evidence/${f.review.id}/access-review.pdf`)).toBe(true);
    expect(files.has(`evidence/${f.mfa.id}/-mfa-export.csv`)).toBe(true);
    const index = text(files.get('evidence/index.csv')).split('\r\n');
    expect(index[0]).toBe(
      'id,sha256,fileName,mediaType,sizeBytes,validFrom,validUntil,collectedAt,ledgerSeq,path,title,controls,source',
    );
    expect(index.find((l) => l.startsWith(f.mfa.id))).toContain(",'-mfa-export.csv,text/csv,");

    const requests = text(files.get('requests.csv')).trimEnd().split('\r\n');
    expect(requests).toEqual([
      'ref,title,description,control,criterion,dueDate,status,flagReason,evidence',
      `R-001,Access review evidence,,AC-01,,,submitted,,${f.review.id}`,
      'R-002,List of changes,,,,2026-02-15,open,,',
    ]);
    const changes = text(files.get('populations/change.csv')).trimEnd().split('\r\n');
    expect(changes[0]).toBe('externalId,occurredAt,title,sourceKind,sourceRef,collectedAt,approvals,author');
    expect(changes[2]).toContain(`,1,"'=HYPERLINK(""x"")"`);
    expect(text(files.get('populations/hire.csv'))).toBe(
      'externalId,occurredAt,title,sourceKind,sourceRef,collectedAt\r\n',
    );
    expect(text(files.get('samples/samples.csv'))).toContain(`${f.sample.id},AC-01,change,0123456789abcdef`);
    expect(
      text(files.get(`samples/${f.sample.id}.csv`))
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(3);
    const coverage = text(files.get('timelines/coverage.csv')).split('\r\n');
    expect(coverage[0]).toBe('control,coverage,exceptions,details');
    expect(coverage.some((l) => l.startsWith('AC-02,'))).toBe(true);
    const days = text(files.get('timelines/days.csv')).split('\r\n');
    expect(days).toContain('AC-02,2026-01-06,failed,valid');
    // Bob failed until the second run on the 7th; no run after it.
    expect(days).toContain('AC-02,2026-01-07,failed,valid');
    expect(days).toContain('AC-02,2026-01-08,not_run,valid');

    const transitions = [...files.keys()].filter((p) => p.startsWith('ledger/transitions/'));
    expect(transitions).toHaveLength(2);
    const lines = transitions.map((p) =>
      text(files.get(p))
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    );
    expect(
      lines
        .flat()
        .map((t) => [t.resourceId, t.fromStatus, t.toStatus])
        .sort(),
    ).toEqual([
      ['ada', null, 'pass'],
      ['bob', null, 'fail'],
      ['bob', 'fail', 'pass'],
    ]);
    const log = await f.deps.store.repos.auditLog.chain(f.scope);
    expect(log.at(-1)).toMatchObject({ action: 'audit_package.exported', targetId: result.manifestSha256 });
  });

  it('keeps the control matrix as a golden cell dump, in the same bytes each time', async () => {
    const first = await packageBytes(f, f.audit.id);
    const second = await packageBytes(f, f.audit.id);
    const xlsx = first.files.get('control-matrix.xlsx') ?? new Uint8Array();
    expect(Buffer.from(second.files.get('control-matrix.xlsx') ?? []).equals(Buffer.from(xlsx))).toBe(true);
    const cells = xlsxCells(xlsx);
    expectGolden('control-matrix.xlsx.txt', `${cells.join('\n')}\n`);
    expect(cells).toContain('Controls!A1\tControl');
    expect(cells).toContain(`Evidence!A2\t${[f.review.id, f.mfa.id].sort()[0]}`);
    expect(cells.filter((c) => c.startsWith('Tests!C'))).toEqual(['Tests!C1\tControl', 'Tests!C2\tAC-02']);
  });

  it('covers the program’s period without an audit: no requests, no samples', async () => {
    const { result, files } = await packageBytes(f);
    expect(result.auditId).toBeNull();
    expect(verifyPackage({ files }).ok).toBe(true);
    expect(text(files.get('requests.csv'))).toBe(
      'ref,title,description,control,criterion,dueDate,status,flagReason,evidence\r\n',
    );
    expect(text(files.get('samples/samples.csv')).split('\r\n')).toHaveLength(2);
  });

  it('refuses an unknown audit before writing anything', async () => {
    const chunks: Uint8Array[] = [];
    await expect(
      buildAuditPackage(
        f.deps,
        f.scope,
        f.org,
        { auditId: '00000000-0000-4000-8000-999999999999' },
        {
          archive: createZipWriter({ write: async (c) => void chunks.push(c) }, { mtime: new Date() }),
          writeWorkbook: writeXlsx,
        },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(chunks).toEqual([]);
  });
});
