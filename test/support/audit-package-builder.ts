import { createHash } from 'node:crypto';
import { chainHash, type TChainEntry } from '../../src/domain/audit-chain.ts';
import type { TMatrixEvidence } from '../../src/domain/audit-package/control-matrix.ts';
import {
  evidencePath,
  FORMAT_VERSION,
  manifestBytes,
  PACKAGE_FORMAT,
  PACKAGE_PATHS,
  type TManifest,
  transitionsPath,
} from '../../src/domain/audit-package/package-format.ts';
import { evidenceIndexCsv } from '../../src/domain/audit-package/package-tables.ts';
import {
  evidenceDigest,
  ledgerHash,
  type TLedgerEntry,
  type TTransitionFacts,
  transitionsDigest,
} from '../../src/domain/ledger.ts';
import { ed25519KeyPairFromSeed, keyFingerprint, signEd25519 } from '../../src/domain/signature.ts';

// A small audit package built in memory from its parts, the way app/audit-package writes one, for tests of
// the offline verifier: two evidence files (one edited after it was collected), one monitoring run, two
// audit-log entries, a ledger segment that starts in the middle of the organization's chain.

const encode = (text: string) => new TextEncoder().encode(text);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const ORG_ID = '00000000-0000-4000-8000-000000000001';

export function aKeyPair(seedByte: number) {
  const pair = ed25519KeyPairFromSeed(new Uint8Array(32).fill(seedByte));
  return { ...pair, fingerprint: keyFingerprint(pair.publicKeyPem) };
}

export interface TBuiltPackage {
  files: Map<string, Uint8Array>;
  manifest: TManifest;
  key: ReturnType<typeof aKeyPair>;
  evidencePaths: string[];
  runId: string;
}

/** Signs a (changed) manifest again with a key, as someone holding that key could. */
export function resign(files: Map<string, Uint8Array>, manifest: TManifest, privateKeyPem: string): void {
  const bytes = manifestBytes(manifest);
  files.set(PACKAGE_PATHS.manifest, bytes);
  files.set(PACKAGE_PATHS.signature, encode(`${signEd25519(privateKeyPem, bytes)}\n`));
}

