import { Field, FormError } from '../../components/field.tsx';
import { useOrg } from '../../org.ts';
import { type TTrustSettings, useSeries } from './trust-api.ts';

// Control areas: what a customer reads as "in place" or "monitored". An area covers whole series of criteria
// (every control mapped to them) and/or controls named by code.

export type TAreaDraft = Omit<TTrustSettings['areas'][number], 'controls'> & { controlsText: string };

export function AreasEditor({
  areas,
  errors,
  onChange,
}: {
  areas: TAreaDraft[];
  errors: Record<string, string>;
  onChange: (areas: TAreaDraft[]) => void;
}) {
  const org = useOrg();
  const series = useSeries(org.slug);
  const setArea = (i: number, change: Partial<TAreaDraft>) =>
    onChange(areas.map((a, j) => (j === i ? { ...a, ...change } : a)));

  return (
    <section className="card stack" aria-labelledby="trust-areas-title">
      <h2 id="trust-areas-title" className="card-title">
        Control areas
      </h2>
      <p className="hint">
        Each area shows its state (in progress, in place, monitored) from the controls behind it, never a
        finding.
      </p>
      <FormError error={errors.areas} />
      {series.data === null && (
        <p className="muted">
          No SOC 2 program yet: <a href={`/o/${org.slug}/onboarding`}>set it up</a> to pick series; meanwhile
          name controls by code.
        </p>
      )}
      {areas.length === 0 && <p className="muted">No areas yet. Add one, e.g. “Access control” over CC6.</p>}
      {areas.map((a, i) => (
        <fieldset className="fieldset stack" key={`area-${i.toString()}`}>
          <legend>Area {i + 1}</legend>
          <div className="form-grid">
            <Field label="Title" error={errors[`areas.${i}`]}>
              {(p) => (
                <input
                  {...p}
                  value={a.title}
                  maxLength={120}
                  onChange={(e) => setArea(i, { title: e.target.value })}
                />
              )}
            </Field>
            <Field label="Area description">
              {(p) => (
                <input
                  {...p}
                  value={a.description}
                  maxLength={600}
                  onChange={(e) => setArea(i, { description: e.target.value })}
                />
              )}
            </Field>
          </div>
          {series.data && series.data.length > 0 && (
            <fieldset className="fieldset">
              <legend>Series of criteria</legend>
              <div className="trust-series">
                {series.data.map((s) => (
                  <label key={s.id} className="trust-check">
                    <input
                      type="checkbox"
                      checked={a.series.includes(s.id)}
                      onChange={(e) =>
                        setArea(i, {
                          series: e.target.checked ? [...a.series, s.id] : a.series.filter((x) => x !== s.id),
                        })
                      }
                    />{' '}
                    {s.id} <span className="muted">{s.name}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          {series.isPending && <p className="muted">Loading the series…</p>}
          {series.error && (
            <p className="field-error">The series could not be loaded; reload to try again.</p>
          )}
          <Field label="Control codes" hint="Separated by commas or spaces, e.g. RISK-01, RISK-02.">
            {(p) => (
              <input
                {...p}
                value={a.controlsText}
                onChange={(e) => setArea(i, { controlsText: e.target.value })}
              />
            )}
          </Field>
          <div>
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => onChange(areas.filter((_, j) => j !== i))}
            >
              Remove area {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <div>
        <button
          type="button"
          className="button"
          disabled={areas.length >= 30}
          onClick={() => onChange([...areas, { title: '', description: '', series: [], controlsText: '' }])}
        >
          Add an area
        </button>
      </div>
    </section>
  );
}
