import { parse } from 'csv-parse/sync';
import { AttestlyError } from '../errors.ts';
import { MAX_ATTRIBUTES, populationItemProblem, type TPopulationAttribute } from './populations.ts';

// A population imported from a CSV file (a ticketing system's export of changes, an HR system's list of
// hires): the columns id, occurred_at and title, any further column kept as an attribute of each item. The
// file is read strictly: every problem is reported with its line, and a file with any problem imports
// nothing.

export const MAX_POPULATION_ROWS = 50_000;
const MAX_PROBLEMS = 50;
const REQUIRED = ['id', 'occurred_at', 'title'] as const;

export interface TPopulationCsvRow {
  line: number;
  externalId: string;
  occurredAt: Date;
  title: string;
  attributes: Record<string, TPopulationAttribute>;
}

interface TProblem {
  line: number;
  message: string;
}

function refuse(problems: TProblem[]): never {
  const first = problems[0] as TProblem;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new AttestlyError(
    'INVALID_INPUT',
    `the population file was not imported: line ${first.line}: ${first.message}${more}`,
    { field: 'file', problems: problems.slice(0, MAX_PROBLEMS) },
  );
}

/** A date (YYYY-MM-DD, midnight UTC) or an ISO 8601 timestamp with its offset; null when it is neither. */
export function parseOccurredAt(value: string): Date | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) {
    const at = new Date(`${value}T00:00:00Z`);
    return at.toISOString().slice(0, 10) === value ? at : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The rows of a population file, or INVALID_INPUT listing every problem by line. */
export function readPopulationCsv(text: string): TPopulationCsvRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      info: true,
      skip_empty_lines: true,
      // Rows of the wrong length are reported below with their line, among the other problems.
      relax_column_count: true,
      trim: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    refuse([{ line, message: `not a readable CSV file: ${(error as Error).message}` }]);
  }
  const [head, ...body] = records;
  if (!head)
    refuse([
      { line: 1, message: `the file is empty: the first line names the columns (${REQUIRED.join(',')})` },
    ]);
  const problems: TProblem[] = [];
  const header = head.record.map((h) => h.toLowerCase());
  for (const name of REQUIRED)
    if (!header.includes(name)) problems.push({ line: 1, message: `the column "${name}" is missing` });
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '') problems.push({ line: 1, message: 'a column has no name' });
    else if (seen.has(name)) problems.push({ line: 1, message: `the column "${name}" appears twice` });
    seen.add(name);
  }
  if (header.length - REQUIRED.length > MAX_ATTRIBUTES)
    problems.push({ line: 1, message: `more than ${MAX_ATTRIBUTES} extra columns` });
  if (body.length > MAX_POPULATION_ROWS)
    problems.push({ line: 1, message: `more than ${MAX_POPULATION_ROWS} rows: split the file` });
  if (problems.length > 0) refuse(problems);

  const rows: TPopulationCsvRow[] = [];
  const ids = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== header.length) {
      problems.push({ line, message: `${record.length} values for ${header.length} columns` });
      continue;
    }
    const values = Object.fromEntries(header.map((name, i) => [name, record[i] ?? '']));
    const externalId = values.id ?? '';
    const occurredAt = parseOccurredAt(values.occurred_at ?? '');
    if (occurredAt === null) {
      problems.push({
        line,
        message: `occurred_at "${values.occurred_at}" is not a date (YYYY-MM-DD) or an ISO 8601 time with its offset`,
      });
      continue;
    }
    const attributes: Record<string, TPopulationAttribute> = {};
    for (const name of header)
      if (!(REQUIRED as readonly string[]).includes(name)) attributes[name] = values[name] || null;
    const row = { line, externalId, occurredAt, title: values.title ?? '', attributes };
    const problem = populationItemProblem(row);
    if (problem) {
      problems.push({ line, message: problem });
      continue;
    }
    const earlier = ids.get(externalId);
    if (earlier !== undefined) {
      problems.push({ line, message: `the id "${externalId}" is already on line ${earlier}` });
      continue;
    }
    ids.set(externalId, line);
    rows.push(row);
  }
  if (problems.length > 0) refuse(problems);
  if (rows.length === 0) refuse([{ line: 2, message: 'the file has a header but no rows' }]);
  return rows;
}
