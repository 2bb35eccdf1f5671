import { parseIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TEvidenceRecord } from '../ports.ts';
import { recordReadinessSnapshot } from '../readiness/record-readiness-snapshot.ts';

export interface TEvidenceChange {
  title?: string | undefined;
  validFrom?: string | undefined;
  /** null: valid with no end date. */
  validUntil?: string | null | undefined;
}

/** Renames an evidence item or corrects the period it is valid for; the file itself never changes. */
export async function updateEvidence(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  change: TEvidenceChange,
): Promise<TEvidenceRecord> {
  if (change.title === undefined && change.validFrom === undefined && change.validUntil === undefined) {
    throw new AttestlyError('INVALID_INPUT', 'nothing to change: give title, validFrom or validUntil');
  }
  const title = change.title?.trim();
  if (title !== undefined && (title.length === 0 || title.length > 200)) {
    throw new AttestlyError('INVALID_INPUT', 'an evidence title has 1 to 200 characters', { field: 'title' });
  }
  const updated = await deps.store.transaction(async (repos) => {
    const before = await repos.evidence.find(scope, id);
    if (!before) throw new AttestlyError('NOT_FOUND', 'no such evidence');
    const validFrom =
      change.validFrom !== undefined ? parseIsoDate(change.validFrom, 'valid-from date') : before.validFrom;
    const validUntil =
      change.validUntil === undefined
        ? before.validUntil
        : change.validUntil === null
          ? null
          : parseIsoDate(change.validUntil, 'valid-until date');
    if (validUntil !== null && validUntil < validFrom) {
      throw new AttestlyError(
        'INVALID_INPUT',
        `the evidence is valid until ${validUntil}, before it is valid from ${validFrom}`,
        { field: 'validUntil' },
      );
    }
    const after = { title: title ?? before.title, validFrom, validUntil };
    await repos.evidence.update(scope, id, after, deps.clock.now());
    await recordChange(
      repos,
      scope,
      deps,
      'evidence.updated',
      { type: 'evidence', id },
      {
        before: { title: before.title, validFrom: before.validFrom, validUntil: before.validUntil },
        after,
      },
    );
    return { ...before, ...after };
  });
  await recordReadinessSnapshot(deps, scope);
  return updated;
}
