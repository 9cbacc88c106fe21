import type { MultiPolygon } from 'geojson';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distanceToLine } from '../src/domain/geo/index.js';
import type { LonLat } from '../src/domain/units.js';
import type { Agreement, ObservationFeature } from '../web/src/api/types.js';
import { EVENT_KINDS } from '../web/src/api/vocabulary.js';
import { agreementLayers } from '../web/src/geo/agreement-features.js';
import { azimuthalEquidistant, bufferLine } from '../web/src/geo/buffer-line.js';
import {
  fill,
  initialLang,
  LANGS,
  MESSAGES,
  pluralForm,
  type PluralForms,
} from '../web/src/i18n/messages.js';
import { beforeIdFor, LAYER_ORDER } from '../web/src/map/layer-order.js';
import { countByEvent, inWindow, toMapCollection } from '../web/src/observations/shape.js';
import { histogram, observedSpan } from '../web/src/view/time.js';
import { DEFAULT_VIEW, parseView, serialiseView } from '../web/src/view/url-state.js';

/** The dashboard's pure parts (web/src): view in the URL, time bins, messages, zone geometry. Issue 8. */
const agreement = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '..', 'scenarios', 'ukraine-2026', 'agreement.json'),
    'utf8',
  ),
) as Agreement;

describe('view in the URL', () => {
  it('reads back what it writes', () => {
    const v = {
      center: [37.1234, 48.5678] as const,
      zoom: 7.25,
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T12:00:00.000Z',
      events: ['small_arms_burst', 'explosion'] as const,
      weapons: ['mortar'] as const,
    };
    const s = serialiseView(v);
    expect(s).toBe(
      '?c=37.1234,48.5678&z=7.25&from=2026-03-01T00%3A00%3A00.000Z&to=2026-03-02T12%3A00%3A00.000Z&event=explosion,small_arms_burst&weapon=mortar',
    );
    expect(parseView(s)).toEqual({ ...v, events: ['explosion', 'small_arms_burst'] });
  });

  it.each([
    ['an empty query', '', DEFAULT_VIEW],
    ['a centre off the globe', '?c=200,10', DEFAULT_VIEW],
    ['a centre that is not two numbers', '?c=abc', DEFAULT_VIEW],
    ['a zoom that is not a number', '?z=far', DEFAULT_VIEW],
    ['a time that is not an instant', '?from=yesterday&to=2026-13-45T00:00Z', DEFAULT_VIEW],
  ])('falls back to the defaults on %s', (_case, query, expected) => {
    expect(parseView(query)).toEqual(expected);
  });

  it('clamps the zoom, drops unknown kinds, and reads "every kind" as no filter', () => {
    expect(parseView('?z=40').zoom).toBe(16);
    expect(parseView('?event=explosion,nonsense,<script>').events).toEqual(['explosion']);
    expect(parseView(`?event=${EVENT_KINDS.join(',')}`).events).toEqual([]);
    expect(parseView('?from=2026-03-01T02:00%2B02:00').from).toBe('2026-03-01T00:00:00.000Z');
  });
});

