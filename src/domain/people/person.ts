import { z } from 'zod';
import { parseIsoDate } from '../dates.ts';
import { AttestlyError } from '../errors.ts';

// The personnel register (CC1.4, CC1.5, CC2.2, CC6.2, CC6.3): employees and contractors with their start
// and end dates, manager, department and role, whether they are in the audit's scope, and where the record
// came from (entered by hand, an HR-system CSV, or an identity provider the register was synced from).

export const PERSON_TYPES = ['employee', 'contractor'] as const;
export type TPersonType = (typeof PERSON_TYPES)[number];

export const PERSON_SOURCES = ['manual', 'hr_csv', 'integration'] as const;
export type TPersonSource = (typeof PERSON_SOURCES)[number];

export const BACKGROUND_CHECK_STATUSES = ['not_started', 'in_progress', 'completed'] as const;
export type TBackgroundCheckStatus = (typeof BACKGROUND_CHECK_STATUSES)[number];

/** Checklist items a person ticks by hand; the others are derived from records Attestly already keeps. */
export const MARKED_ITEMS = ['device_enrolled', 'access_removed'] as const;
export type TMarkedItem = (typeof MARKED_ITEMS)[number];

/** Where a person stands on a given day: not started yet, working, or gone. */
export const PERSON_STATUSES = ['upcoming', 'current', 'leaver'] as const;
export type TPersonStatus = (typeof PERSON_STATUSES)[number];

export interface TBackgroundCheck {
  status: TBackgroundCheckStatus;
  /** The day the check completed (or was started). */
  date: string | null;
  provider: string | null;
  /** Not checked, and why (a legal limit, a contractor screened by the agency): counts as done. */
  exemption: string | null;
}

export interface TPerson {
  id: string;
  version: number;
  email: string;
  name: string;
  type: TPersonType;
  department: string | null;
  title: string | null;
  managerEmail: string | null;
  startDate: string;
  endDate: string | null;
  inScope: boolean;
  source: TPersonSource;
  /** The integration a synced person came from, by name. */
  sourceIntegration: string | null;
  backgroundCheck: TBackgroundCheck;
  createdAt: Date;
  updatedAt: Date;
}

/** A checklist item ticked by hand, with what the person ticking it saw. */
export interface TChecklistMark {
  personId: string;
  item: TMarkedItem;
  doneOn: string;
  note: string;
  /** device_enrolled: the host-agent device it names, when one was chosen. */
  deviceId: string | null;
  recordedBy: string;
  recordedAt: Date;
}

/** A finished training course: a built-in course taken in Attestly, or a line of a provider's export. */
export interface TTrainingCompletion {
  id: string;
  personId: string;
  /** A built-in course id, or the provider's course name for an imported one. */
  courseId: string;
  /** The built-in course's version; 0 for an imported completion. */
  courseVersion: number;
  completedAt: Date;
  source: 'course' | 'import';
  recordedBy: string;
}

/** An account a connected system holds for a person, as the latest collection or push showed it. */
export interface TPersonAccount {
  personId: string;
  integrationId: string;
  /** The integration's name: "Okta", "Corporate LDAP". */
  system: string;
  resourceType: string;
  accountId: string;
  accountName: string;
  /** As the system words it: ACTIVE, DEPROVISIONED, locked, expired. */
  status: string;
  /** Can still be used to sign in or holds access. */
  active: boolean;
  seenAt: Date;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A person's email as the register keys it: trimmed and lower-case, or INVALID_INPUT naming the field. */
export function normalizeEmail(value: string, field = 'email'): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email))
    throw new AttestlyError('INVALID_INPUT', `"${value}" is not an email address`, { field });
  return email;
}

/** The part of an address before the @: how a directory's uid or login is matched to a person. */
export function localPart(email: string): string {
  const at = email.indexOf('@');
  return (at < 0 ? email : email.slice(0, at)).toLowerCase();
}

/** Dates of a person that must agree: real dates, and no end before the start. */
export function checkPersonDates(startDate: string, endDate: string | null): void {
  try {
    parseIsoDate(startDate, 'start date');
  } catch (error) {
    throw new AttestlyError('INVALID_INPUT', (error as Error).message, { field: 'startDate' });
  }
  if (endDate === null) return;
  try {
    parseIsoDate(endDate, 'end date');
  } catch (error) {
    throw new AttestlyError('INVALID_INPUT', (error as Error).message, { field: 'endDate' });
  }
  if (endDate < startDate)
    throw new AttestlyError(
      'INVALID_INPUT',
      `the end date ${endDate} is before the start date ${startDate}`,
      {
        field: 'endDate',
      },
    );
}

/** Not started yet, working (the last day included), or gone after their last day. */
export function personStatus(person: Pick<TPerson, 'startDate' | 'endDate'>, today: string): TPersonStatus {
  if (person.endDate !== null && person.endDate < today) return 'leaver';
  if (person.startDate > today) return 'upcoming';
  return 'current';
}

/** A background check is either recorded (status, date, provider) or exempted with a reason. */
export function checkBackgroundCheck(check: TBackgroundCheck): TBackgroundCheck {
  const exemption = check.exemption?.trim() || null;
  if (check.exemption !== null && !exemption)
    throw new AttestlyError('INVALID_INPUT', 'an exemption needs a reason', { field: 'exemption' });
  if (exemption && exemption.length > 2000)
    throw new AttestlyError('INVALID_INPUT', 'the reason is at most 2000 characters', { field: 'exemption' });
  if (check.date !== null) {
    try {
      parseIsoDate(check.date, 'date');
    } catch (error) {
      throw new AttestlyError('INVALID_INPUT', (error as Error).message, { field: 'date' });
    }
  }
  if (check.status === 'completed' && check.date === null)
    throw new AttestlyError('INVALID_INPUT', 'a completed check needs the date it completed', {
      field: 'date',
    });
  return { ...check, provider: check.provider?.trim() || null, exemption };
}

export const ZPersonType = z.enum(PERSON_TYPES);
