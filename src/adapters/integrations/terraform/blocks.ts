// One managed resource as read from any of the three inputs (a configuration, a plan, a state), before it
// becomes a typed resource. Values keep Terraform's attribute names. A value not known before apply is
// the string UNKNOWN (from a plan's after_unknown) or a string holding an interpolation `${…}` (an
// expression in a .tf or .tf.json file, which hcl2json writes that way).

export const UNKNOWN = '(known after apply)';

export interface TTfBlock {
  /** module.a.aws_s3_bucket.b["x"] */
  address: string;
  /** The address without its instance key: module.a.aws_s3_bucket.b */
  base: string;
  /** The module path with a trailing dot (`module.a.`), empty for the root module. */
  module: string;
  type: string;
  /** The instance key as written in the address (`0`, `"x"`), or null. */
  index: string | null;
  values: Record<string, unknown>;
  /** Per attribute, the module-local addresses it refers to (`aws_s3_bucket.logs.id`). */
  refs: Record<string, string[]>;
  /** The declaring file, relative to the integration's path; null for plan and state output. */
  file: string | null;
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN || (typeof value === 'string' && value.includes('${'));
}

/** A boolean setting: its value, the provider's default when absent, or null when not known before apply. */
export function readBool(values: Record<string, unknown>, key: string, fallback: boolean): boolean | null {
  const value = values[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return null;
}

/** A number setting; null when absent or not known before apply. */
export function readNumber(values: Record<string, unknown>, key: string): number | null {
  const value = values[key];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

/** A string setting; an expression is kept as written (it names where the value comes from). */
export function readString(values: Record<string, unknown>, key: string): string | null {
  const value = values[key];
  if (typeof value !== 'string' || value === UNKNOWN || value === '') return null;
  return value;
}

/** A string setting that must be known to be judged: an expression gives null. */
export function readKnownString(values: Record<string, unknown>, key: string): string | null {
  const value = readString(values, key);
  return value === null || isUnknown(value) ? null : value;
}

/**
 * Nested blocks (`rule { … }`): a list of objects in plans, states and hcl2json's output, an object or a
 * list in .tf.json. null when they come from a `dynamic` block or are not known before apply.
 */
export function readBlocks(values: Record<string, unknown>, key: string): Record<string, unknown>[] | null {
  const dynamic = values.dynamic;
  if (dynamic && typeof dynamic === 'object' && key in dynamic) return null;
  const value = values[key];
  if (value === undefined || value === null) return [];
  if (isUnknown(value)) return null;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Record<string, unknown> => Boolean(v) && typeof v === 'object');
}

/** A list of strings (cidr_blocks); null when the list itself is not known before apply. */
export function readStrings(values: Record<string, unknown>, key: string): string[] | null {
  const value = values[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return isUnknown(value) ? null : typeof value === 'string' ? [value] : [];
  return value.map((v) => (typeof v === 'string' ? v : UNKNOWN));
}
