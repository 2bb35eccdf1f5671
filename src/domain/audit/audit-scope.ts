// What an auditor invited into one audit may see: that audit, and records dated inside its period. A
// period is inclusive calendar dates (YYYY-MM-DD, UTC); an instant is inside when its UTC date is.

export interface TAuditScope {
  auditId: string;
  from: string;
  to: string;
}

export function dateInPeriod(date: string, period: { from: string; to: string }): boolean {
  return date >= period.from && date <= period.to;
}

export function instantInPeriod(at: Date, period: { from: string; to: string }): boolean {
  return dateInPeriod(at.toISOString().slice(0, 10), period);
}

/** The instants of the period: from its first midnight (UTC) up to, not including, the day after its end. */
export function periodBounds(period: { from: string; to: string }): { start: Date; end: Date } {
  return {
    start: new Date(`${period.from}T00:00:00Z`),
    end: new Date(Date.parse(`${period.to}T00:00:00Z`) + 86_400_000),
  };
}

/**
 * Evidence is inside the period when it was valid during some of it (validFrom..validUntil, open-ended
 * without validUntil) or was collected during it: a policy approved before the window and valid through
 * it is evidence for the window; a screenshot taken after the window ended is not.
 */
export function evidenceInPeriod(
  e: { validFrom: string; validUntil: string | null; collectedAt: Date },
  period: { from: string; to: string },
): boolean {
  const overlaps = e.validFrom <= period.to && (e.validUntil === null || e.validUntil >= period.from);
  return overlaps || instantInPeriod(e.collectedAt, period);
}
