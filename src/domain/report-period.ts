import type { TProgram } from './program.ts';

// Where today stands against the report's dates: the as-of date of a Type 1, the observation window of a
// Type 2. Dates are calendar dates (YYYY-MM-DD, UTC).

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface TReportPeriod {
  reportType: TProgram['reportType'];
  /** Type 1: the date the controls are described as of; daysLeft until it (0 once passed). */
  asOf: { date: string; daysLeft: number } | null;
  /**
   * Type 2: the observation window. daysElapsed counts from the start to today (0 before it starts, the
   * window's length after it ends); daysLeft from today to the end (0 once it ended).
   */
  window: { start: string; end: string; daysElapsed: number; daysLeft: number } | null;
}

export function reportPeriod(program: TProgram, today: string): TReportPeriod {
  const asOf = program.asOf
    ? { date: program.asOf, daysLeft: Math.max(0, daysBetween(today, program.asOf)) }
    : null;
  const window = program.window
    ? {
        start: program.window.start,
        end: program.window.end,
        daysElapsed: Math.min(
          Math.max(0, daysBetween(program.window.start, today)),
          daysBetween(program.window.start, program.window.end),
        ),
        daysLeft: Math.max(0, daysBetween(today, program.window.end)),
      }
    : null;
  return { reportType: program.reportType, asOf, window };
}
