import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aKeyPair, buildTestPackage, resign } from '../../../test/support/audit-package-builder.ts';
import { PACKAGE_PATHS } from './package-format.ts';
import { verifyPackage } from './verify-package.ts';

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const bytesOf = (value: string) => new TextEncoder().encode(value);

function messages(files: Map<string, Uint8Array>, trustedPublicKeyPem?: string) {
  return verifyPackage({ files, trustedPublicKeyPem }).findings.map((f) => f.message);
}

/** A changed file keeps the manifest's word for it, so the file's own check is what must catch it. */
function replaceLedgerLines(files: Map<string, Uint8Array>, change: (lines: string[]) => string[]) {
  const lines = text(files.get(PACKAGE_PATHS.ledgerSegment)).trimEnd().split('\n');
  files.set(PACKAGE_PATHS.ledgerSegment, bytesOf(`${change(lines).join('\n')}\n`));
}

describe('the offline verifier of an audit package', () => {
  it('passes an untouched package, and says which key it checked with', () => {
    const { files, key } = buildTestPackage();
    const report = verifyPackage({ files });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.key).toEqual({ source: 'package', fingerprint: key.fingerprint });
    expect(report.checked).toEqual({
      files: 7,
      evidence: 2,
      ledgerEntries: 6,
      supersededEvidence: 1,
      auditLogEntries: 2,
      runs: 1,
    });
    expect(verifyPackage({ files, trustedPublicKeyPem: key.publicKeyPem }).key.source).toBe('trusted');
  });

  it('names an evidence file with one byte changed', () => {
    const { files, evidencePaths } = buildTestPackage();
    const path = evidencePaths[0] ?? '';
    const changed = new Uint8Array(files.get(path) ?? []);
    changed[5] = (changed[5] ?? 0) ^ 1;
    files.set(path, changed);
    expect(messages(files)).toEqual([
      `${path}: SHA-256 differs from the manifest`,
      `${path}: SHA-256 differs from evidence/index.csv`,
    ]);
  });

  it('names a file removed from the package', () => {
    const { files, evidencePaths } = buildTestPackage();
    const path = evidencePaths[1] ?? '';
    files.delete(path);
    expect(messages(files)).toEqual([
      `${path}: missing from the package (the manifest lists it)`,
      `${path}: missing (evidence e2000000-0000-4000-8000-000000000002 in evidence/index.csv)`,
    ]);
  });

  it('names a file added to the package', () => {
    const { files } = buildTestPackage();
    files.set('evidence/extra/backdated.pdf', bytesOf('%PDF-1.4 made up later'));
    expect(messages(files)).toEqual([
      'evidence/extra/backdated.pdf: in the package but not in the manifest',
      'evidence/extra/backdated.pdf: not in evidence/index.csv',
    ]);
  });

  it('names a path the archive holds twice', () => {
    const { files, evidencePaths } = buildTestPackage();
    const report = verifyPackage({ files, duplicatePaths: [evidencePaths[0] ?? ''] });
    expect(report.findings.map((f) => f.message)).toEqual([
      `${evidencePaths[0]}: appears twice in the archive`,
    ]);
  });

  it('names the ledger entry where two lines were swapped', () => {
    const { files, manifest, key } = buildTestPackage();
    replaceLedgerLines(files, (lines) => [lines[0], lines[2], lines[1], ...lines.slice(3)] as string[]);
    expect(messages(files)).toContain('ledger/segment.jsonl: SHA-256 differs from the manifest');
    // Even re-listed in a re-signed manifest, the chain itself gives the swap away.
    manifest.files = manifest.files.map((f) =>
      f.path === PACKAGE_PATHS.ledgerSegment
        ? { ...f, sha256: sha256Of(files.get(f.path)), sizeBytes: files.get(f.path)?.byteLength ?? 0 }
        : f,
    );
    resign(files, manifest, key.privateKeyPem);
    expect(messages(files)).toEqual([
      'ledger seq 102: line 3 of ledger/segment.jsonl holds entry 102 after entry 103: the lines were reordered',
    ]);
  });

  it('names an altered ledger line, and a removed one', () => {
    const altered = buildTestPackage();
    replaceLedgerLines(altered.files, (lines) =>
      lines.map((line) => line.replace('"refId":"42"', '"refId":"41"')),
    );
    expect(messages(altered.files)).toEqual([
      'ledger/segment.jsonl: SHA-256 differs from the manifest',
      'ledger seq 104: entry 104 (audit-log entry 41, 2026-01-12T11:00:00.000Z) was altered: its content does not match its hash (ledger/segment.jsonl)',
      'ledger seq 104: the digest does not match audit-log entry 41',
    ]);

    const removed = buildTestPackage();
    replaceLedgerLines(removed.files, (lines) => lines.slice(0, -1));
    expect(messages(removed.files)).toEqual([
      'ledger/segment.jsonl: 1667 bytes, the manifest says 2012',
      'ledger/segment.jsonl: SHA-256 differs from the manifest',
      `ledger/segment.jsonl: 5 entries ending at ${JSON.parse(text(removed.files.get(PACKAGE_PATHS.ledgerSegment)).trimEnd().split('\n').at(-1) ?? '{}').hash}, but the manifest signs 6 entries ending at ${removed.manifest.ledger.head}: entries were removed or added at the end`,
    ]);
  });

  it('recomputes each digest from the audit-log lines, the transitions and the evidence index', () => {
    const { files, manifest, key, runId } = buildTestPackage();
    files.set(
      PACKAGE_PATHS.auditLog,
      bytesOf(text(files.get(PACKAGE_PATHS.auditLog)).replace('evidence.added', 'evidence.removed')),
    );
    const runPath = `ledger/transitions/${runId}.jsonl`;
    files.set(runPath, bytesOf(text(files.get(runPath)).replace('"toStatus":"fail"', '"toStatus":"pass"')));
    files.set(
      PACKAGE_PATHS.evidenceIndex,
      bytesOf(text(files.get(PACKAGE_PATHS.evidenceIndex)).replace('2026-01-12,,', '2026-01-12,2027-01-01,')),
    );
    // Signed again, as if by whoever holds the key: only the digests can tell.
    manifest.files = manifest.files.map((f) => ({
      ...f,
      sha256: sha256Of(files.get(f.path)),
      sizeBytes: files.get(f.path)?.byteLength ?? 0,
    }));
    resign(files, manifest, key.privateKeyPem);
    expect(messages(files)).toEqual([
      'ledger/audit-log.jsonl seq 41: the entry was altered: its content does not match its hash',
      `ledger seq 103: the digest of run ${runId} does not match ${runPath}`,
      'ledger seq 106: the digest of evidence e2000000-0000-4000-8000-000000000002 does not match evidence/index.csv line 3',
    ]);
  });

  it('fails a trusted key that is not the one that signed, and a package whose key was swapped', () => {
    const { files, manifest } = buildTestPackage();
    const other = aKeyPair(9);
    expect(messages(files, other.publicKeyPem)).toEqual([
      `manifest.json: the package names the key ${manifest.publicKey.fingerprint}, not the trusted key ${other.fingerprint}`,
      `manifest.sig: the signature over manifest.json does not verify with the trusted public key (${other.fingerprint}): manifest.json was changed or signed by another key`,
    ]);

    // Someone re-signs with their own key and puts it in the package: only a trusted key catches that.
    const swapped = buildTestPackage();
    swapped.manifest.publicKey = {
      algorithm: 'ed25519',
      pem: other.publicKeyPem,
      fingerprint: other.fingerprint,
    };
    swapped.files.set(PACKAGE_PATHS.publicKey, bytesOf(other.publicKeyPem));
    swapped.manifest.files = swapped.manifest.files.map((f) =>
      f.path === PACKAGE_PATHS.publicKey
        ? { ...f, sha256: sha256Of(swapped.files.get(f.path)), sizeBytes: other.publicKeyPem.length }
        : f,
    );
    resign(swapped.files, swapped.manifest, other.privateKeyPem);
    const report = verifyPackage({ files: swapped.files });
    expect(report.ok).toBe(true);
    expect(report.key.fingerprint).toBe(other.fingerprint);
    expect(messages(swapped.files, swapped.key.publicKeyPem)).toEqual([
      `manifest.json: the package names the key ${other.fingerprint}, not the trusted key ${swapped.key.fingerprint}`,
      `manifest.sig: the signature over manifest.json does not verify with the trusted public key (${swapped.key.fingerprint}): manifest.json was changed or signed by another key`,
    ]);
  });

  it('fails the signature when manifest.json is altered', () => {
    const { files, key } = buildTestPackage();
    files.set(
      PACKAGE_PATHS.manifest,
      bytesOf(text(files.get(PACKAGE_PATHS.manifest)).replace('"to": "2026-03-31"', '"to": "2026-06-30"')),
    );
    expect(messages(files)).toEqual([
      `manifest.sig: the signature over manifest.json does not verify with the package's public key (${key.fingerprint}): manifest.json was changed or signed by another key`,
    ]);
  });

  it('reports a package without a manifest, or with one that is not JSON', () => {
    const { files } = buildTestPackage();
    files.set(PACKAGE_PATHS.manifest, bytesOf('{not json'));
    expect(messages(files)).toEqual(['manifest.json: not valid JSON']);
    files.delete(PACKAGE_PATHS.manifest);
    const report = verifyPackage({ files });
    expect(report.manifest).toBeNull();
    expect(report.findings.map((f) => f.message)).toEqual([
      'manifest.json: missing: this is not an audit package, or it was cut short',
    ]);
  });
});

function sha256Of(bytes: Uint8Array | undefined): string {
  return createHash('sha256')
    .update(bytes ?? new Uint8Array())
    .digest('hex');
}
