import { describe, expect, it } from 'vitest';
import { fuseAll } from '../fusion/index.js';
import { inverse } from '../geo/index.js';
import type { LonLat } from '../units.js';
import { bearingTo, obs, offset, pointAt, sectorTo } from '../fusion/test-support/scenario.js';
import { estimateOrigin } from './origin.js';

const gun: LonLat = [37.8, 48.05];

describe('estimateOrigin', () => {
  it('gives no origin for impacts alone', () => {
    const o = [
      obs('a', { ...pointAt(gun, 300), direction: 'impact' }),
      obs('b', { ...pointAt(gun, 500), direction: 'impact' }),
    ];
    const { incidents } = fuseAll(o);
    expect(estimateOrigin(incidents[0]!, o)).toBeNull();
  });

  it('gives no origin for a projectile seen in flight without a direction of fire', () => {
    const o = [
      obs('a', {
        ...sectorTo(offset(gun, 90, 3), gun, 10, 1),
        event: 'projectile_in_flight',
        direction: 'in_flight',
      }),
    ];
    expect(estimateOrigin(fuseAll(o).incidents[0]!, o)).toBeNull();
  });

  it('crosses two patrols reporting outgoing fire by sector and range', () => {
    const o = [
      obs('p7', {
        ...sectorTo(offset(gun, 120, 4), gun, 11.25, 1),
        direction: 'outgoing',
        count: 12,
      }),
      obs('p9', {
        ...sectorTo(offset(gun, 30, 3), gun, 11.25, 1),
        direction: 'outgoing',
        count: 10,
      }),
    ];
    const origin = estimateOrigin(fuseAll(o).incidents[0]!, o)!;
    expect(origin).toMatchObject({
      method: 'intersection',
      missionSourced: true,
      observationIds: ['p7', 'p9'],
    });
    expect(inverse(origin.location, gun).distanceM).toBeLessThan(700);
  });

  it('fixes an acoustic origin from three sensors hearing outgoing fire', () => {
    const errs = [0.15, -0.2, 0.1];
    const o = [200, 290, 340].map((az, i) =>
      obs(`s${i}`, {
        ...bearingTo(offset(gun, az, 6), gun, 1, errs[i]),
        direction: 'outgoing',
        source: { kind: 'sensor', id: `sensor-${i}` },
        observedAt: '2026-03-01T18:40:00Z',
      }),
    );
    const origin = estimateOrigin(fuseAll(o).incidents[0]!, o)!;
    expect(origin.method).toBe('triangulation');
    expect(inverse(origin.location, gun).distanceM).toBeLessThan(50);
  });

  it('uses only mission reports when any speaks to the origin', () => {
    const o = [
      obs('m', { ...pointAt(gun, 400), event: 'muzzle_flash', direction: 'undetermined' }),
      obs('claim', {
        ...pointAt(offset(gun, 90, 0.5), 1500),
        direction: 'outgoing',
        source: { kind: 'party', party: 'east' },
      }),
    ];
    const incident = fuseAll(o).incidents[0]!;
    expect(incident.observationIds).toEqual(['m', 'claim']);
    expect(estimateOrigin(incident, o)).toMatchObject({
      observationIds: ['m'],
      missionSourced: true,
      sourceKinds: ['monitor'],
    });
  });

  it('marks an origin that rests on a party allegation alone', () => {
    const o = [
      obs('claim', {
        ...pointAt(gun, 1500),
        direction: 'outgoing',
        source: { kind: 'party', party: 'east' },
      }),
    ];
    expect(estimateOrigin(fuseAll(o).incidents[0]!, o)).toMatchObject({
      missionSourced: false,
      sourceKinds: ['party'],
    });
  });
});
