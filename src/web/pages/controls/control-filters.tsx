import { useSearchParams } from 'react-router';
import { FREQUENCIES, OWNER_ROLE_LABELS, OWNER_ROLES } from '../../../domain/catalog-types.ts';
import { CONTROL_STATUSES } from '../../../domain/control.ts';
import { label } from '../../components/badge.tsx';
import { Field } from '../../components/field.tsx';
import type { TControl } from './queries.ts';

// The controls list's filters live in the URL query string, so a filtered list can be shared and reloaded.

export const FILTER_KEYS = ['q', 'status', 'criterion', 'ownerRole', 'owner', 'frequency'] as const;
export type TFilters = Record<(typeof FILTER_KEYS)[number], string>;

/** "unassigned" as an owner filter: controls nobody owns yet. */
export const UNASSIGNED = '-';

export function useControlFilters(): [TFilters, (key: keyof TFilters, value: string) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as TFilters;
  function set(key: keyof TFilters, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }
  function clear() {
    setParams(new URLSearchParams(), { replace: true });
  }
  return [filters, set, clear];
}

export function matchesFilters(control: TControl, f: TFilters): boolean {
  const q = f.q.trim().toLowerCase();
  if (q && !`${control.code} ${control.title}`.toLowerCase().includes(q)) return false;
  if (f.status && control.status !== f.status) return false;
  if (f.criterion && !control.criteria.includes(f.criterion)) return false;
  if (f.ownerRole && control.ownerRole !== f.ownerRole) return false;
  if (f.owner && (control.ownerEmail ?? UNASSIGNED) !== f.owner) return false;
  if (f.frequency && control.frequency !== f.frequency) return false;
  return true;
}

export function ControlFilters({
  controls,
  filters,
  set,
  clear,
}: {
  controls: TControl[];
  filters: TFilters;
  set: (key: keyof TFilters, value: string) => void;
  clear: () => void;
}) {
  const criteria = [...new Set(controls.flatMap((c) => c.criteria))].sort(byCriterion);
  const owners = [...new Set(controls.map((c) => c.ownerEmail).filter((e): e is string => !!e))].sort();
  const any = FILTER_KEYS.some((k) => filters[k]);
  return (
    <search className="filters" aria-label="Filter controls">
      <Field label="Search">
        {(p) => (
          <input
            {...p}
            type="search"
            placeholder="Code or title"
            value={filters.q}
            onChange={(e) => set('q', e.target.value)}
          />
        )}
      </Field>
      <Field label="Status">
        {(p) => (
          <select {...p} value={filters.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any status</option>
            {CONTROL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Criterion">
        {(p) => (
          <select {...p} value={filters.criterion} onChange={(e) => set('criterion', e.target.value)}>
            <option value="">Any criterion</option>
            {criteria.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Owner">
        {(p) => (
          <select {...p} value={filters.owner} onChange={(e) => set('owner', e.target.value)}>
            <option value="">Anyone</option>
            <option value={UNASSIGNED}>Nobody yet</option>
            {owners.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Owner role">
        {(p) => (
          <select {...p} value={filters.ownerRole} onChange={(e) => set('ownerRole', e.target.value)}>
            <option value="">Any role</option>
            {OWNER_ROLES.map((r) => (
              <option key={r} value={r}>
                {OWNER_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Frequency">
        {(p) => (
          <select {...p} value={filters.frequency} onChange={(e) => set('frequency', e.target.value)}>
            <option value="">Any frequency</option>
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {label(f)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {any && (
        <button type="button" className="button" onClick={clear}>
          Clear filters
        </button>
      )}
    </search>
  );
}

/** CC1.1 … CC9.2, then A1.1 …: by series, then number (so CC10 would follow CC9). */
export function byCriterion(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}
