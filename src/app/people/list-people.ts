import { toIsoDate } from '../../domain/dates.ts';
import { judgeItem, type TChecklistItem, type TItemJudgement } from '../../domain/people/checklist.ts';
import { personStatus, type TPerson, type TPersonStatus } from '../../domain/people/person.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { loadChecklists, type TPersonChecklist } from './load-checklists.ts';

export const PEOPLE_FILTERS = ['all', 'current', 'leavers', 'contractors', 'upcoming'] as const;
export type TPeopleFilter = (typeof PEOPLE_FILTERS)[number];

export interface TJudgedItem extends TChecklistItem, TItemJudgement {}

export interface TPersonRow {
  person: TPerson;
  status: TPersonStatus;
  checklist: TJudgedItem[];
  /** How many items are overdue, and how many are still within their deadline. */
  overdue: number;
  pending: number;
  /** Accounts still active in connected systems. */
  activeAccounts: number;
}

/** A person's checklist judged for a day, with the counts the register shows. */
export function judgeChecklist(entry: TPersonChecklist, today: string): TPersonRow {
  const checklist = entry.checklist.map((item) => ({ ...item, ...judgeItem(entry.person, item, today) }));
  return {
    person: entry.person,
    status: personStatus(entry.person, today),
    checklist,
    overdue: checklist.filter((i) => i.state === 'overdue').length,
    pending: checklist.filter((i) => i.state === 'pending').length,
    activeAccounts: entry.accounts.filter((a) => a.active).length,
  };
}

/** The register, filtered: current staff, leavers, contractors, or those who have not started yet. */
export async function listPeople(
  deps: AppDeps,
  scope: OrgScope,
  filter: TPeopleFilter = 'all',
): Promise<TPersonRow[]> {
  const today = toIsoDate(deps.clock.now());
  const rows = (await loadChecklists(deps, scope)).map((entry) => judgeChecklist(entry, today));
  return rows.filter((r) => {
    if (filter === 'current') return r.status === 'current';
    if (filter === 'leavers') return r.status === 'leaver';
    if (filter === 'upcoming') return r.status === 'upcoming';
    if (filter === 'contractors') return r.person.type === 'contractor';
    return true;
  });
}
