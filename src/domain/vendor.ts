import { AttestlyError } from './errors.ts';
import { addDays, daysBetween } from './report-period.ts';

// Vendors and subservice organizations (CC9.2). A vendor's tier comes from three answers, each rated on
// a 0-to-3 scale (0 none, 1 low, 2 medium, 3 high):
//   data it touches (the most sensitive category), how much the service depends on it, access to production.
// Tier: critical with two or more answers at 3, high with one, medium with any answer at 2, low otherwise.
// Critical vendors are reviewed quarterly, the others annually (unless the organization sets a cadence).
// A SOC 2 report counts for 12 months after its period ends (unless the report says otherwise); a bridge
// letter extends that to the date it covers. Warnings: a report expiring within 60 days, expired or missing
// (critical and high vendors), a modified opinion, a contract renewal within 60 days, a review overdue.

export const VENDOR_DATA_CATEGORIES = [
  'customer_personal_data',
  'customer_confidential_data',
  'employee_data',
  'financial',
  'credentials_secrets',
  'none',
] as const;
export type TVendorDataCategory = (typeof VENDOR_DATA_CATEGORIES)[number];

export const OPERATIONAL_DEPENDENCIES = ['none', 'minor', 'degraded', 'outage'] as const;
export type TOperationalDependency = (typeof OPERATIONAL_DEPENDENCIES)[number];

export const PRODUCTION_ACCESS = ['none', 'limited', 'administrative'] as const;
export type TProductionAccess = (typeof PRODUCTION_ACCESS)[number];

export const VENDOR_TIERS = ['critical', 'high', 'medium', 'low'] as const;
export type TVendorTier = (typeof VENDOR_TIERS)[number];

export const VENDOR_STATUSES = ['active', 'offboarded'] as const;
export type TVendorStatus = (typeof VENDOR_STATUSES)[number];

export const REVIEW_CADENCES = ['quarterly', 'semiannual', 'annual'] as const;
export type TReviewCadence = (typeof REVIEW_CADENCES)[number];
export const CADENCE_MONTHS: Record<TReviewCadence, number> = { quarterly: 3, semiannual: 6, annual: 12 };

export const VENDOR_REPORT_TYPES = ['type1', 'type2'] as const;
export type TVendorReportType = (typeof VENDOR_REPORT_TYPES)[number];

export const REPORT_OPINIONS = ['unqualified', 'qualified', 'adverse', 'disclaimer'] as const;
export type TReportOpinion = (typeof REPORT_OPINIONS)[number];

export const REVIEW_OUTCOMES = ['approved', 'approved_with_conditions', 'rejected'] as const;
export type TReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const SUBSERVICE_METHODS = ['carve_out', 'inclusive'] as const;
export type TSubserviceMethod = (typeof SUBSERVICE_METHODS)[number];

/** How far ahead a report's end of coverage, or a contract renewal, is worth a warning. */
export const REPORT_EXPIRING_WITHIN_DAYS = 60;
export const RENEWAL_WITHIN_DAYS = 60;
/** A SOC 2 report is relied on for this long after its period ends. */
export const REPORT_VALID_MONTHS = 12;

type TLevel = 0 | 1 | 2 | 3;

export interface TRubricOption<T extends string> {
  value: T;
  label: string;
  level: TLevel;
}

const DATA_LEVELS: Record<TVendorDataCategory, TLevel> = {
  customer_personal_data: 3,
  customer_confidential_data: 3,
  credentials_secrets: 3,
  employee_data: 2,
  financial: 2,
  none: 0,
};

