import { useId } from 'react';
import { useI18n } from '../i18n/I18n.js';

export interface HistorySeries {
  readonly id: string;
  readonly name: string;
  /** [asOf date, value], oldest first. */
  readonly points: readonly (readonly [string, number])[];
}

const W = 520;
const H = 200;
const PAD = { left: 64, right: 44, top: 12, bottom: 28 };
/** Okabe–Ito blue and vermillion, then black: told apart by colour, marker and dash. */
const STYLES = [
  { colour: '#0072B2', dash: undefined, marker: 'circle' },
  { colour: '#D55E00', dash: '6 3', marker: 'square' },
  { colour: '#000000', dash: '2 3', marker: 'diamond' },
] as const;

/**
 * Declared figures over time, one line per party, with the ceiling as a dashed rule; below it the
 * same figures as a table (the chart's text equivalent).
 */
export function DeclarationHistory({
  title,
  series,
  ceilings,
}: {
  title: string;
  series: readonly HistorySeries[];
  /** Ceiling per party id, where the agreement sets one. */
  ceilings: Readonly<Record<string, number | null>>;
}) {
  const { t, num } = useI18n();
  const titleId = useId();
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort();
  const values = [
    ...series.flatMap((s) => s.points.map((p) => p[1])),
    ...Object.values(ceilings).filter((c): c is number => c !== null),
  ];
  const top = Math.max(1, ...values) * 1.1;
  const x = (d: string) =>
    PAD.left +
    (dates.length <= 1 ? 0.5 : dates.indexOf(d) / (dates.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  return (
    <figure className="history">
      <figcaption id={titleId}>{title}</figcaption>
      {dates.length === 0 ? (
        <p className="note">{t('decl.noHistory')}</p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${W} ${H}`}
            width="100%"
            role="img"
            aria-labelledby={titleId}
            className="history-chart"
          >
            <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} stroke="#4a5560" />
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={H - PAD.bottom}
              y2={H - PAD.bottom}
              stroke="#4a5560"
            />
            <text x={PAD.left - 6} y={y(top / 1.1) + 4} textAnchor="end" className="axis">
              {num(Math.round(top / 1.1))}
            </text>
            <text x={PAD.left - 6} y={H - PAD.bottom + 4} textAnchor="end" className="axis">
              0
            </text>
            {dates.map((d) => (
              <text key={d} x={x(d)} y={H - 8} textAnchor="middle" className="axis">
                {d}
              </text>
            ))}
            {series.map((s, i) => {
              const st = STYLES[i % STYLES.length]!;
              const c = ceilings[s.id];
              return (
                <g key={s.id} data-party={s.id}>
                  {c != null && (
                    <line
                      x1={PAD.left}
                      x2={W - PAD.right}
                      y1={y(c)}
                      y2={y(c)}
                      stroke={st.colour}
                      strokeDasharray="10 4"
                      strokeWidth="1"
                    />
                  )}
                  <polyline
                    fill="none"
                    stroke={st.colour}
                    strokeWidth="2"
                    strokeDasharray={st.dash}
                    points={s.points.map(([d, v]) => `${x(d)},${y(v)}`).join(' ')}
                  />
                  {s.points.map(([d, v]) => (
                    <Marker key={d} kind={st.marker} cx={x(d)} cy={y(v)} colour={st.colour} />
                  ))}
                </g>
              );
            })}
          </svg>
          <ul className="history-key">
            {series.map((s, i) => {
              const st = STYLES[i % STYLES.length]!;
              return (
                <li key={s.id}>
                  <svg width="28" height="12" aria-hidden="true">
                    <line
                      x1="0"
                      x2="28"
                      y1="6"
                      y2="6"
                      stroke={st.colour}
                      strokeWidth="2"
                      strokeDasharray={st.dash}
                    />
                    <Marker kind={st.marker} cx={14} cy={6} colour={st.colour} />
                  </svg>{' '}
                  {s.name}
                </li>
              );
            })}
          </ul>
          <details>
            <summary>{t('decl.table')}</summary>
            <table className="data">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('decl.asOf')}</th>
                  {series.map((s) => (
                    <th key={s.id} scope="col">
                      {s.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {dates.map((d) => (
                  <tr key={d}>
                    <th scope="row">{d}</th>
                    {series.map((s) => {
                      const p = s.points.find((q) => q[0] === d);
                      return <td key={s.id}>{p ? num(p[1]) : '—'}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}

function Marker({
  kind,
  cx,
  cy,
  colour,
}: {
  kind: 'circle' | 'square' | 'diamond';
  cx: number;
  cy: number;
  colour: string;
}) {
  if (kind === 'circle') return <circle cx={cx} cy={cy} r={4} fill={colour} />;
  if (kind === 'square') return <rect x={cx - 4} y={cy - 4} width={8} height={8} fill={colour} />;
  return (
    <path
      d={`M${cx},${cy - 5} L${cx + 5},${cy} L${cx},${cy + 5} L${cx - 5},${cy} Z`}
      fill={colour}
    />
  );
}