describe('timeline bins', () => {
  const H = 3_600_000;
  it('picks the smallest round step giving at most maxBins bins and counts each observation once, by its start', () => {
    const t0 = Date.parse('2026-03-01T00:00:00Z');
    const spans = [0, 1, 1.5, 30, 47].map((h) => ({ from: t0 + h * H, to: t0 + h * H + 60_000 }));
    const h = histogram(spans, { from: t0, to: t0 + 47 * H }, 48);
    expect(h.step).toBe(H);
    expect(h.start).toBe(t0);
    expect(h.counts).toHaveLength(48);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(h.counts[1]).toBe(2);
    expect(h.max).toBe(2);
  });

  it('keeps observations whose window overlaps the chosen one, instants included', () => {
    const f = (id: string, observedAt: ObservationFeature['properties']['observedAt']) =>
      ({ id, properties: { observedAt } }) as unknown as ObservationFeature;
    const all = [
      f('a', '2026-03-01T10:00:00Z'),
      f('b', { from: '2026-03-01T09:00:00Z', to: '2026-03-01T11:00:00Z' }),
      f('c', '2026-03-01T12:00:00Z'),
    ];
    expect(
      inWindow(all, Date.parse('2026-03-01T10:30:00Z'), Date.parse('2026-03-01T12:00:00Z')).map(
        (x) => x.id,
      ),
    ).toEqual(['b', 'c']);
    expect(inWindow(all, null, Date.parse('2026-03-01T10:00:00Z')).map((x) => x.id)).toEqual([
      'a',
      'b',
    ]);
    expect(observedSpan(all[0]!.properties).from).toBe(observedSpan(all[0]!.properties).to);
  });

  it('gives the map flat properties only, and counts by kind', () => {
    const obs = {
      type: 'Feature',
      id: 'x',
      geometry: { type: 'Point', coordinates: [37, 48] },
      properties: {
        id: 'x',
        event: 'explosion',
        weapon: 'mortar',
        count: 3,
        source: { kind: 'monitor', id: 'p' },
        observedAt: '2026-03-01T00:00:00Z',
      },
    } as unknown as ObservationFeature;
    expect(toMapCollection([obs]).features[0]!.properties).toEqual({
      id: 'x',
      event: 'explosion',
      weapon: 'mortar',
      count: 3,
    });
    expect(countByEvent([obs, obs])).toEqual({ explosion: 2 });
  });
});

describe('UI messages', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it.each(LANGS.filter((l) => l !== 'en'))(
    '%s has every English key with the same placeholders',
    (lang) => {
      for (const [key, en] of Object.entries(MESSAGES.en)) {
        const other = MESSAGES[lang][key as keyof typeof MESSAGES.en];
        const text = (m: string | PluralForms) => (typeof m === 'string' ? m : m.other);
        expect(placeholders(text(other)), `${lang} ${key}`).toEqual(placeholders(text(en)));
        expect(typeof other, `${lang} ${key}`).toBe(typeof en);
      }
    },
  );

  it.each([
    ['en', 1, '1 observation in view'],
    ['en', 9, '9 observations in view'],
    ['uk', 1, '1 спостереження в межах карти'],
    ['uk', 3, '3 спостереження в межах карти'],
    ['uk', 9, '9 спостережень у межах карти'],
    ['uk', 21, '21 спостереження в межах карти'],
    ['ru', 1, '1 наблюдение в пределах карты'],
    ['ru', 4, '4 наблюдения в пределах карты'],
    ['ru', 11, '11 наблюдений в пределах карты'],
  ] as const)('%s, %i: %s', (lang, n, expected) => {
    expect(fill(pluralForm(lang, MESSAGES[lang]['count.observations'], n), { n })).toBe(expected);
  });

  it("starts in the stored language, else the browser's, else English", () => {
    expect(initialLang('ru', ['uk-UA'])).toBe('ru');
    expect(initialLang(null, ['de-DE', 'uk-UA'])).toBe('uk');
    expect(initialLang('xx', ['de'])).toBe('en');
  });
});

