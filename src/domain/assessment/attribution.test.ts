import { describe, expect, it } from 'vitest';
import { fuseAll } from '../fusion/index.js';
import { discRegion } from '../geo/index.js';
import { bearingTo, iso, obs, offset, pointAt, sectorTo, T0 } from '../fusion/test-support/scenario.js';
import { attributeSide, BEARING_ONLY_REASON } from './attribution.js';
import { estimateOrigin } from './origin.js';
import { onLine, testAgreement } from './test-support/agreement.js';

const agreement = testAgreement();
const west = offset(onLine(), 270, 10);

describe('attributeSide', () => {
  it('attributes fire two patrols place well inside one side', () => {
    const o = [
      obs('p7', {
        ...sectorTo(offset(west, 200, 4), west, 11.25, 1),
        direction: 'outgoing',
        count: 12,
      }),
      obs('p9', {
        ...sectorTo(offset(west, 300, 3), west, 11.25, 1),
        direction: 'outgoing',
        count: 10,
      }),
    ];
    const origin = estimateOrigin(fuseAll(o).incidents[0]!, o)!;
    expect(attributeSide(origin, agreement)).toMatchObject({
      party: 'west',
      confidence: 1,
      shares: { west: 1 },
    });
  });

  it('leaves a barrage straddling the line undetermined', () => {
    const a = attributeSide(discRegion(offset(onLine(), 90, 0.2), 2000), agreement);
    expect(a.party).toBe('undetermined');
    expect(a.shares.east).toBeGreaterThan(0.5);
    expect(a.shares.west).toBeGreaterThan(0.4);
    expect(a.shares.east! + a.shares.west!).toBeCloseTo(1, 9);
  });

  it.each([
    // A 1 km disc whose centre is 800 m east of the line has about 5.2 % of its area west of it.
    [0.95, 'undetermined'],
    [0.9, 'east'],
  ])('with threshold %d, a 1 km origin 800 m from the line is %s', (threshold, party) => {
    const a = attributeSide(discRegion(offset(onLine(), 90, 0.8), 1000), agreement, { threshold });
    expect(a.party).toBe(party);
    expect(a.shares.west).toBeCloseTo(0.052, 2);
  });

  it('never attributes on a party allegation alone', () => {
    const o = [
      obs('claim', {
        ...pointAt(west, 300),
        direction: 'outgoing',
        source: { kind: 'party', party: 'east' },
      }),
    ];
    const a = attributeSide(estimateOrigin(fuseAll(o).incidents[0]!, o)!, agreement);
    expect(a).toMatchObject({ party: 'undetermined', confidence: 0, shares: {} });
    expect(a.reason).toMatch(/party reports alone/);
  });

  it('never attributes on open-source and party reports without a mission source', () => {
    const o = [
      obs('claim', {
        ...pointAt(west, 300),
        direction: 'outgoing',
        source: { kind: 'party', party: 'east' },
      }),
      obs('video', { ...pointAt(west, 200), direction: 'outgoing', source: { kind: 'osint' } }),
    ];
    expect(attributeSide(estimateOrigin(fuseAll(o).incidents[0]!, o)!, agreement).party).toBe(
      'undetermined',
    );
  });

  it("uses the parties' areas when they have them", () => {
    const withAreas = testAgreement({
      parties: [
        {
          id: 'west',
          name: 'W',
          side: 'left',
          area: {
            type: 'Polygon',
            coordinates: [
              [
                [37.0, 47.0],
                [37.9, 47.0],
                [37.9, 49.0],
                [37.0, 49.0],
                [37.0, 47.0],
              ],
            ],
          },
        },
        {
          id: 'east',
          name: 'E',
          side: 'right',
          area: {
            type: 'Polygon',
            coordinates: [
              [
                [37.9, 47.0],
                [39.0, 47.0],
                [39.0, 49.0],
                [37.9, 49.0],
                [37.9, 47.0],
              ],
            ],
          },
        },
      ],
    });
    expect(attributeSide(discRegion(west, 500), withAreas).party).toBe('west');
    expect(attributeSide(discRegion(onLine(), 1000), withAreas).party).toBe('undetermined');
    // Outside both areas: unassigned, never a guess.
    const far = attributeSide(discRegion([36.5, 48.0], 500), withAreas);
    expect(far).toMatchObject({ party: 'undetermined', shares: { unassigned: 1 } });
  });
});

describe('attributeSide: origins that are not places (moved here from src/app/fusion/assess.ts)', () => {
  const outgoing = { direction: 'outgoing' as const };
  const sensor = (id: string) => ({ source: { kind: 'sensor' as const, id, clockErrorS: 1 } });

  it('does not attribute one bearing: a 40 km wedge is a direction, not a place', () => {
    // A sensor 8 km east of the line hears its own side's gun 3 km away; its wedge runs west
    // across the line, mostly on the other side.
    const o = [obs('s1', { ...bearingTo(offset(onLine(), 90, 8), offset(onLine(), 90, 5), 4), ...outgoing, ...sensor('a1') })];
    const origin = estimateOrigin(fuseAll(o).incidents[0]!, o)!;
    expect(origin.directionOnly).toBe(true);
    expect(attributeSide(origin, agreement)).toMatchObject({ party: 'undetermined', reason: BEARING_ONLY_REASON });
  });

  it('does not attribute a crossing of bearings heard minutes apart (two shots, not one)', () => {
    const gun = offset(onLine(), 270, 4);
    const o = [
      obs('s1', { ...bearingTo(offset(gun, 200, 6), gun, 2), ...outgoing, ...sensor('a1'), observedAt: iso(T0) }),
      obs('s2', { ...bearingTo(offset(gun, 300, 6), gun, 2), ...outgoing, ...sensor('a2'), observedAt: iso(T0 + 100_000) }),
    ];
    const origin = estimateOrigin({ observationIds: ['s1', 's2'] }, o)!;
    expect(origin.method).toBe('triangulation');
    expect(origin.directionOnly).toBe(true);
    expect(attributeSide(origin, agreement).party).toBe('undetermined');
    const together = o.map((x) => ({ ...x, observedAt: iso(T0 + 15_000) }));
    expect(attributeSide(estimateOrigin({ observationIds: ['s1', 's2'] }, together)!, agreement).party).toBe('west');
  });

  it('widens a stated distance range before measuring shares: a range that might reach the line is undetermined', () => {
    // A camera 5 km east of the line sees a flash at 3.6-4.4 km due west: 0.6-1.4 km east of the
    // line as stated; 2.7-5.5 km (± 25 %) reaches across it.
    const cam = offset(onLine(), 90, 5);
    const o = [obs('c1', { ...sectorTo(cam, offset(cam, 270, 4), 1, 0.4), event: 'muzzle_flash', ...sensor('cam-1') })];
    const inc = fuseAll(o).incidents[0]!;
    // (A lone source is also taken as three times its stated error by default; here only the
    // range widening is looked at.)
    const alone = { singleSourceScale: 1 };
    expect(attributeSide(estimateOrigin(inc, o, { ...alone, rangeErrorFraction: 0 })!, agreement)).toMatchObject({ party: 'east', confidence: 1 });
    const widened = attributeSide(estimateOrigin(inc, o, alone)!, agreement);
    expect(widened.party).toBe('undetermined');
    expect(widened.shares.west).toBeGreaterThan(0.05);
  });
});
