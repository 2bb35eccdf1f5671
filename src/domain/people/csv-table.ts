import { parse } from 'csv-parse/sync';
import { AttestlyError } from '../errors.ts';

// Imported CSV files (an HR system's export, a training provider's report) are read strictly: the header
// must name the expected columns and nothing else, every problem is reported with its line number, and a
// file with any problem imports nothing.

export interface TCsvProblem {
  /** The file's line (1 is the header); for a quoted value spanning lines, the line the record ends on. */
  line: number;
  field: string | null;
  message: string;
}

export const MAX_CSV_ROWS = 10_000;
const MAX_PROBLEMS = 50;

/** Collects the problems of a file; refuses it all at once with INVALID_INPUT listing them. */
export class CsvProblems {
  readonly list: TCsvProblem[] = [];
  add(line: number, field: string | null, message: string): void {
    this.list.push({ line, field, message });
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  throwIfAny(what: string): void {
    if (this.empty) return;
    const first = this.list[0];
    const more = this.list.length > 1 ? ` (and ${this.list.length - 1} more)` : '';
    throw new AttestlyError(
      'INVALID_INPUT',
      `${what}: nothing was imported. Line ${first?.line}: ${first?.message}${more}`,
      { field: 'csv', problems: this.list.slice(0, MAX_PROBLEMS) },
    );
  }
}

export interface TCsvRow {
  line: number;
  values: Record<string, string>;
}

/**
 * The rows of a CSV file whose header names `required` columns and perhaps `optional` ones (in any order,
 * any case); blank lines are skipped and values trimmed.
 */
export function readCsvTable(
  text: string,
  columns: { required: readonly string[]; optional: readonly string[] },
  what: string,
): TCsvRow[] {
  const problems = new CsvProblems();
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    problems.add(line, null, `not a readable CSV file: ${(error as Error).message}`);
    problems.throwIfAny(what);
    return [];
  }
  const [head, ...body] = records;
  if (!head) {
    problems.add(
      1,
      null,
      `the file is empty: the first line names the columns (${columns.required.join(',')})`,
    );
    problems.throwIfAny(what);
    return [];
  }
  const header = head.record.map((h) => h.toLowerCase());
  const known = new Set([...columns.required, ...columns.optional]);
  for (const name of header)
    if (!known.has(name))
      problems.add(head.info.lines, name, `unknown column "${name}" (expected ${[...known].join(', ')})`);
  for (const name of columns.required)
    if (!header.includes(name)) problems.add(head.info.lines, name, `the column "${name}" is missing`);
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) problems.add(head.info.lines, name, `the column "${name}" appears twice`);
    seen.add(name);
  }
  if (body.length > MAX_CSV_ROWS) problems.add(1, null, `at most ${MAX_CSV_ROWS} rows per file`);
  problems.throwIfAny(what);
  const rows: TCsvRow[] = [];
  for (const { record, info } of body) {
    if (record.length !== header.length) {
      problems.add(
        info.lines,
        null,
        `${record.length} values where the header names ${header.length} columns`,
      );
      continue;
    }
    rows.push({
      line: info.lines,
      values: Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])),
    });
  }
  if (rows.length === 0 && problems.empty) problems.add(1, null, 'the file has a header but no rows');
  problems.throwIfAny(what);
  return rows;
}
