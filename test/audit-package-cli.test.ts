import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aKeyPair } from './support/audit-package-builder.ts';
import { cliWorkspace } from './support/cli.ts';
import { ENGINE } from './support/database.ts';
import { xlsxCells } from './support/xlsx-cells.ts';

// `attestly export audit-package` from an organization with evidence and a monitoring run, then
// `attestly verify PACKAGE.zip` on it as an auditor would: intact, with the right and a wrong key, and
// after one byte of an evidence file was changed.

let ws: Awaited<ReturnType<typeof cliWorkspace>>;
const PLAN = join(import.meta.dirname, 'fixtures/terraform/plan.json');
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  ws = await cliWorkspace();
});
afterAll(() => ws.drop());

describe(`attestly export audit-package and verify on ${ENGINE}`, () => {
  it('exports a signed package that verifies, and names the evidence file changed afterwards', async () => {
    const init = await ws.run(
      'init',
      '--name',
      'Acme Cloud',
      '--type',
      'type2',
      '--window-start',
      day(-30),
      '--window-end',
      day(150),
    );
    expect(init.code).toBe(0);
    const report = join(ws.dataDir, 'access-review.pdf');
    writeFileSync(report, '%PDF-1.4\naccess review, Q1, all accounts confirmed\n%%EOF\n');
    const csv = join(ws.dataDir, 'mfa.csv');
    writeFileSync(csv, 'user,mfa\nada,on\nbob,on\n');
    expect((await ws.run('evidence', 'add', report, '--control', 'AC-01')).code).toBe(0);
    expect((await ws.run('evidence', 'add', csv, '--control', 'AC-01', '--control', 'AC-02')).code).toBe(0);
    const config = JSON.stringify({ path: PLAN });
    expect(
      (await ws.run('integrations', 'add', '--type', 'terraform', '--name', 'iac', '--config', config)).code,
    ).toBe(0);
    expect((await ws.run('integrations', 'run', 'iac')).code).toBe(0);

    const out = join(ws.dataDir, 'package.zip');
    const exported = await ws.run('export', 'audit-package', '--out', out);
    expect(exported.stderr).toMatch(/attestly: writing 2 evidence files/);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^Wrote .*package\.zip: \d+ files, 2 evidence files, \d+ ledger entries/);
    // Nothing half-written is left beside it.
    expect(readdirSync(ws.dataDir).filter((name) => name.includes('.partial'))).toEqual([]);

    const again = await ws.run('export', 'audit-package', '--out', out);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/exists; add --force to replace it/);

    const files = unzipSync(new Uint8Array(readFileSync(out)));
    const paths = Object.keys(files).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'control-matrix.xlsx',
        'evidence/index.csv',
        'ledger/audit-log.jsonl',
        'ledger/segment.jsonl',
        'manifest.json',
        'manifest.sig',
        'populations/change.csv',
        'public-key.pem',
        'requests.csv',
        'samples/samples.csv',
        'timelines/coverage.csv',
        'timelines/days.csv',
      ]),
    );
    expect(paths.filter((p) => p.startsWith('ledger/transitions/'))).toHaveLength(1);
    const pdfPath = paths.find((p) => p.endsWith('/access-review.pdf')) ?? '';
    expect(pdfPath).toMatch(/^evidence\/[0-9a-f-]{36}\/access-review\.pdf$/);
    const cells = xlsxCells(files['control-matrix.xlsx'] ?? new Uint8Array());
    expect(cells).toContain('Controls!A1\tControl');
    expect(cells.filter((c) => c.startsWith('Evidence!A') && !c.endsWith('Evidence'))).toHaveLength(2);

    const ok = await ws.run('verify', out);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(ok.stdout).toContain('Signature checked with the public key inside the package');
    expect(ok.stdout).toContain(manifest.publicKey.fingerprint);
    expect(ok.stdout).toMatch(/The audit package verifies/);

    const keyFile = join(ws.dataDir, 'acme.pem');
    writeFileSync(keyFile, files['public-key.pem'] ?? '');
    const trusted = await ws.run('verify', out, '--public-key', keyFile, '--json');
    expect(trusted.code).toBe(0);
    expect(JSON.parse(trusted.stdout)).toMatchObject({ ok: true, key: { source: 'trusted' } });

    const wrongKey = join(ws.dataDir, 'other.pem');
    writeFileSync(wrongKey, aKeyPair(3).publicKeyPem);
    const wrong = await ws.run('verify', out, '--public-key', wrongKey);
    expect(wrong.code).toBe(8);
    expect(wrong.stdout).toMatch(
      /manifest\.sig: the signature over manifest\.json does not verify with the trusted/,
    );

    const changed = new Uint8Array(files[pdfPath] ?? []);
    changed[10] = (changed[10] ?? 0) ^ 0x20;
    const tampered = join(ws.dataDir, 'tampered.zip');
    writeFileSync(tampered, zipSync({ ...files, [pdfPath]: changed }));
    const bad = await ws.run('verify', tampered);
    expect(bad.code).toBe(8);
    expect(bad.stdout).toContain(`  - ${pdfPath}: SHA-256 differs from the manifest`);
    expect(bad.stderr).toBe(
      `attestly: error: the audit package does not verify: ${pdfPath}: SHA-256 differs from the manifest (and 1 more)`,
    );

    const missing = await ws.run('verify', join(ws.dataDir, 'nothing.zip'));
    expect(missing.code).toBe(3);
    expect(existsSync(out)).toBe(true);
  });
});
