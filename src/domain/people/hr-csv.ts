import { parseIsoDate } from '../dates.ts';
import { AttestlyError } from '../errors.ts';
import { CsvProblems, readCsvTable } from './csv-table.ts';
import { normalizeEmail, PERSON_TYPES, type TPersonType } from './person.ts';

// An HR system's export of the personnel register, one person a row:
//   email,name,type,department,title,manager_email,start_date,end_date,in_scope
// email, name and start_date are required; type defaults to employee and in_scope to true.

export const HR_CSV_REQUIRED = ['email', 'name', 'start_date'] as const;
export const HR_CSV_OPTIONAL = [
  'type',
  'department',
  'title',
  'manager_email',
  'end_date',
  'in_scope',
] as const;

export interface THrRow {
  line: number;
  email: string;
  name: string;
  type: TPersonType;
  department: string | null;
  title: string | null;
  managerEmail: string | null;
  startDate: string;
  endDate: string | null;
  inScope: boolean;
}

const YES = new Set(['true', 'yes', 'y', '1', 'in']);
const NO = new Set(['false', 'no', 'n', '0', 'out']);

/** The rows of an HR export, or INVALID_INPUT listing every bad line (then nothing is imported). */
export function parseHrCsv(text: string): THrRow[] {
  const what = 'the HR file was refused';
  const rows = readCsvTable(text, { required: HR_CSV_REQUIRED, optional: HR_CSV_OPTIONAL }, what);
  const problems = new CsvProblems();
  const firstLine = new Map<string, number>();
  const out: THrRow[] = [];
  for (const { line, values } of rows) {
    const v = (name: string) => values[name]?.trim() ?? '';
    const before = problems.list.length;
    const attempt = <T>(field: string, parse: () => T): T | undefined => {
      try {
        return parse();
      } catch (error) {
        problems.add(line, field, error instanceof AttestlyError ? error.message : String(error));
        return undefined;
      }
    };
    const email = attempt('email', () => normalizeEmail(v('email')));
    const name = v('name');
    if (!name) problems.add(line, 'name', 'the name is empty');
    else if (name.length > 200) problems.add(line, 'name', 'the name is longer than 200 characters');
    const type = (v('type') || 'employee').toLowerCase();
    if (!(PERSON_TYPES as readonly string[]).includes(type))
      problems.add(line, 'type', `type "${v('type')}" is not ${PERSON_TYPES.join(' or ')}`);
    const startDate = attempt('start_date', () => parseIsoDate(v('start_date'), 'start_date'));
    const endDate = v('end_date') ? attempt('end_date', () => parseIsoDate(v('end_date'), 'end_date')) : null;
    if (startDate && endDate && endDate < startDate)
      problems.add(line, 'end_date', `the end date ${endDate} is before the start date ${startDate}`);
    const managerEmail = v('manager_email')
      ? attempt('manager_email', () => normalizeEmail(v('manager_email'), 'manager_email'))
      : null;
    if (email && managerEmail && managerEmail === email)
      problems.add(line, 'manager_email', 'a person cannot be their own manager');
    const scope = v('in_scope').toLowerCase();
    if (scope && !YES.has(scope) && !NO.has(scope))
      problems.add(line, 'in_scope', `in_scope "${v('in_scope')}" is not true or false`);
    for (const field of ['department', 'title'])
      if (v(field).length > 200) problems.add(line, field, `the ${field} is longer than 200 characters`);
    if (email) {
      const earlier = firstLine.get(email);
      if (earlier !== undefined) problems.add(line, 'email', `${email} is also on line ${earlier}`);
      else firstLine.set(email, line);
    }
    if (
      problems.list.length > before ||
      !email ||
      !startDate ||
      endDate === undefined ||
      managerEmail === undefined
    )
      continue;
    out.push({
      line,
      email,
      name,
      type: type as TPersonType,
      department: v('department') || null,
      title: v('title') || null,
      managerEmail,
      startDate,
      endDate,
      inScope: !NO.has(scope),
    });
  }
  problems.throwIfAny(what);
  return out;
}

export interface TTrainingRow {
  line: number;
  email: string;
  course: string;
  completedAt: Date;
}

/** A training provider's completion report: email,course,completed_at (a date or a timestamp). */
export function parseTrainingCsv(text: string): TTrainingRow[] {
  const what = 'the training file was refused';
  const rows = readCsvTable(text, { required: ['email', 'course', 'completed_at'], optional: [] }, what);
  const problems = new CsvProblems();
  const out: TTrainingRow[] = [];
  for (const { line, values } of rows) {
    const before = problems.list.length;
    let email = '';
    try {
      email = normalizeEmail(values.email ?? '');
    } catch (error) {
      problems.add(line, 'email', (error as Error).message);
    }
    const course = values.course?.trim() ?? '';
    if (!course || course.length > 200) problems.add(line, 'course', 'the course name is empty or too long');
    const raw = values.completed_at?.trim() ?? '';
    const completedAt = /^\d{4}-\d{2}-\d{2}$/.test(raw)
      ? new Date(`${raw}T00:00:00Z`)
      : /^\d{4}-\d{2}-\d{2}T/.test(raw)
        ? new Date(raw)
        : new Date(Number.NaN);
    if (
      Number.isNaN(completedAt.getTime()) ||
      (raw.length === 10 && completedAt.toISOString().slice(0, 10) !== raw)
    )
      problems.add(line, 'completed_at', `completed_at "${raw}" is not a date (YYYY-MM-DD) or a timestamp`);
    if (problems.list.length === before) out.push({ line, email, course, completedAt });
  }
  problems.throwIfAny(what);
  return out;
}
