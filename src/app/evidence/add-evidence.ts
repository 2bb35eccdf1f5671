import { parseIsoDate, toIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { mediaTypeFor } from '../../domain/media-type.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TEvidenceRecord } from '../ports.ts';
import { recordReadinessSnapshot } from '../readiness/record-readiness-snapshot.ts';

export interface TAddEvidenceInput {
  bytes: Uint8Array;
  fileName: string;
  title?: string | undefined;
  controlCodes: string[];
  validFrom?: string | undefined;
  validUntil?: string | undefined;
  /** Where the file came from; an upload unless a use-case generated it (an access review's report). */
  source?: TEvidenceRecord['source'] | undefined;
}

/**
 * Stores an evidence file by its SHA-256 and links it to controls. Everything is checked before anything is
 * written; the blob is content-addressed, so a failure after storing it leaves no visible record.
 */
export async function addEvidence(
  deps: AppDeps,
  scope: OrgScope,
  input: TAddEvidenceInput,
): Promise<TEvidenceRecord> {
  if (input.controlCodes.length === 0) {
    throw new AttestlyError(
      'INVALID_INPUT',
      'evidence must be linked to at least one control (--control ID)',
      { field: 'controls' },
    );
  }
  const today = toIsoDate(deps.clock.now());
  const validFrom = input.validFrom !== undefined ? parseIsoDate(input.validFrom, 'valid-from date') : today;
  const validUntil =
    input.validUntil !== undefined ? parseIsoDate(input.validUntil, 'valid-until date') : null;
  if (validUntil !== null && validUntil < validFrom) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `the evidence is valid until ${validUntil}, before it is valid from ${validFrom}`,
      { field: 'validUntil' },
    );
  }
  const controls = await deps.store.repos.controls.list(scope);
  const codes = [...new Set(input.controlCodes.map((c) => c.trim()))];
  const linked = codes.map((code) => {
    const control = controls.find((c) => c.code === code);
    if (!control)
      throw new AttestlyError('NOT_FOUND', `unknown control "${code}" (see "attestly controls")`, {
        field: 'controls',
      });
    return control;
  });

  const blob = await deps.blobs.put(input.bytes);
  const record: TEvidenceRecord = {
    id: deps.newId(),
    title: input.title?.trim() || input.fileName,
    fileName: input.fileName,
    mediaType: mediaTypeFor(input.fileName),
    sizeBytes: blob.sizeBytes,
    sha256: blob.sha256,
    blobKey: blob.key,
    source: input.source ?? 'upload',
    validFrom,
    validUntil,
    collectedAt: deps.clock.now(),
    controlCodes: linked.map((c) => c.code).sort(),
  };
  await deps.store.transaction(async (repos) => {
    const { controlCodes: _codes, ...row } = record;
    await repos.evidence.insert(
      scope,
      row,
      linked.map((c) => c.id),
      null,
    );
    await recordChange(
      repos,
      scope,
      deps,
      'evidence.added',
      { type: 'evidence', id: record.id },
      {
        fileName: record.fileName,
        sha256: record.sha256,
        controls: record.controlCodes,
        validFrom,
        validUntil,
      },
    );
  });
  await recordReadinessSnapshot(deps, scope);
  return record;
}
