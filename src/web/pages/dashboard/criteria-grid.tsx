import { Link } from 'react-router';
import { label, toneOf } from '../../components/badge.tsx';
import { percent, STATUS_MEANING, type TCriterionReadiness } from './types.ts';

/** Every in-scope criterion as a cell coloured by status; the status is in the text for screen readers too. */
export function CriteriaGrid({ slug, criteria }: { slug: string; criteria: TCriterionReadiness[] }) {
  return (
    <>
      <ul className="grid-criteria plain-grid" aria-label="Criteria by status">
        {criteria.map((c) => {
          const status = label(c.status);
          const text = `${c.id}: ${status}${c.score === null ? '' : ` (${percent(c.score)})`}`;
          return (
            <li key={c.id}>
              <Link
                to={`/o/${slug}/criteria/${c.id}`}
                className={`cell cell-${toneOf(c.status)}`}
                title={text}
              >
                {c.id}
                <span className="visually-hidden">: {status}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      <ul className="grid-legend" aria-label="Legend">
        {Object.entries(STATUS_MEANING).map(([status, meaning]) => (
          <li key={status}>
            <span className={`cell cell-${toneOf(status)} legend-swatch`} aria-hidden="true" />
            <strong>{label(status)}</strong>: {meaning}
          </li>
        ))}
      </ul>
    </>
  );
}
