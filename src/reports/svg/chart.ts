/**
 * The 30-day trend chart as an SVG string: one stacked bar per day (the five categories of
 * ceasefire violations, bottom to top in the report's order), a y axis with round ticks, date
 * labels every few days, and a legend, in the report's language.
 */
import { VIOLATION_CATEGORIES, type TrendDay } from '../../domain/report/types.js';
import { escapeMarkup } from '../escape.js';
import type { ReportText } from '../i18n.js';
import { FONT_FAMILY, KIND_COLOUR, labelWidth, n } from './style.js';

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 300;

const MARGIN = { left: 52, right: 12, top: 14, bottom: 74 };

/** Tick step (1, 2 or 5 × 10ⁿ) giving at most `maxTicks` intervals up to `max`. */
export function tickStep(max: number, maxTicks = 5): number {
  if (max <= 0) return 1;
  const raw = max / maxTicks;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return Math.max(1, m * power);
  return Math.max(1, 10 * power);
}

export function renderTrendChart(trend: readonly TrendDay[], text: ReportText): string {
  const plotW = CHART_WIDTH - MARGIN.left - MARGIN.right;
  const plotH = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxTotal = Math.max(0, ...trend.map((d) => d.violations.total));
  const step = tickStep(maxTotal);
  const top = Math.max(step, Math.ceil(maxTotal / step) * step);
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const slot = trend.length > 0 ? plotW / trend.length : plotW;
  const barW = Math.max(1, slot * 0.72);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="${FONT_FAMILY}" role="img" aria-label="${escapeMarkup(text.t('section.trend'))}">`,
    `<rect x="0" y="0" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#FFFFFF"/>`,
  ];
  for (let v = 0; v <= top; v += step) {
    out.push(
      `<path d="M${MARGIN.left} ${n(y(v))}H${CHART_WIDTH - MARGIN.right}" stroke="#DDDDDD" stroke-width="${v === 0 ? 1.2 : 0.6}"/>`,
      `<text x="${MARGIN.left - 6}" y="${n(y(v) + 3.5)}" font-size="9.5" text-anchor="end" fill="#333333">${escapeMarkup(text.number(v))}</text>`,
    );
  }
  out.push(
    `<text transform="translate(13 ${n(MARGIN.top + plotH / 2)}) rotate(-90)" font-size="10" text-anchor="middle" fill="#333333">${escapeMarkup(text.t('trend.axis'))}</text>`,
  );
  const labelEvery = trend.length > 15 ? 5 : 1;
  trend.forEach((day, i) => {
    const x = MARGIN.left + i * slot + (slot - barW) / 2;
    let base = 0;
    // A group per day, titled with its date and total (a tooltip in browsers, read by screen readers).
    out.push(
      `<g><title>${escapeMarkup(`${text.calendarDate(day.date)}: ${text.number(day.violations.total)}`)}</title>`,
    );
    for (const c of VIOLATION_CATEGORIES) {
      const v = day.violations[c];
      if (v <= 0) continue;
      out.push(
        `<rect x="${n(x)}" y="${n(y(base + v))}" width="${n(barW)}" height="${n(y(base) - y(base + v))}" fill="${KIND_COLOUR[c]}"/>`,
      );
      base += v;
    }
    out.push('</g>');
    const last = i === trend.length - 1;
    if (i % labelEvery === 0 || last) {
      const cx = MARGIN.left + i * slot + slot / 2;
      out.push(
        `<path d="M${n(cx)} ${n(MARGIN.top + plotH)}v4" stroke="#555555"/>`,
        `<text x="${n(cx)}" y="${n(MARGIN.top + plotH + 15)}" font-size="9" text-anchor="middle" fill="#333333"${last ? ' font-weight="bold"' : ''}>${escapeMarkup(text.shortDate(day.date))}</text>`,
      );
    }
  });
  // Legend under the axis, flowing onto a second row when the labels are long.
  let lx = MARGIN.left;
  let ly = CHART_HEIGHT - 40;
  for (const c of VIOLATION_CATEGORIES) {
    const label = text.t(`category.${c}`);
    const w = 10 + labelWidth(label, 9.5) * 0.95 + 18;
    if (lx + w > CHART_WIDTH - MARGIN.right && lx > MARGIN.left) {
      lx = MARGIN.left;
      ly += 16;
    }
    out.push(
      `<rect x="${n(lx - 4.5)}" y="${ly - 4.5}" width="9" height="9" fill="${KIND_COLOUR[c]}"/>`,
      `<text x="${n(lx + 10)}" y="${ly + 3.5}" font-size="9.5" fill="#222222">${escapeMarkup(label)}</text>`,
    );
    lx += w;
  }
  out.push('</svg>');
  return out.join('');
}
