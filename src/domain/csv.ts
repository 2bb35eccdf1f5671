// Writing CSV (RFC 4180) that is safe to open in a spreadsheet: a cell that starts like a formula (=, +, -,
// @, or a tab or carriage return that some spreadsheets skip before one) is prefixed with a single quote,
// so it is shown as text instead of being evaluated (CSV/formula injection, OWASP).

export type TCsvCell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as text: null is empty, numbers and booleans as JavaScript writes them, formulas defused. */
export function csvCell(value: TCsvCell): string {
  if (value === null) return '';
  // A number is data, not a formula, even when negative: only text can carry an injected formula.
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: a header row and the rows, CRLF after every record, as RFC 4180 writes it. */
export function toCsv(header: string[], rows: TCsvCell[][]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
