import { parseIsoDate } from '../../domain/dates.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { normalizeEmail } from '../../domain/secret-tokens.ts';
import type {
  TOperationalDependency,
  TProductionAccess,
  TReviewCadence,
  TVendorStatus,
} from '../../domain/vendor.ts';
import type { AppDeps, OrgScope, Repositories, TVendor } from '../ports.ts';

// What a caller may set on a vendor, and how its references (owner, dates, criteria) resolve.

export interface TVendorInput {
  name?: string | undefined;
  services?: string | undefined;
  dataCategories?: string[] | undefined;
  operationalDependency?: TOperationalDependency | undefined;
  productionAccess?: TProductionAccess | undefined;
  ownerEmail?: string | null | undefined;
  contractStart?: string | null | undefined;
  renewalDate?: string | null | undefined;
  /** null: by tier. */
  reviewCadence?: TReviewCadence | null | undefined;
  status?: TVendorStatus | undefined;
}

/** A calendar date, or a refusal that names the form field. */
export function dateField(value: string, label: string, field: string): string {
  try {
    return parseIsoDate(value, label);
  } catch (error) {
    if (error instanceof AttestlyError)
      throw new AttestlyError(error.code, error.message, { ...error.details, field });
    throw error;
  }
}

export function optionalDate(value: string | null, label: string, field: string): string | null {
  return value === null || value === '' ? null : dateField(value, label, field);
}

export function checkText(
  value: string,
  field: string,
  what: string,
  max: number,
  required: boolean,
): string {
  const text = value.trim();
  if ((required && text.length === 0) || text.length > max)
    throw new AttestlyError(
      'INVALID_INPUT',
      `${what} has ${required ? 1 : 0} to ${max} characters${required ? ' and is required' : ''}`,
      { field },
    );
  return text;
}

/** The owner's user id from their email; the owner must be a member of the organization. */
export async function resolveOwner(
  repos: Repositories,
  scope: OrgScope,
  ownerEmail: string | null,
): Promise<string | null> {
  if (ownerEmail === null || ownerEmail.trim() === '') return null;
  const email = normalizeEmail(ownerEmail);
  const user = email ? await repos.users.findByEmail(email) : null;
  if (!user || !(await repos.memberships.find(scope, user.id)))
    throw new AttestlyError('INVALID_INPUT', `${ownerEmail} is not a member of this organization`, {
      field: 'ownerEmail',
    });
  return user.id;
}

/** Criterion ids as the catalog spells them; an unknown one is refused by name. */
export function resolveCriteria(
  deps: Pick<AppDeps, 'catalog'>,
  criteria: readonly string[],
  field: string,
): string[] {
  const known = new Set(deps.catalog.criteria.map((c) => c.id));
  const out = new Set<string>();
  for (const raw of criteria) {
    const id = raw.trim().toUpperCase();
    if (!id) continue;
    if (!known.has(id)) throw new AttestlyError('NOT_FOUND', `unknown criterion "${raw.trim()}"`, { field });
    out.add(id);
  }
  return [...out].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Refuses a renewal before the contract starts. */
export function checkContractDates(v: Pick<TVendor, 'contractStart' | 'renewalDate'>): void {
  if (v.contractStart !== null && v.renewalDate !== null && v.renewalDate < v.contractStart)
    throw new AttestlyError(
      'INVALID_INPUT',
      `the renewal date (${v.renewalDate}) comes before the contract start (${v.contractStart})`,
      { field: 'renewalDate' },
    );
}

/** A vendor with the same name (any case), so the inventory has each vendor once. */
export async function checkUniqueName(
  repos: Repositories,
  scope: OrgScope,
  name: string,
  exceptId: string | null,
): Promise<void> {
  const clash = (await repos.vendors.list(scope)).find(
    (v) => v.id !== exceptId && v.name.toLowerCase() === name.toLowerCase(),
  );
  if (clash)
    throw new AttestlyError('CONFLICT', `a vendor named "${clash.name}" is already in the inventory`, {
      field: 'name',
    });
}