/** The rubric as the forms ask it: each question, its options and the level each answer counts as. */
export const VENDOR_RUBRIC = {
  data: {
    question: 'What data does the vendor store, process or see?',
    options: [
      { value: 'customer_personal_data', label: 'Customer personal data', level: 3 },
      { value: 'customer_confidential_data', label: 'Customer confidential data', level: 3 },
      { value: 'credentials_secrets', label: 'Credentials or secrets', level: 3 },
      { value: 'employee_data', label: 'Employee data', level: 2 },
      { value: 'financial', label: 'Financial data', level: 2 },
      { value: 'none', label: 'None of these', level: 0 },
    ] satisfies TRubricOption<TVendorDataCategory>[],
  },
  dependency: {
    question: 'If the vendor were unavailable for a day, what would happen to your service?',
    options: [
      { value: 'none', label: 'Nothing noticeable', level: 0 },
      { value: 'minor', label: 'Minor: an internal inconvenience with a workaround', level: 1 },
      { value: 'degraded', label: 'Degraded: part of the service or a key process stops', level: 2 },
      { value: 'outage', label: 'Outage: the service to customers stops', level: 3 },
    ] satisfies TRubricOption<TOperationalDependency>[],
  },
  access: {
    question: 'What access does the vendor have to your production systems?',
    options: [
      { value: 'none', label: 'None', level: 0 },
      { value: 'limited', label: 'Limited: an integration reads or receives production data', level: 2 },
      {
        value: 'administrative',
        label: 'Administrative: hosts production, deploys to it or controls who can reach it',
        level: 3,
      },
    ] satisfies TRubricOption<TProductionAccess>[],
  },
  rule: 'Critical: two or more answers at the highest level. High: one answer at the highest level. Medium: any answer at the middle level. Low: otherwise. Critical vendors are reviewed quarterly, the others annually.',
} as const;

export interface TRubricAnswers {
  dataCategories: readonly TVendorDataCategory[];
  operationalDependency: TOperationalDependency;
  productionAccess: TProductionAccess;
}

export interface TTierAssessment {
  tier: TVendorTier;
  levels: { data: TLevel; dependency: TLevel; access: TLevel };
  /** Why, in words: one line per answer that counted, then the rule that decided. */
  reasons: string[];
}

const LEVEL_WORDS = ['none', 'low', 'medium', 'high'] as const;

/** "high (outage)"; just "none" when the answer says no more than its level. */
function levelWithAnswer(option: TRubricOption<string>): string {
  const answer = option.label.split(':')[0]?.toLowerCase() ?? '';
  const word = LEVEL_WORDS[option.level];
  return answer === word ? word : `${word} (${answer})`;
}

function optionOf<T extends string>(options: readonly TRubricOption<T>[], value: T): TRubricOption<T> {
  const option = options.find((o) => o.value === value);
  if (!option) throw new AttestlyError('INVALID_INPUT', `unknown rubric answer "${value}"`);
  return option;
}

/** Refuses an empty list and "none" beside a real category; returns the categories sorted and unique. */
export function checkDataCategories(categories: readonly string[]): TVendorDataCategory[] {
  const unique = [...new Set(categories)];
  const unknown = unique.find((c) => !(VENDOR_DATA_CATEGORIES as readonly string[]).includes(c));
  if (unknown !== undefined)
    throw new AttestlyError('INVALID_INPUT', `unknown data category "${unknown}"`, {
      field: 'dataCategories',
    });
  if (unique.length === 0)
    throw new AttestlyError('INVALID_INPUT', 'choose the data the vendor touches, or "none"', {
      field: 'dataCategories',
    });
  if (unique.includes('none') && unique.length > 1)
    throw new AttestlyError('INVALID_INPUT', '"none" cannot be chosen with other data categories', {
      field: 'dataCategories',
    });
  return (unique as TVendorDataCategory[]).sort(
    (a, b) => VENDOR_DATA_CATEGORIES.indexOf(a) - VENDOR_DATA_CATEGORIES.indexOf(b),
  );
}

