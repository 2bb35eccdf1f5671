import { label } from '../../components/badge.tsx';
import { percent, type TReadiness } from './types.ts';

/** A labelled progress bar for one score (0–100), with the number as text beside it. */
export function ScoreBar({ name, score }: { name: string; score: number | null }) {
  return (
    <div className="score-bar">
      <span className="score-bar-name" title={name}>
        {name}
      </span>
      <div
        className="progress"
        role="progressbar"
        aria-label={name}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={score ?? 0}
        aria-valuetext={score === null ? 'not assessed' : `${score}%`}
      >
        <span style={{ width: `${score ?? 0}%` }} />
      </div>
      <span className="score-bar-value">{percent(score)}</span>
    </div>
  );
}

/** Overall readiness as a big number and a bar, then per category and per series. */
export function ReadinessSummary({ readiness }: { readiness: TReadiness }) {
  const { overall } = readiness;
  const counts = overall.criteria;
  return (
    <div className="two-col">
      <section className="card" aria-labelledby="overall-heading">
        <h2 id="overall-heading" className="card-title">
          Overall readiness
        </h2>
        <div className="metric" aria-hidden="true">
          {percent(overall.score)}
        </div>
        <ScoreBar name="Overall" score={overall.score} />
        <p className="muted">
          {(['ready', 'partial', 'gap', 'not_applicable'] as const)
            .map((s) => `${counts[s] ?? 0} ${label(s).toLowerCase()}`)
            .join(' · ')}{' '}
          criteria, as of {readiness.asOf}.
        </p>
        <h3>By category</h3>
        <div className="stack-tight">
          {readiness.categories.map((c) => (
            <ScoreBar key={c.id} name={c.name} score={c.score} />
          ))}
        </div>
      </section>
      <section className="card" aria-labelledby="series-heading">
        <h2 id="series-heading" className="card-title">
          By series
        </h2>
        <div className="stack-tight">
          {readiness.series.map((s) => (
            <ScoreBar key={s.id} name={`${s.id} ${s.name}`} score={s.score} />
          ))}
        </div>
      </section>
    </div>
  );
}
