import { monthsCovered, parseIsoDate } from '../dates.ts';
import { AttestlyError } from '../errors.ts';
import type { TReportType } from '../program.ts';

// The audit: the firm and its contacts, the report type with its as-of date (Type 1) or observation window
// (Type 2), the phase the engagement is in, and the checklist used to choose the firm.

export const AUDIT_PHASES = ['planning', 'fieldwork', 'reporting', 'done'] as const;
export type TAuditPhase = (typeof AUDIT_PHASES)[number];

export interface TAuditContact {
  name: string;
  email: string;
  role: string | null;
}

export interface TFirmChecklistItem {
  done: boolean;
  note: string;
}

export interface TAudit {
  id: string;
  firmName: string;
  contacts: TAuditContact[];
  reportType: TReportType;
  asOfDate: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  phase: TAuditPhase;
  firmChecklist: Record<string, TFirmChecklistItem>;
  version: number;
}

/** The dates the audit covers, inclusive (YYYY-MM-DD): the as-of date twice for a Type 1, the window for a Type 2. */
export function auditPeriod(a: TAudit): { from: string; to: string } {
  if (a.reportType === 'type1') {
    const date = a.asOfDate ?? '';
    return { from: date, to: date };
  }
  return { from: a.windowStart ?? '', to: a.windowEnd ?? '' };
}

/** What to ask of a firm before engaging it; each item is ticked with a note. */
export const FIRM_CHECKLIST = [
  { key: 'answers_clearly', label: 'Answers questions clearly' },
  { key: 'knows_industry', label: 'Knows our industry' },
  { key: 'references_checked', label: 'References checked' },
  { key: 'licensed_cpa', label: 'Licensed CPA firm with an AICPA peer review' },
  { key: 'window_availability', label: 'Available for our window' },
  { key: 'fee_agreed', label: 'Fee agreed' },
] as const;
export type TFirmChecklistKey = (typeof FIRM_CHECKLIST)[number]['key'];

/** Every checklist item, not done and without a note, overlaid with what was recorded. */
export function firmChecklistOf(
  recorded: Record<string, Partial<TFirmChecklistItem>> = {},
): Record<TFirmChecklistKey, TFirmChecklistItem> {
  const out = {} as Record<TFirmChecklistKey, TFirmChecklistItem>;
  for (const { key } of FIRM_CHECKLIST) {
    const item = recorded[key];
    out[key] = { done: item?.done ?? false, note: item?.note ?? '' };
  }
  return out;
}

/** Checks a checklist change: known items only, notes of at most 1,000 characters. */
export function checkFirmChecklist(
  change: Record<string, Partial<TFirmChecklistItem>>,
): Record<string, Partial<TFirmChecklistItem>> {
  const keys = new Set<string>(FIRM_CHECKLIST.map((i) => i.key));
  for (const [key, item] of Object.entries(change)) {
    if (!keys.has(key))
      throw new AttestlyError('INVALID_INPUT', `unknown checklist item "${key}"`, { field: 'firmChecklist' });
    if (item.note !== undefined && item.note.length > 1000)
      throw new AttestlyError('INVALID_INPUT', 'a checklist note is at most 1,000 characters', {
        field: 'firmChecklist',
      });
  }
  return change;
}

/** The phase after this one, or null when the audit is done. Phases only move forward, one at a time. */
export function nextPhase(phase: TAuditPhase): TAuditPhase | null {
  return AUDIT_PHASES[AUDIT_PHASES.indexOf(phase) + 1] ?? null;
}

export function checkPhaseMove(from: TAuditPhase, to: TAuditPhase): void {
  if (nextPhase(from) !== to) {
    const next = nextPhase(from);
    throw new AttestlyError(
      'INVALID_INPUT',
      next
        ? `an audit in ${from} moves on to ${next} only, not to ${to}`
        : 'the audit is done; its phase no longer changes',
      { field: 'phase' },
    );
  }
}

export interface TAuditPeriodInput {
  reportType: TReportType;
  asOfDate?: string | null | undefined;
  windowStart?: string | null | undefined;
  windowEnd?: string | null | undefined;
}

function dateOf(value: string, label: string, field: string): string {
  try {
    return parseIsoDate(value, label);
  } catch (error) {
    if (error instanceof AttestlyError) throw new AttestlyError(error.code, error.message, { field });
    throw error;
  }
}

/**
 * The audit's dates as the report type needs them: a Type 1 an as-of date and no window, a Type 2 a window
 * of 3 to 12 months (what auditors accept; the program only warns, an engagement letter is stricter).
 */
export function checkAuditPeriod(
  input: TAuditPeriodInput,
): Pick<TAudit, 'reportType' | 'asOfDate' | 'windowStart' | 'windowEnd'> {
  if (input.reportType === 'type1') {
    if (input.windowStart || input.windowEnd)
      throw new AttestlyError(
        'INVALID_INPUT',
        'a Type 1 audit has an as-of date, not an observation window',
        {
          field: input.windowStart ? 'windowStart' : 'windowEnd',
        },
      );
    if (!input.asOfDate)
      throw new AttestlyError('INVALID_INPUT', 'a Type 1 audit needs an as-of date', { field: 'asOfDate' });
    return {
      reportType: 'type1',
      asOfDate: dateOf(input.asOfDate, 'as-of date', 'asOfDate'),
      windowStart: null,
      windowEnd: null,
    };
  }
  if (input.asOfDate)
    throw new AttestlyError('INVALID_INPUT', 'a Type 2 audit has an observation window, not an as-of date', {
      field: 'asOfDate',
    });
  if (!input.windowStart || !input.windowEnd)
    throw new AttestlyError('INVALID_INPUT', 'a Type 2 audit needs a window start and end', {
      field: input.windowStart ? 'windowEnd' : 'windowStart',
    });
  const start = dateOf(input.windowStart, 'window start', 'windowStart');
  const end = dateOf(input.windowEnd, 'window end', 'windowEnd');
  if (end <= start)
    throw new AttestlyError('INVALID_INPUT', `the window ends (${end}) before it starts (${start})`, {
      field: 'windowEnd',
    });
  const months = monthsCovered(start, end);
  if (months < 3 || months > 12)
    throw new AttestlyError(
      'INVALID_INPUT',
      `the observation window is ${months.toFixed(1)} months; a Type 2 audit covers 3 to 12`,
      { field: 'windowEnd' },
    );
  return { reportType: 'type2', asOfDate: null, windowStart: start, windowEnd: end };
}

/** Checks the firm's name and contacts; returns them trimmed. */
export function checkFirm(
  firmName: string,
  contacts: TAuditContact[],
): { firmName: string; contacts: TAuditContact[] } {
  const name = firmName.trim();
  if (!name || name.length > 200)
    throw new AttestlyError('INVALID_INPUT', "the firm's name (1 to 200 characters) is required", {
      field: 'firmName',
    });
  const cleaned = contacts.map((c) => ({
    name: c.name.trim(),
    email: c.email.trim().toLowerCase(),
    role: c.role?.trim() || null,
  }));
  for (const c of cleaned) {
    if (!c.name || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c.email))
      throw new AttestlyError('INVALID_INPUT', 'each contact needs a name and an email address', {
        field: 'contacts',
      });
  }
  return { firmName: name, contacts: cleaned };
}
