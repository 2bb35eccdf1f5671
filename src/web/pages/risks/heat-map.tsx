import { label } from '../../components/badge.tsx';
import type { THeatMap } from './queries.ts';

const LEVELS = [1, 2, 3, 4, 5];

/**
 * A 5 x 5 heat map as a real table: likelihood down (5 at the top), impact across. Each cell shows its
 * count and its rating in words; the colour only repeats the rating.
 */
export function HeatMap({ title, cells }: { title: string; cells: THeatMap['inherent'] }) {
  const at = (likelihood: number, impact: number) =>
    cells.find((c) => c.likelihood === likelihood && c.impact === impact);
  return (
    <div className="table-wrap risk-table-wrap">
      <table className="heat-map">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Likelihood \ impact</th>
            {LEVELS.map((impact) => (
              <th key={impact} scope="col">
                Impact {impact}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...LEVELS].reverse().map((likelihood) => (
            <tr key={likelihood}>
              <th scope="row">Likelihood {likelihood}</th>
              {LEVELS.map((impact) => {
                const cell = at(likelihood, impact);
                const rating = cell?.rating ?? 'low';
                const count = cell?.count ?? 0;
                return (
                  <td
                    key={impact}
                    className={`heat-cell heat-${rating}${count > 0 ? ' heat-filled' : ''}`}
                    data-testid={`heat-${title.toLowerCase().split(' ')[0]}-${likelihood}-${impact}`}
                  >
                    <strong>{count}</strong>
                    <span className="heat-label">{label(rating)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
