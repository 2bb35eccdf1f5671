import { addDays } from './report-period.ts';

// Whether an evidence item still proves anything: valid, about to lapse (renew it now), or lapsed.

export const EVIDENCE_EXPIRY_STATUSES = ['valid', 'expiring', 'expired'] as const;
export type TEvidenceExpiry = (typeof EVIDENCE_EXPIRY_STATUSES)[number];

/** How many days ahead an evidence item's end of validity counts as "expiring". */
export const EXPIRING_WITHIN_DAYS = 30;

/** The expiry status on a date: expired after validUntil, expiring when it ends within the next 30 days. */
export function evidenceExpiry(
  validUntil: string | null,
  today: string,
  withinDays = EXPIRING_WITHIN_DAYS,
): TEvidenceExpiry {
  if (validUntil === null) return 'valid';
  if (validUntil < today) return 'expired';
  return validUntil <= addDays(today, withinDays) ? 'expiring' : 'valid';
}