/** The vendor's tier from the rubric's three answers, with the reasons a reviewer reads. */
export function vendorTier(answers: TRubricAnswers): TTierAssessment {
  const data = Math.max(0, ...answers.dataCategories.map((c) => DATA_LEVELS[c])) as TLevel;
  const dependency = optionOf(VENDOR_RUBRIC.dependency.options, answers.operationalDependency);
  const access = optionOf(VENDOR_RUBRIC.access.options, answers.productionAccess);
  const levels = { data, dependency: dependency.level, access: access.level };
  const all = [levels.data, levels.dependency, levels.access];
  const highs = all.filter((l) => l === 3).length;
  const tier: TVendorTier =
    highs >= 2 ? 'critical' : highs === 1 ? 'high' : all.includes(2) ? 'medium' : 'low';
  const sensitive = answers.dataCategories.filter((c) => DATA_LEVELS[c] === data && data > 0);
  const reasons = [
    `Data: ${LEVEL_WORDS[data]}${sensitive.length > 0 ? ` (${sensitive.map((c) => optionOf(VENDOR_RUBRIC.data.options, c).label.toLowerCase()).join(', ')})` : ''}`,
    `Operational dependency: ${levelWithAnswer(dependency)}`,
    `Production access: ${levelWithAnswer(access)}`,
    tier === 'critical'
      ? `${highs} answers at the highest level: critical`
      : tier === 'high'
        ? 'One answer at the highest level: high'
        : tier === 'medium'
          ? 'An answer at the middle level: medium'
          : 'No answer above low: low',
  ];
  return { tier, levels, reasons };
}

/** The cadence a vendor is reviewed at: the organization's choice, else quarterly when critical, annual otherwise. */
export function reviewCadenceOf(tier: TVendorTier, chosen: TReviewCadence | null): TReviewCadence {
  return chosen ?? (tier === 'critical' ? 'quarterly' : 'annual');
}

/** A calendar date some months later, kept inside the month (Jan 31 + 1 month is Feb 28 or 29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** When the next review is due: a cadence after the last one; null before the first review. */
export function nextReviewDue(lastReviewedOn: string | null, cadence: TReviewCadence): string | null {
  return lastReviewedOn === null ? null : addMonths(lastReviewedOn, CADENCE_MONTHS[cadence]);
}

/** The default end of a report's usefulness: 12 months after its period ends. */
export function defaultReportExpiry(periodEnd: string): string {
  return addMonths(periodEnd, REPORT_VALID_MONTHS);
}

/**
 * Checks a report's period: a Type 1 describes one date (start = end), a Type 2 a period with its start
 * before its end. Returns the start to store.
 */
export function checkReportPeriod(
  type: TVendorReportType,
  periodStart: string | null,
  periodEnd: string,
): string {
  if (type === 'type1') {
    if (periodStart !== null && periodStart !== periodEnd)
      throw new AttestlyError('INVALID_INPUT', 'a Type 1 report is as of one date: leave the start empty', {
        field: 'periodStart',
      });
    return periodEnd;
  }
  if (periodStart === null)
    throw new AttestlyError('INVALID_INPUT', 'a Type 2 report covers a period: give its start', {
      field: 'periodStart',
    });
  if (periodStart >= periodEnd)
    throw new AttestlyError(
      'INVALID_INPUT',
      `the period starts (${periodStart}) after it ends (${periodEnd})`,
      {
        field: 'periodStart',
      },
    );
  return periodStart;
}

export interface TReportDates {
  periodEnd: string;
  expiresOn: string;
  /** The date a bridge letter covers to, when there is one. */
  bridgeCoveredUntil: string | null;
}

/** The last day a report (with its bridge letter, if later) can be relied on. */
export function coveredUntil(report: TReportDates): string {
  const bridge = report.bridgeCoveredUntil;
  return bridge !== null && bridge > report.expiresOn ? bridge : report.expiresOn;
}

export const REPORT_STATUSES = ['current', 'expiring', 'expired', 'missing', 'none'] as const;
export type TReportStatus = (typeof REPORT_STATUSES)[number];

/** A vendor needs a current SOC 2 report when it is critical or high. */
export function needsReport(tier: TVendorTier): boolean {
  return tier === 'critical' || tier === 'high';
}

/** The report that speaks for the vendor now: the one whose period ends last. */
export function latestReport<T extends TReportDates & { id: string }>(reports: readonly T[]): T | null {
  let latest: T | null = null;
  for (const r of reports)
    if (!latest || r.periodEnd > latest.periodEnd || (r.periodEnd === latest.periodEnd && r.id > latest.id))
      latest = r;
  return latest;
}

