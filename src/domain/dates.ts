import { AttestlyError } from './errors.ts';

/** Parses a calendar date written YYYY-MM-DD, rejecting impossible dates such as 2026-02-30. */
export function parseIsoDate(value: string, label = 'date'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return value;
    }
  }
  throw new AttestlyError('INVALID_INPUT', `${label} "${value}" is not a real date in the form YYYY-MM-DD`);
}

/** The UTC calendar date of an instant, as YYYY-MM-DD. */
export function toIsoDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Calendar months covered by an inclusive period (Jan 1 to Mar 31 is 3), with part months as fractions. */
export function monthsCovered(start: string, endInclusive: string): number {
  const from = new Date(`${start}T00:00:00Z`);
  const to = new Date(Date.parse(`${endInclusive}T00:00:00Z`) + 86_400_000);
  const whole = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return whole + (to.getUTCDate() - from.getUTCDate()) / 30;
}
