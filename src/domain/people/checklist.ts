import type { TBackgroundCheck, TChecklistMark, TPerson } from './person.ts';

// Onboarding and offboarding checklists. Their deadlines follow from a person's dates and the defaults
// below, so they are worked out when needed rather than stored: a corrected start date moves them. An item
// is judged for a day: done (or exempted), not applicable, still within its deadline, or overdue. The
// person page shows these states and the people tests (catalog/monitoring/people.ts) turn an overdue item
// into a failing test.

/** Days each item has, from the start date (onboarding) or the last day (offboarding). */
export interface TChecklistDefaults {
  backgroundCheckDays: number;
  trainingDays: number;
  policiesDays: number;
  deviceDays: number;
  accessRemovalDays: number;
}

export const DEFAULT_CHECKLIST: TChecklistDefaults = {
  backgroundCheckDays: 30,
  trainingDays: 30,
  policiesDays: 30,
  deviceDays: 14,
  accessRemovalDays: 1,
};

export const CHECKLIST_ITEMS = [
  'background_check',
  'security_training',
  'policies_accepted',
  'device_enrolled',
  'access_removed',
] as const;
export type TChecklistItemKind = (typeof CHECKLIST_ITEMS)[number];

export const ITEM_TITLES: Record<TChecklistItemKind, string> = {
  background_check: 'Background check',
  security_training: 'Security training',
  policies_accepted: 'Current policies accepted',
  device_enrolled: 'Device enrolled in the agent',
  access_removed: 'Access removed from every system',
};

export interface TChecklistItem {
  kind: TChecklistItemKind;
  phase: 'onboarding' | 'offboarding';
  /** The last day it may be done on (YYYY-MM-DD). */
  dueDate: string;
  done: boolean;
  doneOn: string | null;
  /** The background check's exemption: counts as done, with its reason. */
  exemption: string | null;
  /** Why the item asks nothing of this person (no policy is published yet). */
  notRequired: string | null;
  /** What was seen, for the reader: "completed 2026-02-01 by Checkr", "still active in Okta: …". */
  detail: string;
}

export const ITEM_STATES = ['done', 'exempt', 'not_applicable', 'pending', 'overdue'] as const;
export type TItemState = (typeof ITEM_STATES)[number];

export interface TItemJudgement {
  state: TItemState;
  reason: string;
}

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const later = (a: string, b: string) => (a > b ? a : b);

/** What the checklist is built from: the register's record and what the other records say of the person. */
export interface TPersonFacts {
  person: Pick<TPerson, 'startDate' | 'endDate' | 'backgroundCheck'>;
  training: {
    /** The built-in courses everyone must complete. */
    required: ReadonlyArray<{ id: string; title: string }>;
    /** Completions of built-in courses (by id) and imported ones (builtIn false), as days. */
    completions: ReadonlyArray<{ courseId: string; completedOn: string; builtIn: boolean }>;
  };
  policies: {
    /** The version of each policy in force, with the day it was published. */
    published: ReadonlyArray<{ policyId: string; title: string; version: number; publishedOn: string }>;
    /** This person's acceptances of those versions, by policy. */
    accepted: ReadonlyMap<string, string>;
  };
  device: { mark: TChecklistMark | null; deviceRevoked: boolean; deviceName: string | null };
  access: {
    mark: TChecklistMark | null;
    /** Connected systems whose accounts were compared with the register. */
    systemsChecked: readonly string[];
    activeAccounts: ReadonlyArray<{ system: string; accountName: string; status: string }>;
  };
}

function backgroundCheckItem(check: TBackgroundCheck, dueDate: string): TChecklistItem {
  const base = {
    kind: 'background_check' as const,
    phase: 'onboarding' as const,
    dueDate,
    notRequired: null,
  };
  if (check.exemption)
    return {
      ...base,
      done: true,
      doneOn: null,
      exemption: check.exemption,
      detail: `exempt: ${check.exemption}`,
    };
  const by = check.provider ? ` by ${check.provider}` : '';
  if (check.status === 'completed')
    return {
      ...base,
      done: true,
      doneOn: check.date,
      exemption: null,
      detail: `completed on ${check.date}${by}`,
    };
  const detail =
    check.status === 'in_progress'
      ? `in progress${check.date ? ` since ${check.date}` : ''}${by}`
      : 'not started';
  return { ...base, done: false, doneOn: null, exemption: null, detail };
}

function trainingItem(facts: TPersonFacts['training'], dueDate: string): TChecklistItem {
  const base = {
    kind: 'security_training' as const,
    phase: 'onboarding' as const,
    dueDate,
    exemption: null,
    notRequired: null,
  };
  const external = facts.completions
    .filter((c) => !c.builtIn)
    .sort((a, b) => a.completedOn.localeCompare(b.completedOn));
  const firstOf = (id: string) =>
    facts.completions
      .filter((c) => c.builtIn && c.courseId === id)
      .map((c) => c.completedOn)
      .sort()[0];
  const missing = facts.required.filter((course) => firstOf(course.id) === undefined);
  if (missing.length === 0 && facts.required.length > 0) {
    const doneOn =
      facts.required
        .map((c) => firstOf(c.id) ?? '')
        .sort()
        .at(-1) ?? null;
    return {
      ...base,
      done: true,
      doneOn,
      detail: `completed ${facts.required.map((c) => c.title).join(', ')}`,
    };
  }
  const first = external[0];
  if (first)
    return {
      ...base,
      done: true,
      doneOn: first.completedOn,
      detail: `completed "${first.courseId}" with the training provider on ${first.completedOn}`,
    };
  return {
    ...base,
    done: false,
    doneOn: null,
    detail: `not completed: ${missing.map((c) => c.title).join(', ')}`,
  };
}

