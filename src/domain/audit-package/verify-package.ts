import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { chainHash, type TActorType } from '../audit-chain.ts';
import {
  evidenceDigest,
  type TLedgerEntry,
  type TTransitionFacts,
  transitionsDigest,
  verifyLedger,
} from '../ledger.ts';
import { keyFingerprint, verifyEd25519 } from '../signature.ts';
import {
  EVIDENCE_INDEX_HEADER,
  PACKAGE_PATHS,
  type TManifest,
  transitionsPath,
  UNLISTED,
  ZAuditLogLine,
  ZLedgerLine,
  ZManifest,
  ZTransitionLine,
} from './package-format.ts';

// The offline verifier of an audit package: given the files of the zip (and, ideally, the organization's
// public key from elsewhere), it checks that the manifest is signed by that key, that every file is the one
// the manifest lists, that the ledger segment is an unbroken chain from its signed anchor to its signed
// head, and that every ledger entry's digest is recomputed from the package's own evidence index, audit-log
// lines and test-result transitions. Pure: no clock, no database, no network; every finding names the
// file or the ledger entry it is about.

export interface TPackageInput {
  files: ReadonlyMap<string, Uint8Array>;
  /** Paths the archive holds more than once (a reader keeps only one of them). */
  duplicatePaths?: readonly string[];
  /** The organization's public key as obtained out of band; without it, the package's own key is used. */
  trustedPublicKeyPem?: string | null;
}

export interface TPackageFinding {
  /** The file ("evidence/…/x.pdf") or the ledger entry ("ledger seq 12") the finding is about. */
  subject: string;
  /** The whole sentence: "<subject>: <what is wrong>". */
  message: string;
}

export interface TPackageReport {
  ok: boolean;
  findings: TPackageFinding[];
  /** Which key the signature was checked with, and its fingerprint (to compare with the organization's). */
  key: { source: 'trusted' | 'package'; fingerprint: string | null };
  manifest: {
    organization: { name: string; slug: string };
    auditId: string | null;
    period: { from: string; to: string };
    generatedAt: string;
    files: number;
  } | null;
  checked: {
    files: number;
    evidence: number;
    ledgerEntries: number;
    /** Evidence entries whose item was edited later (a newer entry commits to the current facts). */
    supersededEvidence: number;
    auditLogEntries: number;
    runs: number;
  };
}

const decoder = new TextDecoder('utf-8', { fatal: false });
const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface TIndexRow {
  line: number;
  id: string;
  sha256: string;
  fileNames: string[];
  mediaType: string;
  sizeBytes: number;
  validFrom: string;
  validUntil: string | null;
  collectedAt: string;
  path: string;
  ledgerSeq: number | null;
}

class Findings {
  readonly list: TPackageFinding[] = [];
  add(subject: string, problem: string): void {
    this.list.push({ subject, message: `${subject}: ${problem}` });
  }
}

/** JSON lines of a file, each parsed by the schema; a line that does not parse is a finding. */
function jsonLines<T>(
  path: string,
  bytes: Uint8Array,
  parse: (value: unknown) => { success: true; data: T } | { success: false },
  findings: Findings,
): T[] {
  const out: T[] = [];
  decoder
    .decode(bytes)
    .split('\n')
    .forEach((text, i) => {
      if (text.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        findings.add(`${path} line ${i + 1}`, 'not valid JSON');
        return;
      }
      const parsed = parse(value);
      if (parsed.success) out.push(parsed.data);
      else findings.add(`${path} line ${i + 1}`, 'not a line this file can hold');
    });
  return out;
}

/**
 * A CSV cell as written: the writer prefixes text that starts like a formula with a quote, so both readings
 * are candidates and the digest tells which one was the name.
 */
function cellCandidates(cell: string): string[] {
  return /^'[=+\-@\t\r]/.test(cell) ? [cell.slice(1), cell] : [cell];
}

