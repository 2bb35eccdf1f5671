import { z } from 'zod';

// The audit package's layout and manifest, shared by the builder (app/audit-package) and the offline
// verifier (verify-package.ts). Changing what a file holds, or how it is named, changes FORMAT_VERSION.

export const PACKAGE_FORMAT = 'attestly-audit-package';
export const FORMAT_VERSION = 1;

export const PACKAGE_PATHS = {
  manifest: 'manifest.json',
  signature: 'manifest.sig',
  publicKey: 'public-key.pem',
  controlMatrix: 'control-matrix.xlsx',
  evidenceIndex: 'evidence/index.csv',
  requests: 'requests.csv',
  samples: 'samples/samples.csv',
  coverage: 'timelines/coverage.csv',
  days: 'timelines/days.csv',
  ledgerSegment: 'ledger/segment.jsonl',
  auditLog: 'ledger/audit-log.jsonl',
} as const;

/** The files the manifest does not list: itself, and the signature over it. */
export const UNLISTED = new Set<string>([PACKAGE_PATHS.manifest, PACKAGE_PATHS.signature]);

export const transitionsPath = (runId: string) => `ledger/transitions/${runId}.jsonl`;
export const populationPath = (kind: string) => `populations/${kind}.csv`;
export const samplePath = (sampleId: string) => `samples/${sampleId}.csv`;

/**
 * The path of an evidence file: its id, then its name with anything a file system or zip reader could
 * misread replaced (separators, control characters, a leading dot), so no name can leave its folder.
 */
export function evidencePath(evidenceId: string, fileName: string): string {
  const safe =
    fileName
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces.
      .replace(/[\\/\u0000-\u001f\u007f:*?"<>|]/g, '_')
      .replace(/^\.+/, '_')
      .trim()
      .slice(0, 200) || 'file';
  return `evidence/${evidenceId}/${safe}`;
}

/**
 * The columns of evidence/index.csv: the fields the ledger's evidence digest commits to (so the verifier can
 * recompute it), the seq of the ledger entry that commits to them (an edit of the validity appends a newer
 * one), then where the file is in the package and what it shows.
 */
export const EVIDENCE_INDEX_HEADER = [
  'id',
  'sha256',
  'fileName',
  'mediaType',
  'sizeBytes',
  'validFrom',
  'validUntil',
  'collectedAt',
  'ledgerSeq',
  'path',
  'title',
  'controls',
  'source',
] as const;

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/);
const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ZManifestFile = z.strictObject({
  path: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  sha256: ZSha256,
});

export const ZManifest = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  organization: z.strictObject({ name: z.string(), slug: z.string() }),
  auditId: z.string().nullable(),
  period: z.strictObject({ from: ZDate, to: ZDate }),
  generatedAt: z.string(),
  publicKey: z.strictObject({ algorithm: z.literal('ed25519'), pem: z.string(), fingerprint: z.string() }),
  ledger: z.strictObject({
    anchorPrevHash: ZSha256,
    head: ZSha256,
    firstSeq: z.number().int().positive().nullable(),
    entries: z.number().int().nonnegative(),
  }),
  files: z.array(ZManifestFile),
});
export type TManifest = z.infer<typeof ZManifest>;

/** The manifest's bytes as signed: pretty JSON with a final newline, files sorted by path. */
export function manifestBytes(manifest: TManifest): Uint8Array {
  const files = [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return new TextEncoder().encode(`${JSON.stringify({ ...manifest, files }, null, 2)}\n`);
}

/** One line of ledger/transitions/<run id>.jsonl: a test result that changed in that run. */
export const ZTransitionLine = z.strictObject({
  testId: z.string(),
  resourceId: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  at: z.string(),
});
export type TTransitionLine = z.infer<typeof ZTransitionLine>;

/** One line of ledger/audit-log.jsonl: an audit-log entry as its hash chain commits to it. */
export const ZAuditLogLine = z.strictObject({
  orgId: z.string(),
  seq: z.number().int().positive(),
  occurredAt: z.string(),
  actorType: z.enum(['user', 'token', 'cli', 'system']),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  sourceAddress: z.string().nullable(),
  prevHash: ZSha256,
  hash: ZSha256,
});

/** One line of ledger/segment.jsonl. */
export const ZLedgerLine = z.strictObject({
  seq: z.number().int().positive(),
  occurredAt: z.string(),
  kind: z.enum(['evidence', 'test_transitions', 'audit_log']),
  refId: z.string(),
  digest: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
