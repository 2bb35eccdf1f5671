import { AttestlyError } from '../../domain/errors.ts';
import {
  checkPersonDates,
  normalizeEmail,
  type TPerson,
  type TPersonType,
} from '../../domain/people/person.ts';

// What the person use-cases share: the fields one may set, checked the same way for a new person, an edit
// and an imported row.

export interface TPersonInput {
  email?: string | undefined;
  name?: string | undefined;
  type?: TPersonType | undefined;
  department?: string | null | undefined;
  title?: string | null | undefined;
  managerEmail?: string | null | undefined;
  startDate?: string | undefined;
  endDate?: string | null | undefined;
  inScope?: boolean | undefined;
}

type TPersonFields = Pick<
  TPerson,
  'email' | 'name' | 'type' | 'department' | 'title' | 'managerEmail' | 'startDate' | 'endDate' | 'inScope'
>;

function optionalText(
  value: string | null | undefined,
  field: string,
  max: number,
): string | null | undefined {
  if (value === undefined || value === null) return value;
  const text = value.trim();
  if (text.length > max)
    throw new AttestlyError('INVALID_INPUT', `${field} is at most ${max} characters`, { field });
  return text || null;
}

/** The person's fields after the input is applied to `before` (or to nothing, for a new person). */
export function applyPersonInput(before: TPersonFields | null, input: TPersonInput): TPersonFields {
  const email = input.email !== undefined ? normalizeEmail(input.email) : before?.email;
  if (!email) throw new AttestlyError('INVALID_INPUT', 'an email is required', { field: 'email' });
  const name = input.name !== undefined ? input.name.trim() : before?.name;
  if (!name) throw new AttestlyError('INVALID_INPUT', 'a name is required', { field: 'name' });
  if (name.length > 200)
    throw new AttestlyError('INVALID_INPUT', 'the name is at most 200 characters', { field: 'name' });
  const startDate = input.startDate ?? before?.startDate;
  if (!startDate)
    throw new AttestlyError('INVALID_INPUT', 'a start date is required', { field: 'startDate' });
  const endDate = input.endDate !== undefined ? input.endDate : (before?.endDate ?? null);
  checkPersonDates(startDate, endDate);
  const managerEmail =
    input.managerEmail === undefined
      ? (before?.managerEmail ?? null)
      : input.managerEmail === null || input.managerEmail.trim() === ''
        ? null
        : normalizeEmail(input.managerEmail, 'managerEmail');
  if (managerEmail !== null && managerEmail === email)
    throw new AttestlyError('INVALID_INPUT', 'a person cannot be their own manager', {
      field: 'managerEmail',
    });
  const department = optionalText(input.department, 'department', 200);
  const title = optionalText(input.title, 'title', 200);
  return {
    email,
    name,
    type: input.type ?? before?.type ?? 'employee',
    department: department === undefined ? (before?.department ?? null) : department,
    title: title === undefined ? (before?.title ?? null) : title,
    managerEmail,
    startDate,
    endDate,
    inScope: input.inScope ?? before?.inScope ?? true,
  };
}

export function emailTaken(email: string): AttestlyError {
  return new AttestlyError('CONFLICT', `${email} is already in the register`, { field: 'email' });
}
