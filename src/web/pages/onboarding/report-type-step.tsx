import { Field } from '../../components/field.tsx';
import { type TDraft, windowMonths } from './draft.ts';

/** Step 1: Type 1 or Type 2, and the date or window the report covers. */
export function ReportTypeStep({
  draft,
  change,
  errors,
  warnings,
}: {
  draft: TDraft;
  change: (patch: Partial<TDraft>) => void;
  errors: Record<string, string>;
  warnings: string[];
}) {
  const months = windowMonths(draft);
  return (
    <div className="stack">
      <fieldset className="stack-tight">
        <legend>Which report?</legend>
        <label className="choice">
          <input
            type="radio"
            name="reportType"
            value="type1"
            checked={draft.reportType === 'type1'}
            onChange={() => change({ reportType: 'type1' })}
          />
          <span>
            <strong>Type 1: designed, at one date</strong>
            <br />
            The auditor checks that your controls exist and are designed to meet the criteria on a single day.
            It does not look at whether they kept working afterwards. Pick it for a first report when a deal
            needs something soon: it takes weeks rather than months and costs less.
          </span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="reportType"
            value="type2"
            checked={draft.reportType === 'type2'}
            onChange={() => change({ reportType: 'type2' })}
          />
          <span>
            <strong>Type 2: designed and operating, over a period</strong>
            <br />
            The auditor also tests that the controls actually ran, sample by sample, throughout an observation
            window. It takes longer, but it is the report most customers end up asking for; many companies do
            a Type 1 first and a Type 2 next.
          </span>
        </label>
      </fieldset>

      {draft.reportType === 'type1' ? (
        <Field
          label="As-of date"
          hint="The day the report describes. Leave yourself time to put the controls in place before it."
          error={errors.asOf}
        >
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.asOf}
              required
              onChange={(e) => change({ asOf: e.target.value })}
            />
          )}
        </Field>
      ) : (
        <div className="stack-tight">
          <div className="two-col date-pair">
            <Field label="Observation window starts" error={errors.windowStart}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={draft.windowStart}
                  required
                  onChange={(e) => change({ windowStart: e.target.value })}
                />
              )}
            </Field>
            <Field
              label="Observation window ends"
              error={errors.windowEnd}
              hint={months === null ? undefined : `${months} months`}
            >
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={draft.windowEnd}
                  required
                  onChange={(e) => change({ windowEnd: e.target.value })}
                />
              )}
            </Field>
          </div>
          {warnings.map((w) => (
            <p key={w} className="field-warning" role="status">
              Note: {w}.
            </p>
          ))}
          <div className="hint">
            Windows run from 3 to 12 months. Three months gets you a report soonest, and is common for a first
            Type 2; some customers will only accept 6 or 12. A longer window shows more of the controls
            operating, at the cost of waiting longer for the report.
          </div>
        </div>
      )}
    </div>
  );
}
