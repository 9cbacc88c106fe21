import { describe, expect, it } from 'vitest';
import {
  barsDomain,
  incidentHistogramUrl,
  observationHistogramUrl,
  toBars,
  wholeDegrees,
  type HistogramAnswer,
} from '../web/src/incidents/histogram.js';

/** The timeline's requests and bars (web/src/incidents/histogram.ts): pure. */
const H = 3_600_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const answer = (start: number | null, stepMs: number, counts: number[]): HistogramAnswer => ({
  start: start === null ? null : new Date(start).toISOString(),
  end: start === null ? null : new Date(start + counts.length * stepMs).toISOString(),
  stepMs,
  counts,
  total: counts.reduce((a, b) => a + b, 0),
});

describe('timeline histogram requests', () => {
  it('asks the observation histogram with the map filters, the domain and the bins, never a page size', () => {
    const u = new URL(
      observationHistogramUrl(
        { bbox: [36, 47, 39, 50], events: ['explosion'], weapons: [], sources: ['party'] },
        { from: T0, to: T0 + 5 * H },
        48,
      ),
      'http://x',
    );
    expect(u.pathname).toBe('/api/v1/observations/histogram');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      bbox: '36.000,47.000,39.000,50.000',
      event: 'explosion',
      source: 'party',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-01T05:00:00.000Z',
      bins: '48',
    });
    const open = new URL(
      observationHistogramUrl({ bbox: [36, 47, 39, 50], events: [], weapons: [] }, null),
      'http://x',
    );
    expect(open.searchParams.has('from')).toBe(false);
    expect(open.searchParams.get('bins')).toBe('96');
  });

  it('asks the incident histogram with the incident filters (a side as the list asks it)', () => {
    const u = new URL(
      incidentHistogramUrl(
        {
          bbox: [36, 47, 39, 50],
          statuses: ['verified'],
          side: 'undetermined',
          weapons: ['mortar'],
        },
        { from: T0, to: T0 + H },
      ),
      'http://x',
    );
    expect(u.pathname).toBe('/api/v1/incidents/histogram');
    expect(u.searchParams.get('status')).toBe('verified');
    expect(u.searchParams.get('party')).toBe('undetermined');
    expect(u.searchParams.get('weapon')).toBe('mortar');
    expect(u.searchParams.get('from')).toBe('2026-03-01T00:00:00.000Z');
    expect(u.searchParams.has('limit')).toBe(false);
  });

  it('widens the box to whole degrees within the world', () => {
    expect(wholeDegrees([36.4, 47.2, 38.9, 49.01])).toEqual([36, 47, 39, 50]);
    expect(wholeDegrees([-180.5, -91, 180.2, 90])).toEqual([-180, -90, 180, 90]);
  });
});

describe('timeline bars', () => {
  it('covers the data and the chosen window', () => {
    const open = answer(T0, H, [1, 0, 2]);
    expect(barsDomain(open, { from: null, to: null })).toEqual({ from: T0, to: T0 + 3 * H - 1 });
    expect(barsDomain(open, { from: T0 - 5 * H, to: null })).toEqual({
      from: T0 - 5 * H,
      to: T0 + 3 * H - 1,
    });
    expect(barsDomain(open, { from: null, to: T0 + 10 * H })).toEqual({
      from: T0,
      to: T0 + 10 * H,
    });
    expect(barsDomain(answer(null, 0, []), { from: null, to: null })).toBeNull();
    expect(barsDomain(answer(null, 0, []), { from: T0, to: null })).toEqual({ from: T0, to: T0 });
  });

  it('pairs the incident counts with the observation bins, and drops incidents of other bins', () => {
    const obs = answer(T0, H, [3, 0, 1]);
    expect(toBars(obs, answer(T0, H, [1, 0, 1]))).toEqual({
      start: T0,
      stepMs: H,
      observations: [3, 0, 1],
      incidents: [1, 0, 1],
    });
    expect(toBars(obs, null)!.incidents).toBeNull();
    expect(toBars(obs, answer(T0, 2 * H, [2, 0]))!.incidents).toEqual([0, 0, 0]);
    expect(toBars(answer(null, 0, []), null)).toBeNull();
  });
});