function readEvidenceIndex(bytes: Uint8Array, findings: Findings): Map<string, TIndexRow> {
  const path = PACKAGE_PATHS.evidenceIndex;
  const rows = new Map<string, TIndexRow>();
  let records: string[][];
  try {
    records = parseCsv(decoder.decode(bytes), { relax_column_count: true }) as string[][];
  } catch (error) {
    findings.add(path, `not valid CSV (${(error as Error).message})`);
    return rows;
  }
  const header = records[0] ?? [];
  const column = new Map(header.map((name, i) => [name, i]));
  const missing = EVIDENCE_INDEX_HEADER.filter((name) => !column.has(name));
  if (missing.length > 0) {
    findings.add(path, `the columns ${missing.join(', ')} are missing`);
    return rows;
  }
  const cell = (record: string[], name: string) => record[column.get(name) ?? -1] ?? '';
  records.slice(1).forEach((record, i) => {
    const id = cell(record, 'id');
    const seq = cell(record, 'ledgerSeq');
    const row: TIndexRow = {
      line: i + 2,
      id,
      sha256: cell(record, 'sha256'),
      fileNames: cellCandidates(cell(record, 'fileName')),
      mediaType: cell(record, 'mediaType'),
      sizeBytes: Number(cell(record, 'sizeBytes')),
      validFrom: cell(record, 'validFrom'),
      validUntil: cell(record, 'validUntil') || null,
      collectedAt: cell(record, 'collectedAt'),
      path: cell(record, 'path'),
      ledgerSeq: seq === '' ? null : Number(seq),
    };
    if (rows.has(id)) findings.add(`${path} line ${row.line}`, `evidence ${id} is listed twice`);
    rows.set(id, row);
  });
  return rows;
}

function digestOfRow(row: TIndexRow, expected: string): boolean {
  return row.fileNames.some(
    (fileName) =>
      evidenceDigest({
        id: row.id,
        sha256: row.sha256,
        fileName,
        mediaType: row.mediaType,
        sizeBytes: row.sizeBytes,
        validFrom: row.validFrom,
        validUntil: row.validUntil,
        collectedAt: row.collectedAt,
      }) === expected,
  );
}

function checkSignature(
  input: TPackageInput,
  manifest: TManifest,
  manifestRaw: Uint8Array,
  findings: Findings,
): TPackageReport['key'] {
  const trusted = input.trustedPublicKeyPem ?? null;
  const source = trusted ? 'trusted' : 'package';
  let fingerprint: string | null = null;
  try {
    fingerprint = keyFingerprint(trusted ?? manifest.publicKey.pem);
  } catch {
    findings.add(
      trusted ? 'the trusted public key' : PACKAGE_PATHS.manifest,
      'the public key is not an Ed25519 public key in PEM form',
    );
    return { source, fingerprint: null };
  }
  try {
    if (keyFingerprint(manifest.publicKey.pem) !== manifest.publicKey.fingerprint)
      findings.add(PACKAGE_PATHS.manifest, 'the public key does not have the fingerprint the manifest gives');
  } catch {
    findings.add(PACKAGE_PATHS.manifest, 'the public key is not an Ed25519 public key in PEM form');
  }
  if (trusted && fingerprint !== manifest.publicKey.fingerprint) {
    findings.add(
      PACKAGE_PATHS.manifest,
      `the package names the key ${manifest.publicKey.fingerprint}, not the trusted key ${fingerprint}`,
    );
  }
  const pemFile = input.files.get(PACKAGE_PATHS.publicKey);
  if (pemFile && decoder.decode(pemFile).trim() !== manifest.publicKey.pem.trim())
    findings.add(PACKAGE_PATHS.publicKey, 'is not the public key the manifest names');
  const signature = input.files.get(PACKAGE_PATHS.signature);
  if (!signature) {
    findings.add(PACKAGE_PATHS.signature, 'missing: the manifest is not signed');
  } else if (
    !verifyEd25519(trusted ?? manifest.publicKey.pem, manifestRaw, decoder.decode(signature).trim())
  ) {
    findings.add(
      PACKAGE_PATHS.signature,
      `the signature over manifest.json does not verify with the ${source === 'trusted' ? 'trusted' : "package's"} public key (${fingerprint}): manifest.json was changed or signed by another key`,
    );
  }
  return { source, fingerprint };
}

