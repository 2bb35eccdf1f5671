import { CATEGORY_IDS, type TCategoryId } from '../../../domain/catalog-types.ts';
import { monthsCovered, toIsoDate } from '../../../domain/dates.ts';
import { AttestlyError } from '../../../domain/errors.ts';
import {
  COMPONENT_KINDS,
  defineProgram,
  type TComponentKind,
  type TProgram,
} from '../../../domain/program.ts';

// What the onboarding collects before it defines the program, and the same checks the server makes (the
// domain's defineProgram), so a mistake shows next to its field before anything is sent.

export interface TDraft {
  reportType: 'type1' | 'type2';
  asOf: string;
  windowStart: string;
  windowEnd: string;
  categories: TCategoryId[];
  componentKinds: TComponentKind[];
}

/** The request fields each step owns: a server error about one of them sends the user back to that step. */
export const STEP_FIELDS: Record<number, readonly string[]> = {
  1: ['reportType', 'asOf', 'windowStart', 'windowEnd'],
  2: ['categories', 'componentKinds', 'components'],
};

function addMonths(date: Date, months: number): Date {
  const out = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
  return out;
}

/** A blank program: a six-month Type 2 window from the first of next month, Security, every component. */
export function blankDraft(today: Date): TDraft {
  const nextMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  return {
    reportType: 'type2',
    asOf: toIsoDate(addMonths(today, 3)),
    windowStart: toIsoDate(nextMonth),
    windowEnd: toIsoDate(new Date(addMonths(nextMonth, 6).getTime() - 86_400_000)),
    categories: ['security'],
    componentKinds: [...COMPONENT_KINDS],
  };
}

/** The existing program as a draft, for changing its scope. */
export function draftOf(program: TProgram, today: Date): TDraft {
  const blank = blankDraft(today);
  return {
    reportType: program.reportType,
    asOf: program.asOf ?? blank.asOf,
    windowStart: program.window?.start ?? blank.windowStart,
    windowEnd: program.window?.end ?? blank.windowEnd,
    categories: CATEGORY_IDS.filter((c) => c === 'security' || program.categories.includes(c)),
    componentKinds: [...program.componentKinds],
  };
}

/** The PUT /program body: only the dates the report type takes. */
export function bodyOf(draft: TDraft) {
  return {
    reportType: draft.reportType,
    ...(draft.reportType === 'type1'
      ? { asOf: draft.asOf }
      : { windowStart: draft.windowStart, windowEnd: draft.windowEnd }),
    categories: draft.categories,
    componentKinds: draft.componentKinds,
  };
}

/** The domain's verdict on the draft: field → error, and the warnings it would carry. */
export function checkDraft(draft: TDraft): { errors: Record<string, string>; warnings: string[] } {
  const body = bodyOf(draft);
  // Empty dates get the web's wording; everything else is the domain's own message.
  if (draft.reportType === 'type1' && !draft.asOf)
    return { errors: { asOf: 'Choose the date the report describes.' }, warnings: [] };
  if (draft.reportType === 'type2' && !draft.windowStart)
    return { errors: { windowStart: 'Choose when the observation window starts.' }, warnings: [] };
  if (draft.reportType === 'type2' && !draft.windowEnd)
    return { errors: { windowEnd: 'Choose when the observation window ends.' }, warnings: [] };
  try {
    return { errors: {}, warnings: defineProgram(body).warnings };
  } catch (error) {
    if (!(error instanceof AttestlyError)) throw error;
    const field = typeof error.details?.field === 'string' ? error.details.field : 'form';
    return { errors: { [field]: error.message }, warnings: [] };
  }
}

/** The window's length in months (one decimal), or null while a date is incomplete or reversed. */
export function windowMonths(draft: TDraft): number | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(draft.windowStart) || !iso.test(draft.windowEnd) || draft.windowEnd <= draft.windowStart)
    return null;
  return Math.round(monthsCovered(draft.windowStart, draft.windowEnd) * 10) / 10;
}
