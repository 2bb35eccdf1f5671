import { useEffect, useId, useRef, useState } from 'react';

// A small line chart in SVG: axes with labels, one line per series told apart by colour AND dash pattern,
// a <title>/<desc> for screen readers, and the same numbers in a visually hidden table.

export interface TLineSeries {
  name: string;
  /** One value per x label; null where there is no measurement (the line breaks there). */
  values: (number | null)[];
}

const HEIGHT = 240;
const PAD = { top: 12, right: 16, bottom: 34, left: 44 };
const STYLES = [
  { color: 'var(--accent)', dash: '' },
  { color: 'var(--good)', dash: '6 4' },
  { color: 'var(--warn)', dash: '2 4' },
  { color: 'var(--bad)', dash: '10 4 2 4' },
  { color: '#6b4fbb', dash: '12 6' },
  { color: '#0f766e', dash: '4 2' },
];

/** Splits a series into runs of consecutive measured points, so gaps show as breaks, not as slopes. */
function runs(values: (number | null)[]): Array<Array<{ i: number; v: number }>> {
  const out: Array<Array<{ i: number; v: number }>> = [];
  let current: Array<{ i: number; v: number }> = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push({ i, v });
  });
  if (current.length > 0) out.push(current);
  return out;
}

/** Up to `count` evenly spread indexes of `length` items, always the first and the last. */
function tickIndexes(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (count - 1);
  return Array.from({ length: count }, (_, k) => Math.round(k * step));
}

export function LineChart({
  title,
  description,
  labels,
  series,
  yMax = 100,
  unit = '%',
  xLabel,
  yLabel,
}: {
  title: string;
  description: string;
  labels: string[];
  series: TLineSeries[];
  yMax?: number;
  unit?: string;
  xLabel: string;
  yLabel: string;
}) {
  const id = useId();
  const figure = useRef<HTMLElement>(null);
  // Drawn at the width it is shown at, so the labels keep their size from a phone to a desktop.
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const element = figure.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(Math.min(760, Math.max(280, entry.contentRect.width))));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (labels.length <= 1 ? plotW / 2 : (i / (labels.length - 1)) * plotW);
  const y = (v: number) => PAD.top + plotH - (Math.min(Math.max(v, 0), yMax) / yMax) * plotH;
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * yMax));
  const xTicks = tickIndexes(labels.length, width < 480 ? 3 : 5);

  return (
    <figure className="line-chart" ref={figure}>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        width={width}
        height={HEIGHT}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={PAD.left} x2={width - PAD.right} y1={y(t)} y2={y(t)} className="line-chart-grid" />
            <text
              x={PAD.left - 6}
              y={y(t)}
              textAnchor="end"
              dominantBaseline="middle"
              className="line-chart-tick"
            >
              {t}
              {unit}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + plotH} className="line-chart-axis" />
        <line
          x1={PAD.left}
          x2={width - PAD.right}
          y1={PAD.top + plotH}
          y2={PAD.top + plotH}
          className="line-chart-axis"
        />
        {xTicks.map((i) => (
          <text
            key={`x${i}`}
            x={x(i)}
            y={HEIGHT - PAD.bottom + 16}
            textAnchor={i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle'}
            className="line-chart-tick"
          >
            {labels[i]}
          </text>
        ))}
        <text x={PAD.left + plotW / 2} y={HEIGHT - 4} textAnchor="middle" className="line-chart-label">
          {xLabel}
        </text>
        <text
          x={12}
          y={PAD.top + plotH / 2}
          textAnchor="middle"
          transform={`rotate(-90 12 ${PAD.top + plotH / 2})`}
          className="line-chart-label"
        >
          {yLabel}
        </text>
        {series.map((s, k) => {
          const style = STYLES[k % STYLES.length] ?? STYLES[0];
          return (
            <g key={s.name} stroke={style?.color} fill={style?.color}>
              {runs(s.values).map((run) =>
                run.length === 1 ? (
                  <circle key={`p${run[0]?.i}`} cx={x(run[0]?.i ?? 0)} cy={y(run[0]?.v ?? 0)} r={3} />
                ) : (
                  <polyline
                    key={`r${run[0]?.i}`}
                    points={run.map((p) => `${x(p.i)},${y(p.v)}`).join(' ')}
                    fill="none"
                    strokeWidth={2}
                    strokeDasharray={style?.dash}
                    strokeLinejoin="round"
                  />
                ),
              )}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <figcaption className="line-chart-legend" aria-hidden="true">
          {series.map((s, k) => {
            const style = STYLES[k % STYLES.length] ?? STYLES[0];
            return (
              <span key={s.name} className="legend-item">
                <svg width="28" height="10" aria-hidden="true">
                  <line
                    x1="0"
                    x2="28"
                    y1="5"
                    y2="5"
                    stroke={style?.color}
                    strokeWidth={2}
                    strokeDasharray={style?.dash}
                  />
                </svg>
                {s.name}
              </span>
            );
          })}
        </figcaption>
      )}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th scope="col" key={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s) => {
                  const v = s.values[i];
                  return <td key={s.name}>{v === null || v === undefined ? 'no data' : `${v}${unit}`}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
