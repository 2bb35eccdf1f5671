import { controlMatrix, type TMatrixEvidence } from '../../domain/audit-package/control-matrix.ts';
import {
  evidencePath,
  FORMAT_VERSION,
  manifestBytes,
  PACKAGE_FORMAT,
  PACKAGE_PATHS,
  type TManifest,
} from '../../domain/audit-package/package-format.ts';
import { evidenceIndexCsv } from '../../domain/audit-package/package-tables.ts';
import { toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { TWorkbook } from '../../domain/workbook.ts';
import { recordChange } from '../audit/record-change.ts';
import { controlTimelines } from '../audits/control-timelines.ts';
import { ledgerSegment } from '../ledger/ledger-segment.ts';
import { orgPublicKey, signWithOrgKey } from '../ledger/signing-key.ts';
import type { AppDeps, OrgScope, TEvidenceRecord, TOrganization } from '../ports.ts';
import { matrixCriteria, matrixTests } from './gather-matrix.ts';
import type { PackageArchive, TArchivedFile } from './package-archive.ts';
import { packageSubject, type TPackageSubject } from './package-subject.ts';
import { writeLedgerFiles } from './write-ledger-files.ts';
import { writeTestingFiles } from './write-testing-files.ts';

// The audit package (issue 6 §4): everything an auditor needs for an audit's period in one zip, signed
// with the organization's key so it can be checked offline by `attestly verify PACKAGE.zip`. The layout is
// in domain/audit-package/package-format.ts; README.md describes it. Files are written one at a time
// through the archive, which streams them on, so a thousand evidence files are never in memory together.

export interface TAuditPackageWriter {
  archive: PackageArchive;
  /** The control matrix as .xlsx bytes (adapters/reports/xlsx.ts). */
  writeWorkbook: (workbook: TWorkbook) => Uint8Array;
  /** A line for a person waiting on a long export. */
  progress?: (message: string) => void;
}

export interface TPreparedPackage {
  org: TOrganization;
  subject: TPackageSubject;
  publicKey: { publicKeyPem: string; fingerprint: string };
  /** A file name for the download: attestly-<org>-<from>-<to>.zip. */
  fileName: string;
}

export interface TAuditPackageResult {
  auditId: string | null;
  period: { from: string; to: string };
  generatedAt: string;
  files: number;
  evidence: number;
  ledgerEntries: number;
  fingerprint: string;
  manifestSha256: string;
}

/** Formats deflate cannot shrink further: stored as they are. */
const COMPRESSED =
  /^(image\/(png|jpeg|gif|webp)|application\/(pdf|zip|gzip|x-gzip)|application\/vnd\.openxmlformats)/;

/**
 * Checks what the package is for before anything is written, so an unknown audit or a missing program is
 * an error response rather than a download that breaks off; creates the signing key on first use.
 */
export async function prepareAuditPackage(
  deps: AppDeps,
  scope: OrgScope,
  org: TOrganization,
  options: { auditId?: string | undefined },
): Promise<TPreparedPackage> {
  const subject = await packageSubject(deps, scope, options.auditId);
  const publicKey = await orgPublicKey(deps, scope);
  const fileName = `attestly-${org.slug}-${subject.period.from}-${subject.period.to}.zip`;
  return { org, subject, publicKey, fileName };
}

/** Evidence the period relies on: in the period's ledger segment, attached to a request, or valid in the period. */
function packageEvidence(
  all: TEvidenceRecord[],
  subject: TPackageSubject,
  named: ReadonlySet<string>,
  latestSeqs: ReadonlyMap<string, number>,
): TMatrixEvidence[] {
  const { period, range } = subject;
  return all
    .filter(
      (e) =>
        named.has(e.id) ||
        (e.collectedAt <= range.to &&
          e.validFrom <= period.to &&
          (e.validUntil === null || e.validUntil >= period.from)),
    )
    .map((e) => ({
      id: e.id,
      title: e.title,
      fileName: e.fileName,
      path: evidencePath(e.id, e.fileName),
      mediaType: e.mediaType,
      sizeBytes: e.sizeBytes,
      sha256: e.sha256,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
      collectedAt: e.collectedAt.toISOString(),
      source: e.source,
      controlCodes: e.controlCodes,
      ledgerSeq: latestSeqs.get(e.id) ?? null,
    }));
}

export async function writeAuditPackage(
  deps: AppDeps,
  scope: OrgScope,
  prepared: TPreparedPackage,
  writer: TAuditPackageWriter,
): Promise<TAuditPackageResult> {
  const { org, subject, publicKey } = prepared;
  const { repos } = deps.store;
  const { archive } = writer;
  const progress = writer.progress ?? (() => {});
  const generatedAt = deps.clock.now();
  const files: TArchivedFile[] = [];
  const add = async (path: string, content: Uint8Array | string, compress = true) => {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    files.push(await archive.add(path, bytes, { compress }));
  };

  progress(`reading the ledger and the controls for ${subject.period.from} to ${subject.period.to}`);
  const segment = await ledgerSegment(deps, scope, subject.range);
  const [controls, allEvidence, latestSeqs, requestEvidence] = await Promise.all([
    repos.controls.list(scope),
    repos.evidence.list(scope),
    repos.ledger.latestEvidenceSeqs(scope),
    subject.audit ? repos.auditRequests.evidenceIdsOfAudit(scope, subject.audit.id) : Promise.resolve([]),
  ]);
  const named = new Set([
    ...requestEvidence,
    ...segment.entries.filter((e) => e.kind === 'evidence').map((e) => e.refId),
  ]);
  const evidence = packageEvidence(allEvidence, subject, named, latestSeqs);
  const blobKeys = new Map(allEvidence.map((e) => [e.id, e.blobKey]));

  progress('building the control timelines');
  const timelines = await controlTimelines(deps, scope, subject.timelineAudit);
  progress('building the control matrix');
  // Readiness as of the period's last day, or today while the period runs.
  const asOf = [subject.period.to, toIsoDate(generatedAt)].sort()[0] ?? subject.period.to;
  const [criteria, tests] = await Promise.all([
    matrixCriteria(deps, scope, asOf),
    matrixTests(deps, scope, controls),
  ]);
  const workbook = controlMatrix({
    controls,
    criteria,
    tests,
    evidence,
    timelines: new Map(
      timelines.map((t) => [t.controlCode, { coverage: t.coverage, exceptions: t.exceptions.length }]),
    ),
  });

  await add(PACKAGE_PATHS.publicKey, publicKey.publicKeyPem);
  await add(PACKAGE_PATHS.controlMatrix, writer.writeWorkbook(workbook), false);
  await add(PACKAGE_PATHS.evidenceIndex, evidenceIndexCsv(evidence));
  progress(`writing ${evidence.length} evidence files`);
  let count = 0;
  for (const item of evidence) {
    const key = blobKeys.get(item.id);
    if (!key) throw new AttestlyError('INTERNAL', `evidence ${item.id} has no stored file`);
    await add(item.path, await deps.blobs.get(key), !COMPRESSED.test(item.mediaType));
    count += 1;
    if (count % 100 === 0 && count < evidence.length)
      progress(`${count} of ${evidence.length} evidence files written`);
  }
  progress('writing populations, samples, timelines and requests');
  files.push(...(await writeTestingFiles(deps, scope, archive, subject, timelines)));
  progress(`writing the ledger segment (${segment.entries.length} entries)`);
  files.push(...(await writeLedgerFiles(deps, scope, archive, segment.entries, progress)));

  const last = segment.entries.at(-1);
  const manifest: TManifest = {
    format: PACKAGE_FORMAT,
    formatVersion: FORMAT_VERSION,
    organization: { name: org.name, slug: org.slug },
    auditId: subject.audit?.id ?? null,
    period: subject.period,
    generatedAt: generatedAt.toISOString(),
    publicKey: { algorithm: 'ed25519', pem: publicKey.publicKeyPem, fingerprint: publicKey.fingerprint },
    ledger: {
      anchorPrevHash: segment.anchorPrevHash,
      head: last?.hash ?? segment.anchorPrevHash,
      firstSeq: segment.entries[0]?.seq ?? null,
      entries: segment.entries.length,
    },
    files,
  };
  const bytes = manifestBytes(manifest);
  const signed = await signWithOrgKey(deps, scope, bytes);
  if (signed.fingerprint !== publicKey.fingerprint)
    throw new AttestlyError('CONFLICT', 'the signing key changed while the package was written');
  const manifestFile = await archive.add(PACKAGE_PATHS.manifest, bytes);
  await archive.add(PACKAGE_PATHS.signature, new TextEncoder().encode(`${signed.signature}\n`));
  await archive.finish();

  const result: TAuditPackageResult = {
    auditId: manifest.auditId,
    period: manifest.period,
    generatedAt: manifest.generatedAt,
    files: files.length + 2,
    evidence: evidence.length,
    ledgerEntries: segment.entries.length,
    fingerprint: publicKey.fingerprint,
    manifestSha256: manifestFile.sha256,
  };
  await deps.store.transaction((tx) =>
    recordChange(
      tx,
      scope,
      deps,
      'audit_package.exported',
      { type: 'audit_package', id: result.manifestSha256 },
      { auditId: result.auditId, period: result.period, files: result.files, evidence: result.evidence },
    ),
  );
  return result;
}

/** prepareAuditPackage, then writeAuditPackage: for callers that have nothing to send before the bytes. */
export async function buildAuditPackage(
  deps: AppDeps,
  scope: OrgScope,
  org: TOrganization,
  options: { auditId?: string | undefined },
  writer: TAuditPackageWriter,
): Promise<TAuditPackageResult & { fileName: string }> {
  const prepared = await prepareAuditPackage(deps, scope, org, options);
  return { ...(await writeAuditPackage(deps, scope, prepared, writer)), fileName: prepared.fileName };
}
