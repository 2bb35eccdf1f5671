import { useId, useState } from 'react';
import type { TControl } from '../controls/queries.ts';

/**
 * Choose several controls: the chosen ones as removable chips, the rest as checkboxes narrowed by a search
 * box. Plain form controls, so it works by keyboard and with a screen reader.
 */
export function ControlPicker({
  controls,
  value,
  onChange,
  label,
  error,
  hint,
}: {
  controls: TControl[];
  value: string[];
  onChange: (codes: string[]) => void;
  label: string;
  error?: string | undefined;
  hint?: string;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const q = search.trim().toLowerCase();
  const matches = controls.filter((c) => !q || `${c.code} ${c.title}`.toLowerCase().includes(q));
  const shown = matches.slice(0, 50);
  const chosen = new Set(value);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');

  function toggle(code: string, on: boolean) {
    onChange(on ? [...value, code].sort() : value.filter((c) => c !== code));
  }

  return (
    <fieldset
      className={`field control-picker${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>{label}</legend>
      {value.length > 0 ? (
        <ul className="chips" aria-label="Chosen controls">
          {value.map((code) => (
            <li key={code}>
              <span>{code}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${code}`}
                onClick={() => toggle(code, false)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">None chosen yet.</p>
      )}
      <label className="visually-hidden" htmlFor={`${id}-search`}>
        Search controls
      </label>
      <input
        id={`${id}-search`}
        className="input"
        type="search"
        placeholder="Search controls by code or title"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <div className="picker-options">
        {shown.length === 0 ? (
          <p className="muted small">No control matches "{search}".</p>
        ) : (
          shown.map((c) => (
            <label key={c.code} className="picker-option">
              <input
                type="checkbox"
                checked={chosen.has(c.code)}
                onChange={(e) => toggle(c.code, e.target.checked)}
              />
              <span>
                <strong>{c.code}</strong> {c.title}
              </span>
            </label>
          ))
        )}
        {matches.length > shown.length && (
          <p className="muted small">{matches.length - shown.length} more: narrow the search to see them.</p>
        )}
      </div>
      {hint && (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}
