import { describe, expect, it } from 'vitest';
import { fuseAll } from '../fusion/index.js';
import { discRegion } from '../geo/index.js';
import { obs, offset, pointAt, sectorTo } from '../fusion/test-support/scenario.js';
import { attributeSide } from './attribution.js';
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
