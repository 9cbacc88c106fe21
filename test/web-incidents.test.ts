import { describe, expect, it } from 'vitest';
import { inverse } from '../src/domain/geo/index.js';
import { incidentsUrl } from '../web/src/api/urls.js';
import type { Agreement, IncidentFeature } from '../web/src/api/types.js';
import {
  attributionColour,
  circlePolygon,
  incidentsInWindow,
  selectionFeatures,
  toIncidentCollection,
} from '../web/src/incidents/shape.js';
import { INCIDENT } from '../web/src/map/palette.js';

/** The dashboard's incident shaping (web/src/incidents/shape.ts): pure. */
const parties: Agreement['parties'] = [
  { id: 'west', name: 'West', side: 'left' },
  { id: 'east', name: 'East', side: 'right' },
];

function incident(id: string, over: Partial<IncidentFeature['properties']> = {}): IncidentFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [37.5, 48] },
    properties: {
      id,
      radius90M: 1000,
      count: 3,
      events: ['explosion'],
      weapon: 'mortar',
      window: { from: '2026-03-01T10:00:00Z', to: '2026-03-01T10:05:00Z' },
      status: 'reported',
      attribution: { party: 'undetermined', confidence: 0, reason: 'no origin', shares: {} },
      origin: null,
      provisions: [],
      observationIds: ['a', 'b'],
      ...over,
    },
  };
}

describe('incidents on the map', () => {
  it('colours an attribution by its party’s side, and anything else neutral', () => {
    expect(attributionColour('west', parties)).toBe(INCIDENT.left);
    expect(attributionColour('east', parties)).toBe(INCIDENT.right);
    expect(attributionColour('undetermined', parties)).toBe(INCIDENT.undetermined);
    expect(attributionColour('nobody', parties)).toBe(INCIDENT.undetermined);
    expect(new Set([INCIDENT.left, INCIDENT.right, INCIDENT.undetermined]).size).toBe(3);
  });

  it('flattens incidents for the map', () => {
    const c = toIncidentCollection(
      [
        incident('i1'),
        incident('i2', {
          attribution: { party: 'east', confidence: 0.97, reason: '', shares: { east: 0.97 } },
        }),
      ],
      parties,
    );
    expect(c.features.map((f) => f.properties)).toEqual([
      { id: 'i1', party: 'undetermined', colour: INCIDENT.undetermined, count: 3 },
      { id: 'i2', party: 'east', colour: INCIDENT.right, count: 3 },
    ]);
    expect(c.features[0]!.geometry.coordinates).toEqual([37.5, 48]);
  });

  it('keeps the incidents whose window overlaps the time range', () => {
    const fs = [incident('i1')];
    const t = (s: string) => Date.parse(s);
    expect(incidentsInWindow(fs, null, null)).toHaveLength(1);
    expect(incidentsInWindow(fs, t('2026-03-01T10:04:00Z'), null)).toHaveLength(1);
    expect(incidentsInWindow(fs, t('2026-03-01T10:06:00Z'), null)).toHaveLength(0);
    expect(incidentsInWindow(fs, null, t('2026-03-01T09:59:00Z'))).toHaveLength(0);
  });

  it('draws the 90 % circle as a closed polygon at the right distance', () => {
    const p = circlePolygon([37.5, 48], 1318, 32);
    const ring = p.coordinates[0]!;
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    for (const v of ring)
      expect(inverse([37.5, 48], [v[0]!, v[1]!]).distanceM).toBeCloseTo(1318, -1);
    expect(() => circlePolygon([37.5, 48], 0)).toThrow();
  });

  it('the selection shows the uncertainty circle, and the origin with a line when known', () => {
    expect(selectionFeatures(null).features).toEqual([]);
    expect(selectionFeatures(incident('i1')).features.map((f) => f.properties.part)).toEqual([
      'uncertainty',
    ]);
    const withOrigin = selectionFeatures(
      incident('i2', { origin: { location: [37.3, 48.1], radius90M: 2000 } }),
    );
    expect(withOrigin.features.map((f) => f.properties.part)).toEqual([
      'uncertainty',
      'origin-line',
      'origin',
    ]);
    expect(withOrigin.features[1]!.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [37.3, 48.1],
        [37.5, 48],
      ],
    });
  });

  it('asks for the view and the time range', () => {
    const url = new URL(
      incidentsUrl(
        { bbox: [36.12345, 47, 38, 49], from: '2026-03-01T00:00:00.000Z', to: null },
        1000,
      ),
      'http://x',
    );
    expect(url.pathname).toBe('/api/v1/incidents');
    expect(url.searchParams.get('bbox')).toBe('36.123,47.000,38.000,49.000');
    expect(url.searchParams.get('from')).toBe('2026-03-01T00:00:00.000Z');
    expect(url.searchParams.has('to')).toBe(false);
    expect(url.searchParams.get('limit')).toBe('1000');
  });
});
