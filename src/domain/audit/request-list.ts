import { parse } from 'csv-parse/sync';
import { parseIsoDate } from '../dates.ts';
import { AttestlyError } from '../errors.ts';
import { REQUEST_LIST_COLUMNS } from './audit-request.ts';

// The firm's request list as CSV (ref,title,description,control,criterion,due_date), read strictly: every
// bad row is reported with its line number, and a list with any bad row is refused as a whole.

export const MAX_REQUEST_LIST_ROWS = 2000;

export interface TRequestListRow {
  line: number;
  ref: string | null;
  title: string;
  description: string;
  controlCode: string | null;
  criterionId: string | null;
  dueDate: string | null;
}

export interface TRequestListProblem {
  line: number;
  message: string;
}

/** The rows of a request list, and what is wrong with it (empty when nothing is). */
export function readRequestList(text: string): { rows: TRequestListRow[]; problems: TRequestListProblem[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      info: true,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = Number((error as { lines?: number }).lines ?? 0);
    const message = error instanceof Error ? error.message.replace(/^[A-Z_]+:\s*/, '') : String(error);
    return { rows: [], problems: [{ line, message: `not valid CSV: ${message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, message: 'the file is empty' }] };
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const missing = REQUEST_LIST_COLUMNS.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !(REQUEST_LIST_COLUMNS as readonly string[]).includes(c));
  if (missing.length > 0 || unknown.length > 0 || new Set(columns).size !== columns.length)
    return {
      rows: [],
      problems: [
        {
          line: header.info.lines,
          message: `the header must name the columns ${REQUEST_LIST_COLUMNS.join(',')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`,
        },
      ],
    };
  if (body.length === 0) return { rows: [], problems: [{ line: 2, message: 'the list has no requests' }] };
  if (body.length > MAX_REQUEST_LIST_ROWS)
    return {
      rows: [],
      problems: [{ line: 1, message: `a list holds at most ${MAX_REQUEST_LIST_ROWS} requests` }],
    };

  const rows: TRequestListRow[] = [];
  const problems: TRequestListProblem[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    // info.lines is where the record ends; a quoted field may span lines.
    const line = info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const problem = (message: string) => problems.push({ line, message });
    if (record.length !== columns.length) {
      problem(`expected ${columns.length} fields, found ${record.length}`);
      continue;
    }
    const cell = (name: (typeof REQUEST_LIST_COLUMNS)[number]) => record[columns.indexOf(name)]?.trim() ?? '';
    const ref = cell('ref');
    const title = cell('title');
    if (ref.length > 40) problem('ref is longer than 40 characters');
    if (ref) {
      const first = seen.get(ref.toLowerCase());
      if (first !== undefined) problem(`ref ${ref} is used twice (also on line ${first})`);
      else seen.set(ref.toLowerCase(), line);
    }
    if (!title) problem('title is empty');
    else if (title.length > 300) problem('title is longer than 300 characters');
    if (cell('description').length > 10_000) problem('description is longer than 10,000 characters');
    let dueDate: string | null = null;
    if (cell('due_date')) {
      try {
        dueDate = parseIsoDate(cell('due_date'), 'due_date');
      } catch (error) {
        problem(error instanceof AttestlyError ? error.message : String(error));
      }
    }
    rows.push({
      line,
      ref: ref || null,
      title,
      description: cell('description'),
      controlCode: cell('control') ? cell('control').toUpperCase() : null,
      criterionId: cell('criterion') ? cell('criterion').toUpperCase() : null,
      dueDate,
    });
  }
  return { rows, problems };
}
