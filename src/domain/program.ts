import { CATEGORY_IDS, type TCategoryId } from './catalog-types.ts';
import { monthsCovered, parseIsoDate } from './dates.ts';
import { AttestlyError } from './errors.ts';

export const REPORT_TYPES = ['type1', 'type2'] as const;
export type TReportType = (typeof REPORT_TYPES)[number];

/** The five system components of a SOC 2 system description (DC 200, DC3). */
export const COMPONENT_KINDS = ['infrastructure', 'software', 'data', 'people', 'procedures'] as const;
export type TComponentKind = (typeof COMPONENT_KINDS)[number];

export interface TProgram {
  reportType: TReportType;
  asOf: string | null;
  window: { start: string; end: string } | null;
  categories: TCategoryId[];
  componentKinds: TComponentKind[];
}

export interface TProgramInput {
  reportType: string;
  asOf?: string | undefined;
  windowStart?: string | undefined;
  windowEnd?: string | undefined;
  categories: string[];
  componentKinds: string[];
}

function pickEnum<T extends string>(values: readonly T[], raw: string[], label: string): T[] {
  const picked = new Set<T>();
  for (const value of raw.map((v) => v.trim().toLowerCase()).filter(Boolean)) {
    if (!(values as readonly string[]).includes(value)) {
      throw new AttestlyError(
        'INVALID_INPUT',
        `unknown ${label} "${value}"; expected one of ${values.join(', ')}`,
      );
    }
    picked.add(value as T);
  }
  return values.filter((v) => picked.has(v));
}

/** A date of the request, or an error that names the request field it came from. */
function dateOf(value: string, label: string, field: string): string {
  try {
    return parseIsoDate(value, label);
  } catch (error) {
    if (error instanceof AttestlyError) throw new AttestlyError(error.code, error.message, { field });
    throw error;
  }
}

/**
 * Turns what a user asked for into a program, or says why it cannot be one. Security is always in scope.
 * Returns warnings for choices that are legal but unusual (a Type 2 window outside 3 to 12 months).
 */
export function defineProgram(input: TProgramInput): { program: TProgram; warnings: string[] } {
  const warnings: string[] = [];
  const reportType = pickEnum(REPORT_TYPES, [input.reportType], 'report type')[0];
  if (!reportType)
    throw new AttestlyError('INVALID_INPUT', 'a report type is required: type1 or type2', {
      field: 'reportType',
    });
  const categories = pickEnum(CATEGORY_IDS, ['security', ...input.categories], 'trust services category');
  const componentKinds = pickEnum(COMPONENT_KINDS, input.componentKinds, 'system component');
  if (componentKinds.length === 0) {
    throw new AttestlyError('INVALID_INPUT', 'at least one system component must be in scope', {
      field: 'componentKinds',
    });
  }
  if (reportType === 'type1') {
    if (input.windowStart || input.windowEnd) {
      throw new AttestlyError(
        'INVALID_INPUT',
        'a Type 1 report has an as-of date, not an observation window',
        { field: input.windowStart ? 'windowStart' : 'windowEnd' },
      );
    }
    if (!input.asOf)
      throw new AttestlyError('INVALID_INPUT', 'a Type 1 report needs an as-of date (--as-of)', {
        field: 'asOf',
      });
    const asOf = dateOf(input.asOf, 'as-of date', 'asOf');
    return { program: { reportType, asOf, window: null, categories, componentKinds }, warnings };
  }
  if (input.asOf) {
    throw new AttestlyError('INVALID_INPUT', 'a Type 2 report has an observation window, not an as-of date', {
      field: 'asOf',
    });
  }
  if (!input.windowStart || !input.windowEnd) {
    throw new AttestlyError('INVALID_INPUT', 'a Type 2 report needs --window-start and --window-end', {
      field: input.windowStart ? 'windowEnd' : 'windowStart',
    });
  }
  const start = dateOf(input.windowStart, 'window start', 'windowStart');
  const end = dateOf(input.windowEnd, 'window end', 'windowEnd');
  if (end <= start) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `the observation window ends (${end}) before it starts (${start})`,
      { field: 'windowEnd' },
    );
  }
  const months = monthsCovered(start, end);
  if (months < 3 || months > 12) {
    warnings.push(
      `the observation window is ${months.toFixed(1)} months; auditors usually expect 3 to 12 (3 to 6 for a first Type 2)`,
    );
  }
  return {
    program: { reportType, asOf: null, window: { start, end }, categories, componentKinds },
    warnings,
  };
}
