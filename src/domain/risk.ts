import { z } from 'zod';
import { AttestlyError } from './errors.ts';
import type { TMemberRole } from './permissions.ts';

// The risk register's rules (CC3.1 to CC3.4). A risk is rated twice on 1-to-5 scales: inherent (before
// its controls) and residual (after them). Its score is likelihood x impact (1 to 25) and its rating is a
// band of that score:
//   low 1-4, medium 5-9, high 10-16, critical 20-25.
// No product of two 1-to-5 numbers falls between 17 and 19, so the bands cover every possible score.
// Rules: the residual score never exceeds the inherent one (controls do not add risk); a risk is accepted
// only when its treatment is 'accept', and only by an owner or an admin.

export const RISK_CATEGORIES = [
  'security',
  'availability',
  'confidentiality',
  'privacy',
  'processing_integrity',
  /** CC3.3: the potential for fraud. */
  'fraud',
  /** CC3.4: changes that could significantly affect internal control. */
  'change',
  'vendor',
  'operational',
  'compliance',
] as const;
export type TRiskCategory = (typeof RISK_CATEGORIES)[number];

export const RISK_TREATMENTS = ['mitigate', 'accept', 'transfer', 'avoid'] as const;
export type TRiskTreatment = (typeof RISK_TREATMENTS)[number];

export const RISK_STATUSES = ['open', 'closed'] as const;
export type TRiskStatus = (typeof RISK_STATUSES)[number];

export const RISK_RATINGS = ['low', 'medium', 'high', 'critical'] as const;
export type TRiskRating = (typeof RISK_RATINGS)[number];

export const ZRiskLevel = z.number().int().min(1).max(5);

export interface TRiskRatingInput {
  likelihood: number;
  impact: number;
}

export function riskScore({ likelihood, impact }: TRiskRatingInput): number {
  if (!Number.isInteger(likelihood) || likelihood < 1 || likelihood > 5)
    throw new AttestlyError('INVALID_INPUT', 'likelihood is a whole number from 1 to 5', {
      field: 'likelihood',
    });
  if (!Number.isInteger(impact) || impact < 1 || impact > 5)
    throw new AttestlyError('INVALID_INPUT', 'impact is a whole number from 1 to 5', { field: 'impact' });
  return likelihood * impact;
}

export function ratingOf(score: number): TRiskRating {
  if (score <= 4) return 'low';
  if (score <= 9) return 'medium';
  if (score <= 16) return 'high';
  return 'critical';
}

export interface TRiskAssessment {
  inherentLikelihood: number;
  inherentImpact: number;
  residualLikelihood: number;
  residualImpact: number;
  treatment: TRiskTreatment;
}

/** Refuses a residual rating above the inherent one; names the field to correct. */
export function checkRiskAssessment(r: TRiskAssessment): void {
  const inherent = riskScore({ likelihood: r.inherentLikelihood, impact: r.inherentImpact });
  const residual = riskScore({ likelihood: r.residualLikelihood, impact: r.residualImpact });
  if (residual > inherent) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `the residual score (${residual}) cannot exceed the inherent score (${inherent}): controls do not add risk`,
      { field: 'residualLikelihood' },
    );
  }
}

/** Whether a risk may be accepted now, by this role; throws the reason otherwise. */
export function checkRiskAcceptance(
  risk: { treatment: TRiskTreatment; status: TRiskStatus },
  role: TMemberRole,
  note: string,
): void {
  if (role !== 'owner' && role !== 'admin')
    throw new AttestlyError('FORBIDDEN', 'only an owner or an admin may accept a risk');
  if (risk.treatment !== 'accept') {
    throw new AttestlyError(
      'INVALID_INPUT',
      `a risk is accepted only when its treatment is "accept" (it is "${risk.treatment}")`,
      { field: 'treatment' },
    );
  }
  if (risk.status !== 'open') throw new AttestlyError('INVALID_INPUT', 'a closed risk is not accepted');
  if (note.trim().length === 0 || note.length > 2000)
    throw new AttestlyError('INVALID_INPUT', 'say why the risk is accepted (1 to 2000 characters)', {
      field: 'note',
    });
}

export interface THeatMapCell {
  likelihood: number;
  impact: number;
  score: number;
  rating: TRiskRating;
  count: number;
}

/** Counts per likelihood x impact cell, all 25 cells, likelihood 5 first (the top row of a heat map). */
export function heatMap(points: ReadonlyArray<TRiskRatingInput>): THeatMapCell[] {
  const cells: THeatMapCell[] = [];
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    for (let impact = 1; impact <= 5; impact++) {
      const score = likelihood * impact;
      const count = points.filter((p) => p.likelihood === likelihood && p.impact === impact).length;
      cells.push({ likelihood, impact, score, rating: ratingOf(score), count });
    }
  }
  return cells;
}

/** An entry of the starter library: a common SaaS risk, rated for a typical company, with suggested controls. */
export const ZRiskLibraryEntry = z.strictObject({
  id: z.string().regex(/^RL-\d{2}$/),
  title: z.string().min(1).max(200),
  description: z.string().min(1),
  category: z.enum(RISK_CATEGORIES),
  criteria: z.array(z.string().regex(/^[A-Z]+\d\.\d+$/)).min(1),
  likelihood: ZRiskLevel,
  impact: ZRiskLevel,
  suggestedControls: z.array(z.string().regex(/^[A-Z]+-\d{2}$/)).min(1),
});
export type TRiskLibraryEntry = z.infer<typeof ZRiskLibraryEntry>;
