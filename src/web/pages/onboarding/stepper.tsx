import { type ReactNode, useEffect, useRef } from 'react';

export const STEPS = ['Report type', 'Scope', 'The team', 'Adopt'] as const;

/** The steps as an ordered list (the current one marked for assistive technology), and the step's frame. */
export function Stepper({ step, children }: { step: number; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(step);
  useEffect(() => {
    // Moving between steps keeps keyboard and screen-reader users at the top of the new step.
    if (shown.current === step) return;
    shown.current = step;
    heading.current?.focus();
  });
  return (
    <div className="stack stack-fluid">
      <ol className="stepper">
        {STEPS.map((name, i) => (
          <li
            key={name}
            className={i + 1 === step ? 'current' : i + 1 < step ? 'done' : undefined}
            aria-current={i + 1 === step ? 'step' : undefined}
          >
            <span className="stepper-number" aria-hidden="true">
              {i + 1}
            </span>
            {name}
          </li>
        ))}
      </ol>
      <section className="card stack stack-fluid" aria-labelledby="step-heading">
        <h2 id="step-heading" className="card-title" tabIndex={-1} ref={heading}>
          <span className="muted">
            Step {step} of {STEPS.length}:
          </span>{' '}
          {STEPS[step - 1]}
        </h2>
        {children}
      </section>
    </div>
  );
}
