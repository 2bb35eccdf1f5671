import { parseIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import type { TRiskCategory, TRiskStatus, TRiskTreatment } from '../../domain/risk.ts';
import { normalizeEmail } from '../../domain/secret-tokens.ts';
import type { OrgScope, Repositories, TRisk } from '../ports.ts';

// What a caller may set on a risk, and how its references (owner, controls) resolve in the organization.

export interface TRiskInput {
  title?: string | undefined;
  description?: string | undefined;
  category?: TRiskCategory | undefined;
  inherentLikelihood?: number | undefined;
  inherentImpact?: number | undefined;
  residualLikelihood?: number | undefined;
  residualImpact?: number | undefined;
  ownerEmail?: string | null | undefined;
  treatment?: TRiskTreatment | undefined;
  reviewDate?: string | null | undefined;
  status?: TRiskStatus | undefined;
}

export function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed || trimmed.length > 200)
    throw new AttestlyError('INVALID_INPUT', 'a risk title (1 to 200 characters) is required', {
      field: 'title',
    });
  return trimmed;
}

export async function resolveRiskRefs(
  repos: Repositories,
  scope: OrgScope,
  input: TRiskInput,
): Promise<Partial<Pick<TRisk, 'ownerUserId' | 'reviewDate'>>> {
  const out: Partial<Pick<TRisk, 'ownerUserId' | 'reviewDate'>> = {};
  if (input.ownerEmail !== undefined) {
    if (input.ownerEmail === null || input.ownerEmail.trim() === '') out.ownerUserId = null;
    else {
      const email = normalizeEmail(input.ownerEmail);
      const user = email ? await repos.users.findByEmail(email) : null;
      if (!user || !(await repos.memberships.find(scope, user.id))) {
        throw new AttestlyError('INVALID_INPUT', `${input.ownerEmail} is not a member of this organization`, {
          field: 'ownerEmail',
        });
      }
      out.ownerUserId = user.id;
    }
  }
  if (input.reviewDate !== undefined)
    out.reviewDate = input.reviewDate === null ? null : parseIsoDate(input.reviewDate, 'review date');
  return out;
}

/** The ids of the organization's controls with these codes; an unknown code is refused by name. */
export async function resolveControlCodes(
  repos: Repositories,
  scope: OrgScope,
  codes: readonly string[],
): Promise<string[]> {
  const ids = new Set<string>();
  for (const code of codes) {
    const control = await repos.controls.findByCode(scope, code.trim().toUpperCase());
    if (!control)
      throw new AttestlyError('NOT_FOUND', `unknown control "${code}"`, { field: 'controlCodes' });
    ids.add(control.id);
  }
  return [...ids].sort();
}