describe('zones drawn from the agreement', () => {
  it('buffers the line of contact by the security zone width: the outline lies 15 km from the line (geodesic, ±1 %)', () => {
    const [zone] = bufferLine(agreement.lineOfContact, 15, { steps: 64 });
    const outer = zone![0]!;
    const line = agreement.lineOfContact as unknown as LonLat[];
    for (const p of outer.filter((_, i) => i % 7 === 0)) {
      const d = distanceToLine(p as unknown as LonLat, line).distanceM / 1000;
      expect(d).toBeGreaterThan(14.85);
      expect(d).toBeLessThan(15.15);
    }
  });

  it('the azimuthal equidistant projection round-trips and keeps distances from its centre', () => {
    const proj = azimuthalEquidistant([36, 48]);
    const [x, y] = proj.forward([37, 48.5]);
    const back = proj.inverse([x, y]);
    expect(back[0]).toBeCloseTo(37, 9);
    expect(back[1]).toBeCloseTo(48.5, 9);
    expect(proj.forward([36, 48])).toEqual([0, 0]);
  });

  it('turns the demo agreement into one collection per layer', () => {
    const z = agreementLayers(agreement);
    expect(z.lineOfContact.features[0]!.geometry.coordinates).toEqual(agreement.lineOfContact);
    expect(z.securityZone.features).toHaveLength(1);
    expect(z.disengagementAreas.features.map((f) => f.properties.id)).toEqual(
      agreement.disengagementAreas.map((d) => d.id),
    );
    expect(z.noFlyAreas.features).toHaveLength(agreement.noFlyAreas.length);
    expect(z.maritimeCorridors.features).toHaveLength(agreement.maritimeCorridors.length);
    expect(z.maritimeKeepOut.features.map((f) => f.properties.id)).toEqual(
      agreement.maritimeCorridors.filter((c) => c.militaryKeepOutKm).map((c) => `${c.id}-keep-out`),
    );
  });

  it('draws a corridor given only as a centreline and a width', () => {
    const z = agreementLayers({
      ...agreement,
      maritimeCorridors: [
        {
          id: 'c',
          name: 'c',
          centreline: [
            [30.7, 46.4],
            [29.5, 44.5],
          ],
          widthKm: 10,
        },
      ],
    });
    expect(z.maritimeCorridors.features[0]!.geometry.type).toBe('MultiPolygon');
    expect(z.maritimeKeepOut.features).toEqual([]);
  });

  it("draws the distance a corridor's warships keep as a wider band around it", () => {
    const centreline: [number, number][] = [
      [31.0, 46.0],
      [31.0, 45.0],
    ];
    const z = agreementLayers({
      ...agreement,
      maritimeCorridors: [{ id: 'c', name: 'C', centreline, widthKm: 10, militaryKeepOutKm: 18.5 }],
    });
    const [band] = z.maritimeKeepOut.features;
    expect(band!.properties).toEqual({ id: 'c-keep-out', name: 'C: warships keep 18.5 km away' });
    // Half the width plus the keep-out distance east of the centreline: 23.5 km at 45.5° N.
    const lons = (band!.geometry as MultiPolygon).coordinates.flat(2).map((p) => p[0]!);
    const eastKm = (Math.max(...lons) - 31.0) * 111.32 * Math.cos((45.5 * Math.PI) / 180);
    expect(eastKm).toBeGreaterThan(23.2);
    expect(eastKm).toBeLessThan(23.8);

    const square = [
      [
        [30, 45],
        [30.2, 45],
        [30.2, 45.2],
        [30, 45.2],
        [30, 45],
      ],
    ] as [number, number][][];
    const fromPolygon = agreementLayers({
      ...agreement,
      maritimeCorridors: [{ id: 'p', name: 'P', polygon: square, militaryKeepOutKm: 5 }],
    });
    const ring = (fromPolygon.maritimeKeepOut.features[0]!.geometry as MultiPolygon).coordinates;
    // One filled area (the corridor and its band), not a band with a hole.
    expect(ring).toHaveLength(1);
    expect(ring[0]).toHaveLength(1);
  });
});

describe('layer order', () => {
  it('slots a layer under the next one already on the map, whatever order they arrive in', () => {
    const present = new Set(['line-of-contact', 'observations-points']);
    expect(beforeIdFor('security-zone-fill', (id) => present.has(id))).toBe('line-of-contact');
    expect(beforeIdFor('observations-clusters', (id) => present.has(id))).toBe(
      'observations-points',
    );
    expect(beforeIdFor(LAYER_ORDER[LAYER_ORDER.length - 1]!, () => true)).toBeUndefined();
  });
});
