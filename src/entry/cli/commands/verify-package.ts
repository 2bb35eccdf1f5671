import { readFile } from 'node:fs/promises';
import { readZip } from '../../../adapters/zip/read-zip.ts';
import { type TPackageReport, verifyPackage } from '../../../domain/audit-package/verify-package.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import { type CliIo, json } from '../io.ts';

// `attestly verify PACKAGE.zip`: the offline check of an audit package. It needs no database and no
// organization, only the file (and, to be sure who signed it, the organization's public key).

export const VERIFY_PACKAGE_HELP = `  attestly verify PACKAGE.zip [--public-key FILE] [--json]
    Checks an audit package offline: the signature over manifest.json, every file's size and SHA-256,
    files missing or added, the ledger segment's chain, and every ledger digest recomputed from the
    package's evidence, audit-log lines and test-result transitions. Exits 8 naming each problem.
    --public-key FILE  the organization's public key (PEM), obtained from it directly; without it the key
                       in the package is used, and its fingerprint is printed to compare with the one in
                       the organization's settings`;

async function readInput(path: string, label: string): Promise<Buffer> {
  return readFile(path).catch(() => {
    throw new AttestlyError('FILE_NOT_FOUND', `no such ${label}: ${path}`);
  });
}

function printReport(io: CliIo, path: string, report: TPackageReport): void {
  const m = report.manifest;
  if (m) {
    io.out(
      `Audit package ${path}: ${m.organization.name} (${m.organization.slug}), ${m.auditId ? `audit ${m.auditId}` : "the program's period"}, ${m.period.from} to ${m.period.to}, generated ${m.generatedAt}.`,
    );
  }
  if (report.key.source === 'trusted') {
    io.out(`Signature checked with the public key you supplied (fingerprint ${report.key.fingerprint}).`);
  } else {
    io.out('Signature checked with the public key inside the package, which proves only that the package is');
    io.out(
      "unchanged since it was signed with that key. Compare its fingerprint with the one in the organization's",
    );
    io.out(`settings, or run again with --public-key: ${report.key.fingerprint ?? '(no usable key)'}`);
  }
  const c = report.checked;
  io.out(
    `Checked ${c.files} files, ${c.evidence} evidence items, ${c.ledgerEntries} ledger entries (${c.auditLogEntries} audit-log entries, ${c.runs} monitoring runs${c.supersededEvidence ? `, ${c.supersededEvidence} evidence entries superseded by a later edit` : ''}).`,
  );
  if (report.ok) {
    io.out('The audit package verifies: every file, the ledger and the signature are intact.');
    return;
  }
  io.out(
    `The audit package does NOT verify (${report.findings.length} problem${report.findings.length === 1 ? '' : 's'}):`,
  );
  for (const finding of report.findings) io.out(`  - ${finding.message}`);
}

export async function verifyPackageFile(
  io: CliIo,
  path: string,
  options: { publicKey?: string | undefined; json?: boolean | undefined },
): Promise<void> {
  const trusted = options.publicKey
    ? (await readInput(options.publicKey, 'public key file')).toString('utf8')
    : null;
  const { files, duplicates } = readZip(new Uint8Array(await readInput(path, 'file')));
  const report = verifyPackage({ files, duplicatePaths: duplicates, trustedPublicKeyPem: trusted });
  if (options.json) json(io, report);
  else printReport(io, path, report);
  if (!report.ok) {
    throw new AttestlyError(
      'INTEGRITY_FAILURE',
      `the audit package does not verify: ${report.findings[0]?.message}${report.findings.length > 1 ? ` (and ${report.findings.length - 1} more)` : ''}`,
    );
  }
}
