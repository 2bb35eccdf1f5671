import { findLibraryRisk } from '../../catalog/risk-library.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { checkRiskAssessment } from '../../domain/risk.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TRisk } from '../ports.ts';
import { checkTitle, resolveControlCodes, resolveRiskRefs, type TRiskInput } from './risk-input.ts';

export interface TCreateRiskInput extends TRiskInput {
  /** Adopt this starter-library entry: its text, rating and suggested controls fill what is not given. */
  libraryId?: string | undefined;
  controlCodes?: string[] | undefined;
}

/** Records a new risk, from scratch or adopted from the starter library. */
export async function createRisk(deps: AppDeps, scope: OrgScope, input: TCreateRiskInput): Promise<TRisk> {
  const entry = input.libraryId !== undefined ? findLibraryRisk(input.libraryId) : undefined;
  if (input.libraryId !== undefined && !entry)
    throw new AttestlyError('NOT_FOUND', `no library risk "${input.libraryId}"`, { field: 'libraryId' });
  const title = checkTitle(input.title ?? entry?.title ?? '');
  const category = input.category ?? entry?.category;
  if (!category) throw new AttestlyError('INVALID_INPUT', 'choose a category', { field: 'category' });
  const inherentLikelihood = input.inherentLikelihood ?? entry?.likelihood ?? 3;
  const inherentImpact = input.inherentImpact ?? entry?.impact ?? 3;
  const assessment = {
    inherentLikelihood,
    inherentImpact,
    residualLikelihood: input.residualLikelihood ?? inherentLikelihood,
    residualImpact: input.residualImpact ?? inherentImpact,
    treatment: input.treatment ?? 'mitigate',
  };
  checkRiskAssessment(assessment);
  return deps.store.transaction(async (repos) => {
    const refs = await resolveRiskRefs(repos, scope, input);
    const codes = input.controlCodes ?? entry?.suggestedControls ?? [];
    // A library entry's suggestion names catalog controls; skip those the organization has not adopted.
    const known = input.controlCodes
      ? codes
      : (
          await Promise.all(codes.map(async (c) => ((await repos.controls.findByCode(scope, c)) ? c : null)))
        ).filter((c): c is string => c !== null);
    const controlIds = await resolveControlCodes(repos, scope, known);
    const risk: TRisk = {
      id: deps.newId(),
      version: 1,
      title,
      description: (input.description ?? entry?.description ?? '').trim(),
      category,
      libraryId: entry?.id ?? null,
      ...assessment,
      ownerUserId: refs.ownerUserId ?? null,
      reviewDate: refs.reviewDate ?? null,
      status: input.status ?? 'open',
      acceptedBy: null,
      acceptedByLabel: null,
      acceptedAt: null,
      acceptanceNote: null,
      controlIds,
    };
    await repos.risks.insert(scope, risk);
    await repos.risks.setControls(scope, risk.id, controlIds);
    await recordChange(repos, scope, deps, 'risk.created', { type: 'risk', id: risk.id }, { ...risk });
    return risk;
  });
}
