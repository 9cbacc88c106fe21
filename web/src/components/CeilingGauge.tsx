import { useId } from 'react';
import { useI18n } from '../i18n/I18n.js';

export interface CeilingGaugeProps {
  /** What is measured, in words (the gauge's label). */
  readonly label: string;
  readonly declared: number;
  /** The agreement's ceiling for the party, or null when it sets none. */
  readonly ceiling: number | null;
}

const W = 220;
const H = 18;

/**
 * Declared against ceiling as a bar: the share of the ceiling filled, a mark at the ceiling, and
 * past it a hatched overflow. The same figures stand beside it in words, and the SVG carries
 * them as its accessible name, so neither colour nor the drawing is the only way to read it.
 */
export function CeilingGauge({ label, declared, ceiling }: CeilingGaugeProps) {
  const { t, num } = useI18n();
  const hatch = `hatch-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const over = ceiling !== null && declared > ceiling;
  const share = ceiling ? declared / ceiling : null;
  // The scale runs to the larger of the two, so an overflow is drawn past the ceiling mark.
  const top = Math.max(declared, ceiling ?? 0, 1);
  const x = (v: number) => (v / top) * W;
  const text =
    ceiling === null
      ? t('decl.gaugeNoCeiling', { label, declared: num(declared) })
      : t('decl.gaugeText', {
          label,
          declared: num(declared),
          ceiling: num(ceiling),
          pct: num(Math.round((share ?? 0) * 100)),
        });
  return (
    <div className={over ? 'gauge over' : 'gauge'} data-over={over}>
      <span className="gauge-label">{label}</span>
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={text}
        className="gauge-bar"
      >
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" fill="#D55E00" />
            <path d="M0,6 L6,0" stroke="#ffffff" strokeWidth="1.5" />
          </pattern>
        </defs>
        <rect width={W} height={H} fill="#e3e8ec" />
        <rect width={x(Math.min(declared, ceiling ?? declared))} height={H} fill="#0072B2" />
        {over && (
          <rect x={x(ceiling!)} width={x(declared - ceiling!)} height={H} fill={`url(#${hatch})`} />
        )}
        {ceiling !== null && (
          <line x1={x(ceiling)} x2={x(ceiling)} y1={0} y2={H} stroke="#000000" strokeWidth="2" />
        )}
      </svg>
      <span className="gauge-figures" aria-hidden="true">
        {ceiling === null
          ? t('decl.figuresNoCeiling', { declared: num(declared) })
          : t('decl.figures', { declared: num(declared), ceiling: num(ceiling) })}
        {over && <strong> {t('decl.over')}</strong>}
      </span>
    </div>
  );
}
