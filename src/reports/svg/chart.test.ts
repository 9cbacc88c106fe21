import { describe, expect, it } from 'vitest';
import { ReportText } from '../i18n.js';
import { reportFixture } from '../test-support/report-fixture.js';
import { renderTrendChart, tickStep } from './chart.js';
import { KIND_COLOUR } from './style.js';

const model = reportFixture();

describe('renderTrendChart', () => {
  const out = renderTrendChart(model.trend, new ReportText('uk', 'Europe/Kyiv'));

  const days = [...out.matchAll(/<g><title>([^<]*)<\/title>((?:<rect [^>]*\/>)*)<\/g>/g)].map(
    ([, title, rects]) => ({
      title: title!,
      heights: [...rects!.matchAll(/height="([\d.]+)"/g)].map((m) => Number(m[1])),
    }),
  );

  it('draws one titled bar per day, stacked from one segment per non-zero category', () => {
    expect(days.length).toBe(30);
    days.forEach((day, i) => {
      const v = model.trend[i]!.violations;
      const parts = (
        [
          'explosions',
          'projectilesInFlight',
          'muzzleFlashes',
          'smallArmsBursts',
          'illuminationFlares',
        ] as const
      ).filter((c) => v[c] > 0);
      expect(day.heights.length, day.title).toBe(parts.length);
      expect(day.title).toMatch(new RegExp(`: ${v.total}$`));
    });
    expect(days[29]!.title).toBe('1 березня 2026 р.: 71');
  });

  it('draws bars whose height is proportional to the daily total', () => {
    const scale = days[29]!.heights.reduce((a, b) => a + b, 0) / model.trend[29]!.violations.total;
    days.forEach((day, i) => {
      const height = day.heights.reduce((a, b) => a + b, 0);
      // Heights are written to 0.1 unit per segment.
      expect(Math.abs(height - model.trend[i]!.violations.total * scale)).toBeLessThan(0.3);
    });
  });

  it('labels the axis and the days in the report language', () => {
    expect(out).toContain('Порушень на добу');
    expect(out).toContain('>01.03<');
    expect(out).toContain('>Вибухи<');
  });

  it('has a zero line and round ticks above the largest day', () => {
    expect(out).toContain('>0<');
    expect(out).toContain('>80<');
  });

  it('uses the category colours of the map', () => {
    expect(out).toContain(`fill="${KIND_COLOUR.explosions}"`);
  });

  it('draws an empty trend without failing', () => {
    expect(renderTrendChart([], new ReportText('en', 'UTC'))).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });
});

describe('tickStep', () => {
  it.each([
    [0, 1],
    [4, 1],
    [71, 20],
    [100, 20],
    [1234, 500],
  ])('for a maximum of %s gives %s', (max, step) => {
    expect(tickStep(max)).toBe(step);
  });
});
