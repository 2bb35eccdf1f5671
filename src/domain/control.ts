import type { TFrequency, TOwnerRole } from './catalog-types.ts';
import { AttestlyError } from './errors.ts';

export const CONTROL_STATUSES = ['not_started', 'in_progress', 'implemented', 'not_applicable'] as const;
export type TControlStatus = (typeof CONTROL_STATUSES)[number];

export interface TControl {
  id: string;
  code: string;
  libraryId: string | null;
  title: string;
  frequency: TFrequency;
  ownerRole: TOwnerRole;
  ownerEmail: string | null;
  automatable: boolean;
  status: TControlStatus;
  notApplicableReason: string | null;
  criteria: string[];
  version: number;
}

/** Accepts the spellings people type (in-progress, "not applicable") and returns the stored status. */
export function parseControlStatus(value: string): TControlStatus {
  const normalized = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const aliases: Record<string, TControlStatus> = {
    na: 'not_applicable',
    n_a: 'not_applicable',
    done: 'implemented',
  };
  const status = aliases[normalized] ?? normalized;
  if (!(CONTROL_STATUSES as readonly string[]).includes(status)) {
    throw new AttestlyError(
      'INVALID_INPUT',
      `unknown control status "${value}"; expected not-started, in-progress, implemented or not-applicable`,
    );
  }
  return status as TControlStatus;
}

/** A control is not applicable only with a reason, and a reason only makes sense when not applicable. */
export function decideStatusChange(
  status: TControlStatus,
  reason: string | undefined,
): { status: TControlStatus; notApplicableReason: string | null } {
  const trimmed = reason?.trim();
  if (status === 'not_applicable') {
    if (!trimmed) throw new AttestlyError('INVALID_INPUT', 'marking a control not applicable needs a reason');
    return { status, notApplicableReason: trimmed };
  }
  if (trimmed)
    throw new AttestlyError('INVALID_INPUT', 'a reason is only given when marking a control not applicable');
  return { status, notApplicableReason: null };
}