function checkFiles(input: TPackageInput, manifest: TManifest, findings: Findings): number {
  const listed = new Set<string>();
  for (const duplicate of input.duplicatePaths ?? []) findings.add(duplicate, 'appears twice in the archive');
  for (const file of manifest.files) {
    if (listed.has(file.path)) findings.add(file.path, 'is listed twice in the manifest');
    listed.add(file.path);
    const bytes = input.files.get(file.path);
    if (!bytes) {
      findings.add(file.path, 'missing from the package (the manifest lists it)');
      continue;
    }
    if (bytes.byteLength !== file.sizeBytes)
      findings.add(file.path, `${bytes.byteLength} bytes, the manifest says ${file.sizeBytes}`);
    if (sha256Hex(bytes) !== file.sha256) findings.add(file.path, 'SHA-256 differs from the manifest');
  }
  for (const path of [...input.files.keys()].sort()) {
    if (!listed.has(path) && !UNLISTED.has(path))
      findings.add(path, 'in the package but not in the manifest');
  }
  return listed.size;
}

function checkEvidenceFiles(input: TPackageInput, index: Map<string, TIndexRow>, findings: Findings): void {
  const indexed = new Set<string>();
  for (const row of index.values()) {
    indexed.add(row.path);
    const bytes = input.files.get(row.path);
    const where = `${PACKAGE_PATHS.evidenceIndex} line ${row.line}`;
    if (!row.path.startsWith('evidence/')) {
      findings.add(where, `evidence ${row.id} points outside evidence/ (${row.path})`);
    } else if (!bytes) {
      findings.add(row.path, `missing (evidence ${row.id} in ${PACKAGE_PATHS.evidenceIndex})`);
    } else {
      if (sha256Hex(bytes) !== row.sha256)
        findings.add(row.path, `SHA-256 differs from ${PACKAGE_PATHS.evidenceIndex}`);
      if (bytes.byteLength !== row.sizeBytes)
        findings.add(
          row.path,
          `${bytes.byteLength} bytes, ${PACKAGE_PATHS.evidenceIndex} says ${row.sizeBytes}`,
        );
    }
  }
  for (const path of input.files.keys()) {
    if (path.startsWith('evidence/') && path !== PACKAGE_PATHS.evidenceIndex && !indexed.has(path))
      findings.add(path, `not in ${PACKAGE_PATHS.evidenceIndex}`);
  }
}

function checkChain(lines: TLedgerEntry[], manifest: TManifest, findings: Findings): void {
  const { ledger } = manifest;
  // Lines out of seq order are named as such; the chain is then checked in seq order, for what else changed.
  const swapped = lines.findIndex((e, i) => i > 0 && e.seq <= (lines[i - 1]?.seq ?? 0));
  if (swapped > 0) {
    findings.add(
      `ledger seq ${lines[swapped]?.seq}`,
      `line ${swapped + 1} of ${PACKAGE_PATHS.ledgerSegment} holds entry ${lines[swapped]?.seq} after entry ${lines[swapped - 1]?.seq}: the lines were reordered`,
    );
  }
  const entries = swapped > 0 ? [...lines].sort((a, b) => a.seq - b.seq) : lines;
  const verdict = verifyLedger(entries, {
    anchorPrevHash: ledger.anchorPrevHash,
    ...(ledger.firstSeq !== null ? { firstSeq: ledger.firstSeq } : {}),
  });
  if (!verdict.ok) {
    findings.add(`ledger seq ${verdict.seq}`, `${verdict.message} (${PACKAGE_PATHS.ledgerSegment})`);
    return;
  }
  if (verdict.head !== ledger.head || entries.length !== ledger.entries) {
    findings.add(
      PACKAGE_PATHS.ledgerSegment,
      `${entries.length} entries ending at ${verdict.head}, but the manifest signs ${ledger.entries} entries ending at ${ledger.head}: entries were removed or added at the end`,
    );
  }
}

