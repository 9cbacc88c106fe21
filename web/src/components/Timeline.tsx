import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useI18n } from '../i18n/I18n.js';
import type { TimelineBars } from '../incidents/histogram.js';
import { INCIDENT } from '../map/palette.js';
import { histogram, snap, type Span } from '../view/time.js';

export interface TimelineProps {
  /**
   * Counts per bin over all time of what the caller may see in the view, with the map's filters
   * (the server's histograms, incidents/useTimelineBars.ts); null before the first answer or when
   * nothing matched.
   */
  readonly bars: TimelineBars | null;
  /** The chosen window (ms); null = open on that side. */
  readonly from: number | null;
  readonly to: number | null;
  readonly onChange: (from: number | null, to: number | null) => void;
}

const DAY = 86_400_000;
const HEIGHT = 56;
type Drag = { mode: 'new' | 'move' | 'from' | 'to'; x0: number; t0: number; sel: Span };

/**
 * A histogram of observations over time (and, when shown, incidents: the narrow dark bars, on
 * their own scale) with a range brush: drag across the bars to choose a
 * window, drag its edges or its body to change it, click a bar for that bar's time. The edges
 * are sliders for the keyboard (arrows move one bar, Page keys ten; Home/End go to the ends).
 * Play moves the window forward one bar at a time. A window covering everything is "all time".
 */