export function buildTestPackage(): TBuiltPackage {
  const key = aKeyPair(7);
  const files = new Map<string, Uint8Array>();
  const pdf = encode('%PDF-1.4 access review Q1, signed by the CTO\n');
  const csv = encode('user,mfa\nada,on\n=cmd,off\n');
  const evidence: TMatrixEvidence[] = [
    {
      id: 'e1000000-0000-4000-8000-000000000001',
      title: 'Access review Q1',
      fileName: 'access-review.pdf',
      path: '',
      mediaType: 'application/pdf',
      sizeBytes: pdf.byteLength,
      sha256: sha256(pdf),
      validFrom: '2026-01-10',
      validUntil: '2026-04-10',
      collectedAt: '2026-01-10T09:00:00.000Z',
      source: 'upload',
      controlCodes: ['AC-01'],
      ledgerSeq: 0,
    },
    {
      id: 'e2000000-0000-4000-8000-000000000002',
      title: 'MFA export',
      fileName: '-mfa=export.csv',
      path: '',
      mediaType: 'text/csv',
      sizeBytes: csv.byteLength,
      sha256: sha256(csv),
      validFrom: '2026-01-12',
      validUntil: null,
      collectedAt: '2026-01-12T10:00:00.000Z',
      source: 'integration',
      controlCodes: ['AC-02'],
      ledgerSeq: 0,
    },
  ];
  for (const e of evidence) e.path = evidencePath(e.id, e.fileName);

  // The organization's audit log: entries 41 and 42 fall in the period.
  const auditEntries: Array<TChainEntry & { prevHash: string; hash: string }> = [];
  let prev = 'a'.repeat(64);
  for (const [seq, action] of [
    [41, 'evidence.added'],
    [42, 'monitoring.run'],
  ] as const) {
    const entry: TChainEntry = {
      orgId: ORG_ID,
      seq,
      occurredAt: new Date(`2026-01-1${seq - 40}T11:00:00.000Z`),
      actorType: 'user',
      actor: 'ada@example.test',
      action,
      targetType: 'evidence',
      targetId: evidence[0]?.id ?? null,
      details: { note: 'x', nested: { b: 2, a: 1 } },
      requestId: null,
      sourceAddress: '192.0.2.1',
    };
    const hash = chainHash(prev, entry);
    auditEntries.push({ ...entry, prevHash: prev, hash });
    prev = hash;
  }

  const runId = 'r1000000-0000-4000-8000-000000000001';
  const transitions: TTransitionFacts[] = [
    {
      testId: 'aws.s3.encrypted',
      resourceId: 'bucket-b',
      fromStatus: null,
      toStatus: 'pass',
      at: '2026-01-11T12:00:00.000Z',
    },
    {
      testId: 'aws.s3.encrypted',
      resourceId: 'bucket-a',
      fromStatus: 'pass',
      toStatus: 'fail',
      at: '2026-01-11T12:00:00.000Z',
    },
    {
      testId: 'aws.iam.mfa',
      resourceId: 'ada',
      fromStatus: 'fail',
      toStatus: null,
      at: '2026-01-11T12:00:00.000Z',
    },
  ];

  const [pdfEvidence, csvEvidence] = evidence as [TMatrixEvidence, TMatrixEvidence];
  // The PDF's validity was edited after collection: entry 101 commits to its first validity, 105 to now.
  const contents: Array<Omit<TLedgerEntry, 'prevHash' | 'hash'>> = [
    {
      seq: 101,
      occurredAt: pdfEvidence.collectedAt,
      kind: 'evidence',
      refId: pdfEvidence.id,
      digest: evidenceDigest({ ...pdfEvidence, validUntil: '2026-03-10' }),
    },
    {
      seq: 102,
      occurredAt: '2026-01-11T11:00:00.000Z',
      kind: 'audit_log',
      refId: '41',
      digest: auditEntries[0]?.hash ?? '',
    },
    {
      seq: 103,
      occurredAt: '2026-01-11T12:00:00.000Z',
      kind: 'test_transitions',
      refId: runId,
      digest: transitionsDigest(runId, transitions),
    },
    {
      seq: 104,
      occurredAt: '2026-01-12T11:00:00.000Z',
      kind: 'audit_log',
      refId: '42',
      digest: auditEntries[1]?.hash ?? '',
    },
    {
      seq: 105,
      occurredAt: '2026-01-12T12:00:00.000Z',
      kind: 'evidence',
      refId: pdfEvidence.id,
      digest: evidenceDigest(pdfEvidence),
    },
    {
      seq: 106,
      occurredAt: csvEvidence.collectedAt,
      kind: 'evidence',
      refId: csvEvidence.id,
      digest: evidenceDigest(csvEvidence),
    },
  ];
  pdfEvidence.ledgerSeq = 105;
  csvEvidence.ledgerSeq = 106;
  const anchor = createHash('sha256').update('entry 100').digest('hex');
  const entries: TLedgerEntry[] = [];
  let prevLedger = anchor;
  for (const content of contents) {
    const hash = ledgerHash(prevLedger, content);
    entries.push({ ...content, prevHash: prevLedger, hash });
    prevLedger = hash;
  }

  files.set(PACKAGE_PATHS.publicKey, encode(key.publicKeyPem));
  files.set(PACKAGE_PATHS.evidenceIndex, encode(evidenceIndexCsv(evidence)));
  files.set(pdfEvidence.path, pdf);
  files.set(csvEvidence.path, csv);
  files.set(PACKAGE_PATHS.ledgerSegment, encode(entries.map((e) => `${JSON.stringify(e)}\n`).join('')));
  files.set(
    PACKAGE_PATHS.auditLog,
    encode(
      auditEntries
        .map((e) => `${JSON.stringify({ ...e, occurredAt: e.occurredAt.toISOString() })}\n`)
        .join(''),
    ),
  );
  files.set(transitionsPath(runId), encode(transitions.map((t) => `${JSON.stringify(t)}\n`).join('')));

  const manifest: TManifest = {
    format: PACKAGE_FORMAT,
    formatVersion: FORMAT_VERSION,
    organization: { name: 'Acme Cloud', slug: 'acme' },
    auditId: 'a1000000-0000-4000-8000-000000000001',
    period: { from: '2026-01-01', to: '2026-03-31' },
    generatedAt: '2026-04-02T08:00:00.000Z',
    publicKey: { algorithm: 'ed25519', pem: key.publicKeyPem, fingerprint: key.fingerprint },
    ledger: { anchorPrevHash: anchor, head: prevLedger, firstSeq: 101, entries: entries.length },
    files: [...files].map(([path, bytes]) => ({ path, sizeBytes: bytes.byteLength, sha256: sha256(bytes) })),
  };
  resign(files, manifest, key.privateKeyPem);
  return { files, manifest, key, evidencePaths: [pdfEvidence.path, csvEvidence.path], runId };
}