/** Every entry's digest, recomputed from what the package holds. */
function checkDigests(
  input: TPackageInput,
  entries: TLedgerEntry[],
  index: Map<string, TIndexRow>,
  findings: Findings,
  checked: TPackageReport['checked'],
): void {
  const auditLog = new Map<number, ReturnType<typeof ZAuditLogLine.parse>>();
  const logBytes = input.files.get(PACKAGE_PATHS.auditLog);
  if (logBytes) {
    for (const line of jsonLines(
      PACKAGE_PATHS.auditLog,
      logBytes,
      (v) => ZAuditLogLine.safeParse(v),
      findings,
    ))
      auditLog.set(line.seq, line);
  }
  for (const entry of entries) {
    const subject = `ledger seq ${entry.seq}`;
    if (entry.kind === 'evidence') {
      const row = index.get(entry.refId);
      if (!row) {
        findings.add(subject, `evidence ${entry.refId} is not in ${PACKAGE_PATHS.evidenceIndex}`);
      } else if (row.ledgerSeq !== null && row.ledgerSeq > entry.seq) {
        checked.supersededEvidence += 1;
      } else if (row.ledgerSeq !== entry.seq || !digestOfRow(row, entry.digest)) {
        findings.add(
          subject,
          `the digest of evidence ${entry.refId} does not match ${PACKAGE_PATHS.evidenceIndex} line ${row.line}`,
        );
      }
    } else if (entry.kind === 'test_transitions') {
      const path = transitionsPath(entry.refId);
      const bytes = input.files.get(path);
      if (!bytes) {
        findings.add(subject, `the transitions of run ${entry.refId} are missing (${path})`);
        continue;
      }
      checked.runs += 1;
      const lines: TTransitionFacts[] = jsonLines(path, bytes, (v) => ZTransitionLine.safeParse(v), findings);
      if (transitionsDigest(entry.refId, lines) !== entry.digest)
        findings.add(subject, `the digest of run ${entry.refId} does not match ${path}`);
    } else {
      const line = auditLog.get(Number(entry.refId));
      if (!line) {
        findings.add(subject, `audit-log entry ${entry.refId} is missing from ${PACKAGE_PATHS.auditLog}`);
        continue;
      }
      checked.auditLogEntries += 1;
      const { prevHash, hash, ...content } = line;
      const recomputed = chainHash(prevHash, {
        ...content,
        actorType: content.actorType as TActorType,
        occurredAt: new Date(content.occurredAt),
      });
      if (recomputed !== hash || new Date(content.occurredAt).toISOString() !== content.occurredAt) {
        findings.add(
          `${PACKAGE_PATHS.auditLog} seq ${line.seq}`,
          'the entry was altered: its content does not match its hash',
        );
      } else if (hash !== entry.digest) {
        findings.add(subject, `the digest does not match audit-log entry ${line.seq}`);
      }
    }
  }
}

export function verifyPackage(input: TPackageInput): TPackageReport {
  const findings = new Findings();
  const checked: TPackageReport['checked'] = {
    files: 0,
    evidence: 0,
    ledgerEntries: 0,
    supersededEvidence: 0,
    auditLogEntries: 0,
    runs: 0,
  };
  const done = (key: TPackageReport['key'], manifest: TManifest | null): TPackageReport => ({
    ok: findings.list.length === 0,
    findings: findings.list,
    key,
    manifest: manifest && {
      organization: manifest.organization,
      auditId: manifest.auditId,
      period: manifest.period,
      generatedAt: manifest.generatedAt,
      files: manifest.files.length,
    },
    checked,
  });
  const noKey = { source: input.trustedPublicKeyPem ? 'trusted' : 'package', fingerprint: null } as const;

  const raw = input.files.get(PACKAGE_PATHS.manifest);
  if (!raw) {
    findings.add(PACKAGE_PATHS.manifest, 'missing: this is not an audit package, or it was cut short');
    return done(noKey, null);
  }
  let parsed: ReturnType<typeof ZManifest.safeParse>;
  try {
    parsed = ZManifest.safeParse(JSON.parse(decoder.decode(raw)));
  } catch {
    findings.add(PACKAGE_PATHS.manifest, 'not valid JSON');
    return done(noKey, null);
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    findings.add(
      PACKAGE_PATHS.manifest,
      `not a manifest: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
    return done(noKey, null);
  }
  const manifest = parsed.data;
  const key = checkSignature(input, manifest, raw, findings);
  checked.files = checkFiles(input, manifest, findings);

  const indexBytes = input.files.get(PACKAGE_PATHS.evidenceIndex);
  const index = indexBytes ? readEvidenceIndex(indexBytes, findings) : new Map<string, TIndexRow>();
  checked.evidence = index.size;
  checkEvidenceFiles(input, index, findings);

  const segment = input.files.get(PACKAGE_PATHS.ledgerSegment);
  const entries = segment
    ? jsonLines(PACKAGE_PATHS.ledgerSegment, segment, (v) => ZLedgerLine.safeParse(v), findings)
    : [];
  checked.ledgerEntries = entries.length;
  checkChain(entries, manifest, findings);
  checkDigests(input, entries, index, findings, checked);
  return done(key, manifest);
}