/** The status badge: from the latest report, or missing (needed) / none (not needed) without one. */
export function reportStatus(latest: TReportDates | null, tier: TVendorTier, today: string): TReportStatus {
  if (latest === null) return needsReport(tier) ? 'missing' : 'none';
  const until = coveredUntil(latest);
  if (until < today) return 'expired';
  return until <= addDays(today, REPORT_EXPIRING_WITHIN_DAYS) ? 'expiring' : 'current';
}

export const VENDOR_WARNING_KINDS = [
  'report_missing',
  'report_expired',
  'report_expiring',
  'opinion_modified',
  'renewal_passed',
  'renewal_approaching',
  'review_missing',
  'review_overdue',
] as const;
export type TVendorWarningKind = (typeof VENDOR_WARNING_KINDS)[number];

export interface TVendorWarning {
  kind: TVendorWarningKind;
  /** bad: act now (lapsed or missing); warn: act soon. */
  severity: 'bad' | 'warn';
  message: string;
  /** The date the warning is about (expiry, renewal, due date), when there is one. */
  date: string | null;
}

export interface TVendorFacts {
  tier: TVendorTier;
  status: TVendorStatus;
  renewalDate: string | null;
  cadence: TReviewCadence;
  lastReviewedOn: string | null;
  latest: (TReportDates & { opinion: TReportOpinion }) | null;
}

function inDays(today: string, date: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days < 0) return `${-days} day${days === -1 ? '' : 's'} ago`;
  return `in ${days} day${days === 1 ? '' : 's'}`;
}

/** What needs attention on a vendor today; nothing for an offboarded vendor. */
export function vendorWarnings(v: TVendorFacts, today: string): TVendorWarning[] {
  if (v.status !== 'active') return [];
  const out: TVendorWarning[] = [];
  const status = reportStatus(v.latest, v.tier, today);
  if (status === 'missing')
    out.push({
      kind: 'report_missing',
      severity: 'bad',
      message: `No SOC 2 report on file for a ${v.tier} vendor`,
      date: null,
    });
  if (v.latest && (status === 'expired' || status === 'expiring')) {
    const until = coveredUntil(v.latest);
    const bridged = until !== v.latest.expiresOn ? ' (with its bridge letter)' : '';
    out.push(
      status === 'expired'
        ? {
            kind: 'report_expired',
            severity: 'bad',
            message: `SOC 2 report${bridged} expired ${inDays(today, until)}, on ${until}`,
            date: until,
          }
        : {
            kind: 'report_expiring',
            severity: 'warn',
            message: `SOC 2 report${bridged} expires ${inDays(today, until)}, on ${until}`,
            date: until,
          },
    );
  }
  if (v.latest && v.latest.opinion !== 'unqualified')
    out.push({
      kind: 'opinion_modified',
      severity: v.latest.opinion === 'qualified' ? 'warn' : 'bad',
      message: `The latest SOC 2 report has a${v.latest.opinion === 'adverse' ? 'n' : ''} ${v.latest.opinion} opinion`,
      date: null,
    });
  if (v.renewalDate !== null) {
    if (v.renewalDate < today)
      out.push({
        kind: 'renewal_passed',
        severity: 'warn',
        message: `The contract renewal date passed ${inDays(today, v.renewalDate)}: record the new term`,
        date: v.renewalDate,
      });
    else if (v.renewalDate <= addDays(today, RENEWAL_WITHIN_DAYS))
      out.push({
        kind: 'renewal_approaching',
        severity: 'warn',
        message: `The contract renews ${inDays(today, v.renewalDate)}, on ${v.renewalDate}`,
        date: v.renewalDate,
      });
  }
  const due = nextReviewDue(v.lastReviewedOn, v.cadence);
  if (due === null)
    out.push({ kind: 'review_missing', severity: 'warn', message: 'Not reviewed yet', date: null });
  else if (due < today)
    out.push({
      kind: 'review_overdue',
      severity: 'bad',
      message: `The ${v.cadence} review was due ${inDays(today, due)}, on ${due}`,
      date: due,
    });
  return out;
}
