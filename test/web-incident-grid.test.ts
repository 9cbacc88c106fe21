// The dashboard's incident grid shaping (web/src/incidents/grid.ts): pure.
import { describe, expect, it } from 'vitest';
import {
  INCIDENT_CELL_RAMP,
  incidentGridUrl,
  rampExpression,
  rampRanges,
  toIncidentGridMapCollection,
  type IncidentGrid,
} from '../web/src/incidents/grid.js';

/** Relative luminance (WCAG 2.2) of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('incident grid', () => {
  it('asks the grid route with the list filters, the box rounded outwards and the cell', () => {
    const url = incidentGridUrl(
      {
        bbox: [35.12345, 46.5, 39.0001, 50],
        from: '2026-01-01T00:00:00Z',
        to: null,
        statuses: ['verified'],
        side: 'undetermined',
        provision: 'withdrawal',
        events: ['explosion'],
        weapons: ['mortar', 'mlrs'],
      },
      0.125,
    );
    const u = new URL(url, 'http://x');
    expect(u.pathname).toBe('/api/v1/incidents/grid');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      bbox: '35.123,46.500,39.001,50.000',
      from: '2026-01-01T00:00:00Z',
      status: 'verified',
      party: 'undetermined',
      provision: 'withdrawal',
      event: 'explosion',
      weapon: 'mortar,mlrs',
      cell: '0.125',
    });
    expect(new URL(incidentGridUrl({ bbox: [1, 2, 3, 4], from: null, to: null, side: 'left' }, 1), 'http://x').searchParams.get('side')).toBe('left');
  });

  it('colours cells on a ramp that darkens steadily with the count (readable in greyscale)', () => {
    const l = INCIDENT_CELL_RAMP.map((s) => luminance(s.colour));
    for (let i = 1; i < l.length; i++) expect(l[i]!).toBeLessThan(l[i - 1]! * 0.75);
    expect(rampExpression()).toEqual(['step', ['get', 'count'], '#fde725', 10, '#5ec962', 100, '#21918c', 1000, '#3b528b', 10000, '#440154']);
    expect(rampRanges().map((r) => [r.from, r.to])).toEqual([[1, 9], [10, 99], [100, 999], [1000, 9999], [10000, null]]);
  });

  it('flattens the answer into map features with the count', () => {
    const grid: IncidentGrid = {
      type: 'FeatureCollection',
      cellDegrees: 0.5,
      numberMatched: 7,
      features: [
        { type: 'Feature', id: '434:276', geometry: { type: 'Point', coordinates: [37.1, 48.1] }, properties: { count: 7, cell: [37, 48, 37.5, 48.5], statuses: { reported: 7 } } },
      ],
    };
    expect(toIncidentGridMapCollection(grid).features).toEqual([
      { type: 'Feature', geometry: { type: 'Point', coordinates: [37.1, 48.1] }, properties: { id: '434:276', count: 7 } },
    ]);
  });
});