function policiesItem(facts: TPersonFacts['policies'], startDate: string, days: number): TChecklistItem {
  const base = { kind: 'policies_accepted' as const, phase: 'onboarding' as const, exemption: null };
  if (facts.published.length === 0)
    return {
      ...base,
      dueDate: addDays(startDate, days),
      done: false,
      doneOn: null,
      notRequired: 'no policy is published yet',
      detail: 'no policy is published yet',
    };
  // Each version is due within the deadline of the later of the start and its publication.
  const dueOf = (p: TPersonFacts['policies']['published'][number]) =>
    addDays(later(startDate, p.publishedOn), days);
  const missing = facts.published.filter((p) => !facts.accepted.has(p.policyId));
  if (missing.length === 0) {
    const doneOn = [...facts.accepted.values()].sort().at(-1) ?? null;
    return {
      ...base,
      dueDate: facts.published.map(dueOf).sort().at(-1) ?? addDays(startDate, days),
      done: true,
      doneOn,
      notRequired: null,
      detail: `accepted the ${facts.published.length} published ${facts.published.length === 1 ? 'policy' : 'policies'}`,
    };
  }
  return {
    ...base,
    dueDate: missing.map(dueOf).sort()[0] ?? addDays(startDate, days),
    done: false,
    doneOn: null,
    notRequired: null,
    detail: `not accepted: ${missing.map((p) => `${p.title} v${p.version}`).join(', ')}`,
  };
}

function deviceItem(facts: TPersonFacts['device'], dueDate: string): TChecklistItem {
  const base = {
    kind: 'device_enrolled' as const,
    phase: 'onboarding' as const,
    dueDate,
    exemption: null,
    notRequired: null,
  };
  const { mark } = facts;
  if (!mark) return { ...base, done: false, doneOn: null, detail: 'no enrolled device recorded' };
  const device = facts.deviceName ? ` (${facts.deviceName})` : '';
  if (facts.deviceRevoked)
    return {
      ...base,
      done: false,
      doneOn: null,
      detail: `the device recorded${device} was revoked from the agent`,
    };
  return {
    ...base,
    done: true,
    doneOn: mark.doneOn,
    detail: `enrolled${device}, recorded by ${mark.recordedBy}${mark.note ? `: ${mark.note}` : ''}`,
  };
}

function accessItem(facts: TPersonFacts['access'], dueDate: string): TChecklistItem {
  const base = {
    kind: 'access_removed' as const,
    phase: 'offboarding' as const,
    dueDate,
    exemption: null,
    notRequired: null,
  };
  if (facts.activeAccounts.length > 0)
    return {
      ...base,
      done: false,
      doneOn: null,
      detail: `still active: ${facts.activeAccounts.map((a) => `${a.system} ${a.accountName} (${a.status})`).join(', ')}`,
    };
  const confirmed = facts.mark
    ? `removal confirmed by ${facts.mark.recordedBy}${facts.mark.note ? `: ${facts.mark.note}` : ''}`
    : null;
  if (facts.systemsChecked.length > 0)
    return {
      ...base,
      done: true,
      doneOn: facts.mark?.doneOn ?? null,
      detail: [`no active account in ${facts.systemsChecked.join(', ')}`, confirmed]
        .filter(Boolean)
        .join('; '),
    };
  if (facts.mark) return { ...base, done: true, doneOn: facts.mark.doneOn, detail: confirmed ?? '' };
  return {
    ...base,
    done: false,
    doneOn: null,
    detail: 'no connected system shows the accounts: confirm the removal by hand',
  };
}

/** The person's checklist: onboarding always, offboarding once an end date is known. */
export function buildChecklist(
  facts: TPersonFacts,
  defaults: TChecklistDefaults = DEFAULT_CHECKLIST,
): TChecklistItem[] {
  const { startDate, endDate } = facts.person;
  const items = [
    backgroundCheckItem(facts.person.backgroundCheck, addDays(startDate, defaults.backgroundCheckDays)),
    trainingItem(facts.training, addDays(startDate, defaults.trainingDays)),
    policiesItem(facts.policies, startDate, defaults.policiesDays),
    deviceItem(facts.device, addDays(startDate, defaults.deviceDays)),
  ];
  if (endDate !== null) items.push(accessItem(facts.access, addDays(endDate, defaults.accessRemovalDays)));
  return items;
}

/**
 * One item on one day. Onboarding asks nothing of someone not yet started or already gone; offboarding
 * waits until the last day is over; then an item not done is pending until its due date and overdue after.
 */
export function judgeItem(
  person: Pick<TPerson, 'startDate' | 'endDate' | 'inScope'>,
  item: TChecklistItem,
  today: string,
): TItemJudgement {
  const na = (reason: string): TItemJudgement => ({ state: 'not_applicable', reason });
  if (!person.inScope) return na('out of scope');
  if (item.notRequired) return na(item.notRequired);
  if (item.phase === 'onboarding' && person.startDate > today) return na(`starts on ${person.startDate}`);
  if (item.exemption) return { state: 'exempt', reason: `exempt: ${item.exemption}` };
  if (item.done) return { state: 'done', reason: item.detail };
  if (item.phase === 'onboarding' && person.endDate !== null && person.endDate < today)
    return na(`left on ${person.endDate}: only offboarding is judged now`);
  if (item.phase === 'offboarding' && person.endDate !== null && person.endDate >= today)
    return na(`the last day, ${person.endDate}, is not over (due by ${item.dueDate}): ${item.detail}`);
  if (today > item.dueDate)
    return { state: 'overdue', reason: `overdue (due by ${item.dueDate}): ${item.detail}` };
  return { state: 'pending', reason: `due by ${item.dueDate}: ${item.detail}` };
}
