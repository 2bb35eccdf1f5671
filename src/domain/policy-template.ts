import { createHash } from 'node:crypto';
import { OWNER_ROLE_LABELS, type TOwnerRole } from './catalog-types.ts';

const CADENCE_LABELS: Record<string, string> = {
  annual: 'at least once a year',
  'semi-annual': 'at least every six months',
  quarterly: 'at least every quarter',
};

export interface TPolicyValues {
  companyName: string;
  ownerRole: TOwnerRole;
  reviewCadence: string;
  effectiveDate: string;
}

/** Fills a template's placeholders; the catalog loader has already refused unknown ones. */
export function renderPolicyTemplate(body: string, values: TPolicyValues): string {
  const replacements: Record<string, string> = {
    company_name: values.companyName,
    policy_owner: OWNER_ROLE_LABELS[values.ownerRole],
    review_cadence: CADENCE_LABELS[values.reviewCadence] ?? values.reviewCadence,
    effective_date: values.effectiveDate,
  };
  return body.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => replacements[name] ?? whole);
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
