import { describe, expect, it } from 'vitest';
import { circle, noticeAreas, overlaps } from '../web/src/api/notice-areas.js';
import {
  ceilingOf,
  declarationTotals,
  type StoredDeclaration,
  type StoredNotice,
  type StoredSilence,
} from '../web/src/api/pages-model.js';
import { mayOpen, pagesFor, parsePage, withPage } from '../web/src/pages/page-route.js';

/**
 * The dashboard pages' pure parts, in Node: which role is offered which page, the `page`
 * parameter, the de-confliction areas drawn for a time window, and a declaration's totals
 * against the ceilings. The pages themselves run in Chromium in test/web-pages.test.ts.
 */
describe('page routing', () => {
  it.each([
    [null, ['map', 'reports']],
    ['monitor', ['map', 'reports', 'declarations']],
    ['analyst', ['map', 'reports', 'alerts', 'declarations', 'queue']],
    ['chief', ['map', 'reports', 'alerts', 'declarations', 'queue']],
    ['liaison', ['map', 'reports', 'declarations']],
    ['guarantor', ['map', 'reports', 'alerts', 'declarations']],
    ['admin', ['map', 'reports', 'alerts', 'declarations', 'admin']],
  ] as const)('offers %s the pages %j', (role, pages) => {
    expect(pagesFor(role)).toEqual(pages);
  });

  it('never offers the public a page behind a login', () => {
    for (const p of ['alerts', 'declarations', 'queue', 'admin'] as const)
      expect(mayOpen(p, null)).toBe(false);
  });

  it('reads the page from the query and falls back to the map for anything unknown', () => {
    expect(parsePage('?c=1,2&page=queue')).toBe('queue');
    expect(parsePage('?page=settings')).toBe('map');
    expect(parsePage('')).toBe('map');
  });

  it('writes the page beside the other parameters, and none for the map', () => {
    expect(withPage('?c=37.5,48&z=7&incident=i-1', 'reports')).toBe(
      '?c=37.5,48&z=7&incident=i-1&page=reports',
    );
    expect(withPage('?c=37.5,48&page=admin', 'map')).toBe('?c=37.5,48');
    expect(withPage('?page=admin', 'map')).toBe('');
  });
});

const H = 3_600_000;
const T = Date.UTC(2026, 2, 1, 12);
const iso = (ms: number) => new Date(ms).toISOString();

function notice(
  id: string,
  from: number,
  to: number,
  status: StoredNotice['status'] = 'announced',
): StoredNotice {
  return {
    notice: {
      id,
      party: 'ua',
      kind: 'demining',
      purpose: 'clear the verge',
      area: [
        [
          [37.7, 48.4],
          [37.76, 48.4],
          [37.76, 48.44],
          [37.7, 48.44],
          [37.7, 48.4],
        ],
      ],
      window: { from: iso(from), to: iso(to) },
      filedAt: iso(from - 48 * H),
    },
    status,
    late: null,
  };
}

function silence(id: string, status: string, from: number, to: number): StoredSilence {
  return {
    silence: {
      id,
      site: [37.85, 48.2],
      radiusKm: 3,
      window: { from: iso(from), to: iso(to) },
      purpose: 'water main',
      status,
    },
  };
}

describe('de-confliction areas on the map', () => {
  it('takes windows as [from, to), open sides unbounded', () => {
    const w = { from: iso(T), to: iso(T + H) };
    expect(overlaps(w, T + H, null)).toBe(false);
    expect(overlaps(w, null, T)).toBe(false);
    expect(overlaps(w, T + H - 1, T + 2 * H)).toBe(true);
    expect(overlaps(w, null, null)).toBe(true);
  });

  it('draws a window of silence as a closed ring at its radius', () => {
    const [ring] = circle([37.85, 48.2], 3);
    expect(ring!.length).toBe(65);
    expect(ring![0]).toEqual(ring![64]);
    // North of the site by 3 km: 3 / 111.32 degrees of latitude.
    expect(ring![16]![1] - 48.2).toBeCloseTo(3 / 111.32, 6);
    // East by 3 km: more degrees of longitude at 48° N.
    expect(ring![0]![0] - 37.85).toBeCloseTo(3 / (111.32 * Math.cos((48.2 * Math.PI) / 180)), 6);
  });

  it('keeps announced notices and live windows of silence that meet the window', () => {
    const areas = noticeAreas(
      [
        notice('now', T - H, T + H),
        notice('past', T - 5 * H, T - 2 * H),
        notice('withdrawn', T - H, T + H, 'withdrawn'),
      ],
      [
        silence('agreed', 'agreed', T + H, T + 3 * H),
        silence('proposed', 'proposed', T + H, T + 3 * H),
        silence('declined', 'declined', T + H, T + 3 * H),
      ],
      T,
      null,
    );
    expect(areas.features.map((f) => f.id)).toEqual([
      'notice:now',
      'silence:agreed',
      'silence:proposed',
    ]);
    expect(areas.features[1]!.properties).toMatchObject({
      kind: 'silence',
      detail: 'agreed',
      party: null,
    });
    expect(areas.features[0]!.properties).toMatchObject({
      kind: 'notice',
      detail: 'demining',
      party: 'ua',
    });
  });
});

describe('declarations against ceilings', () => {
  const declaration: StoredDeclaration = {
    id: 'ua-2026-04-01',
    declaration: {
      party: 'ua',
      asOf: '2026-04-01',
      units: [
        {
          id: 'a',
          name: 'A',
          location: [37, 48],
          personnel: 4000,
          equipment: { battle_tanks: 30, artillery: 10 },
        },
        { id: 'b', name: 'B', location: [37, 48], personnel: 250, equipment: { battle_tanks: 5 } },
      ],
    },
    submittedBy: 'liaison-a',
    submittedAt: '2026-04-01T10:00:00Z',
    checkedAt: '2026-04-01T10:00:00Z',
    ledgerIndex: 3,
  };

  it('adds up troops and each category, a category left out counting 0', () => {
    expect(declarationTotals(declaration)).toEqual({
      troops: 4250,
      battle_tanks: 35,
      armoured_combat_vehicles: 0,
      artillery: 10,
      combat_aircraft: 0,
      attack_helicopters: 0,
    });
  });

  it('finds the ceiling per party and measure, null where the agreement sets none', () => {
    const ceilings = { troops: { ua: 800000 }, equipment: { battle_tanks: { ua: 1500 } } };
    expect(ceilingOf(ceilings, 'ua', 'troops')).toBe(800000);
    expect(ceilingOf(ceilings, 'ua', 'battle_tanks')).toBe(1500);
    expect(ceilingOf(ceilings, 'ua', 'artillery')).toBeNull();
    expect(ceilingOf(ceilings, 'ru', 'troops')).toBeNull();
    expect(ceilingOf(undefined, 'ua', 'troops')).toBeNull();
  });
});
