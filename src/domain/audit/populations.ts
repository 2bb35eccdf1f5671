import { AttestlyError } from '../errors.ts';

// A population is every occurrence of one kind of event in the period (every merged change, every hire,
// every leaver …), kept whole, each item with where it came from. Auditors sample from it; nothing here is
// ever deleted when a collector's lookback stops returning an item.

export const POPULATION_KINDS = [
  'change',
  'hire',
  'leaver',
  'access_review',
  'incident',
  'vendor_review',
] as const;
export type TPopulationKind = (typeof POPULATION_KINDS)[number];

export const POPULATION_KIND_LABELS: Record<TPopulationKind, string> = {
  change: 'Merged changes',
  hire: 'New hires',
  leaver: 'Leavers',
  access_review: 'Access reviews',
  incident: 'Incidents',
  vendor_review: 'Vendor reviews',
};

/** Where an item came from: a monitoring run, an imported file, or another register of the product. */
export const POPULATION_SOURCE_KINDS = ['integration', 'import', 'register'] as const;
export type TPopulationSourceKind = (typeof POPULATION_SOURCE_KINDS)[number];

export type TPopulationAttribute = string | number | boolean | null;

export interface TPopulationSource {
  kind: TPopulationSourceKind;
  /** The integration's name, the imported file's name (or "csv"), or the register ("people"). */
  ref: string;
  collectedAt: Date;
}

export interface TPopulationItem {
  kind: TPopulationKind;
  /** Stable within the kind: a pull request "org/repo#12", an employee id, a ticket key. */
  externalId: string;
  occurredAt: Date;
  title: string;
  attributes: Record<string, TPopulationAttribute>;
  source: TPopulationSource;
}

export function isPopulationKind(value: string): value is TPopulationKind {
  return (POPULATION_KINDS as readonly string[]).includes(value);
}

export function parsePopulationKind(value: string): TPopulationKind {
  if (!isPopulationKind(value))
    throw new AttestlyError(
      'INVALID_INPUT',
      `unknown population "${value}"; expected one of ${POPULATION_KINDS.join(', ')}`,
      { field: 'kind' },
    );
  return value;
}

/** Limits an item must respect, checked before anything is stored. */
export const MAX_EXTERNAL_ID = 200;
export const MAX_TITLE = 500;
export const MAX_ATTRIBUTES = 50;
export const MAX_ATTRIBUTE_TEXT = 2000;

/** The problem with one item, or null when it can be stored. */
export function populationItemProblem(item: {
  externalId: string;
  title: string;
  occurredAt: Date;
  attributes: Record<string, TPopulationAttribute>;
}): string | null {
  if (item.externalId.trim() === '') return 'the id is empty';
  if (item.externalId.length > MAX_EXTERNAL_ID) return `the id is longer than ${MAX_EXTERNAL_ID} characters`;
  if (Number.isNaN(item.occurredAt.getTime())) return 'the date is not a date';
  if (item.title.length > MAX_TITLE) return `the title is longer than ${MAX_TITLE} characters`;
  const names = Object.keys(item.attributes);
  if (names.length > MAX_ATTRIBUTES) return `more than ${MAX_ATTRIBUTES} attributes`;
  for (const name of names) {
    const value = item.attributes[name];
    if (typeof value === 'string' && value.length > MAX_ATTRIBUTE_TEXT)
      return `${name} is longer than ${MAX_ATTRIBUTE_TEXT} characters`;
  }
  return null;
}