export function Timeline({ bars, from, to, onChange }: TimelineProps) {
  const { t, tn, dateTime } = useI18n();
  const wrap = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  const [draft, setDraft] = useState<Span | null>(null);
  const drag = useRef<Drag | null>(null);
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.max(100, entry!.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const h = useMemo(() => {
    if (bars && bars.observations.length > 0) {
      const counts = bars.observations;
      const incidents = bars.incidents;
      return {
        start: bars.start,
        step: bars.stepMs,
        counts,
        max: Math.max(1, ...counts),
        incidents,
        incidentMax: incidents ? Math.max(1, ...incidents) : 1,
      };
    }
    // Nothing counted yet: an empty last week, widened to the chosen window.
    const now = Date.now();
    const domain = {
      from: Math.min(now - 7 * DAY, from ?? Infinity),
      to: Math.max(now, to ?? -Infinity),
    };
    return { ...histogram([], domain), incidents: null, incidentMax: 1 };
  }, [bars, from, to]);
  const start = h.start;
  const end = h.start + h.counts.length * h.step;
  const x = (ms: number) => ((ms - start) / (end - start)) * width;
  const tAt = (px: number) => start + (Math.min(width, Math.max(0, px)) / width) * (end - start);
  const chosen: Span = draft ?? {
    from: Math.max(start, from ?? start),
    to: Math.min(end, to ?? end),
  };
  const all = from === null && to === null && draft === null;

  const commit = (s: Span) => {
    const a = Math.max(start, Math.min(s.from, s.to));
    const b = Math.min(end, Math.max(s.from, s.to));
    if (a <= start && b >= end) onChange(null, null);
    else onChange(a <= start ? null : a, b >= end ? null : b);
  };

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const width = all ? Math.max(h.step, (end - start) / 8) : chosen.to - chosen.from;
      const a = all ? start : chosen.from + h.step;
      if (a + width > end) {
        setPlaying(false);
        return;
      }
      onChange(a, a + width);
    }, 700);
    return () => clearInterval(timer);
  });

  const localX = (e: PointerEvent) =>
    e.clientX - (e.currentTarget as SVGElement).closest('svg')!.getBoundingClientRect().left;
  const down = (mode: Drag['mode']) => (e: PointerEvent<SVGElement>) => {
    e.stopPropagation();
    (e.currentTarget.closest('svg') as SVGSVGElement).setPointerCapture(e.pointerId);
    const px = localX(e);
    drag.current = { mode, x0: px, t0: tAt(px), sel: chosen };
    if (mode === 'new') setDraft({ from: tAt(px), to: tAt(px) });
  };
  const move = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const tm = tAt(localX(e));
    if (d.mode === 'new') setDraft({ from: Math.min(d.t0, tm), to: Math.max(d.t0, tm) });
    else if (d.mode === 'from') setDraft({ from: Math.min(tm, d.sel.to - h.step), to: d.sel.to });
    else if (d.mode === 'to') setDraft({ from: d.sel.from, to: Math.max(tm, d.sel.from + h.step) });
    else {
      const shift = Math.min(end - d.sel.to, Math.max(start - d.sel.from, tm - d.t0));
      setDraft({ from: d.sel.from + shift, to: d.sel.to + shift });
    }
  };
  const up = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    if (d.mode === 'new' && Math.abs(localX(e) - d.x0) < 4) {
      const bin = start + Math.floor((d.t0 - start) / h.step) * h.step;
      commit({ from: bin, to: bin + h.step });
    } else if (draft) commit({ from: snap(draft.from, h), to: snap(draft.to, h) });
    setDraft(null);
  };

  const key = (edge: 'from' | 'to') => (e: KeyboardEvent) => {
    const steps: Record<string, number> = {
      ArrowLeft: -1,
      ArrowDown: -1,
      ArrowRight: 1,
      ArrowUp: 1,
      PageDown: -10,
      PageUp: 10,
    };
    const value = edge === 'from' ? chosen.from : chosen.to;
    let next: number;
    if (e.key === 'Home') next = edge === 'from' ? start : chosen.from + h.step;
    else if (e.key === 'End') next = edge === 'from' ? chosen.to - h.step : end;
    else if (e.key in steps) next = snap(value, h) + steps[e.key]! * h.step;
    else return;
    e.preventDefault();
    if (edge === 'from') commit({ from: Math.min(next, chosen.to - h.step), to: chosen.to });
    else commit({ from: chosen.from, to: Math.max(next, chosen.from + h.step) });
  };

  const barW = width / h.counts.length;
  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <div className="timeline-head">
        <h2 id="timeline-title">{t('timeline.title')}</h2>
        <p className="window" aria-live="polite">
          {all
            ? t('timeline.all')
            : t('timeline.window', { from: dateTime(chosen.from), to: dateTime(chosen.to) })}
        </p>
        <button
          type="button"
          className="secondary"
          onClick={() => setPlaying((p) => !p)}
          aria-pressed={playing}
        >
          {playing ? t('timeline.pause') : t('timeline.play')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => onChange(null, null)}
          disabled={all}
        >
          {t('timeline.all')}
        </button>
      </div>
      <div className="timeline-plot" ref={wrap}>
        <svg
          width={width}
          height={HEIGHT}
          onPointerDown={down('new')}
          onPointerMove={move}
          onPointerUp={up}
          role="group"
          aria-label={t('timeline.histogram')}
          data-total={h.counts.reduce((a, b) => a + b, 0)}
          data-incidents={h.incidents ? h.incidents.reduce((a, b) => a + b, 0) : undefined}
        >
          <rect x={0} y={0} width={width} height={HEIGHT} className="tl-bg" />
          {h.counts.map((c, i) => {
            const binFrom = start + i * h.step;
            const inside = binFrom + h.step > chosen.from && binFrom < chosen.to;
            const bh = c === 0 ? 0 : Math.max(2, (c / h.max) * (HEIGHT - 8));
            return (
              <rect
                key={i}
                x={i * barW + 0.5}
                y={HEIGHT - bh}
                width={Math.max(1, barW - 1)}
                height={bh}
                className={inside ? 'tl-bar in' : 'tl-bar'}
              />
            );
          })}
          {h.incidents?.map((c, i) => {
            if (c === 0) return null;
            const bh = Math.max(2, (c / h.incidentMax) * (HEIGHT - 8));
            return (
              <rect
                key={`i${i}`}
                x={i * barW + barW * 0.35}
                y={HEIGHT - bh}
                width={Math.max(1, barW * 0.3)}
                height={bh}
                fill={INCIDENT.outerRing}
                fillOpacity={0.7}
                className="tl-incident"
              >
                <title>{tn('count.incidents', c)}</title>
              </rect>
            );
          })}
          {!all && (
            <rect
              x={x(chosen.from)}
              y={0}
              width={Math.max(1, x(chosen.to) - x(chosen.from))}
              height={HEIGHT}
              className="tl-sel"
              onPointerDown={down('move')}
            />
          )}
          {(['from', 'to'] as const).map((edge) => (
            <rect
              key={edge}
              x={x(chosen[edge]) - 5}
              y={0}
              width={10}
              height={HEIGHT}
              rx={3}
              className="tl-handle"
              role="slider"
              tabIndex={0}
              aria-label={t(edge === 'from' ? 'timeline.start' : 'timeline.end')}
              aria-valuemin={start}
              aria-valuemax={end}
              aria-valuenow={Math.round(chosen[edge])}
              aria-valuetext={dateTime(chosen[edge])}
              onPointerDown={down(edge)}
              onKeyDown={key(edge)}
            />
          ))}
        </svg>
        <div className="tl-axis" aria-hidden="true">
          <span>{dateTime(start)}</span>
          <span>{dateTime(end)}</span>
        </div>
      </div>
    </section>
  );
}
