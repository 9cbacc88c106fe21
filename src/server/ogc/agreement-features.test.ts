import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseAgreement } from '../../domain/agreement/index.js';
import { distanceToLine, pointInPolygon } from '../../domain/geo/index.js';
import { DEMO_AGREEMENT_FILE } from '../../app/mission.js';
import type { LonLat, PolygonCoords } from '../../domain/units.js';
import { lineOfContactFeatures, missionAreaBbox, zoneFeatures } from './agreement-features.js';
import { lineBuffer } from './line-buffer.js';

const agreement = parseAgreement(JSON.parse(readFileSync(DEMO_AGREEMENT_FILE, 'utf8')));
const zones = zoneFeatures(agreement);

describe('zoneFeatures (demo agreement)', () => {
  test('lists the security zone, then every disengagement area, no-fly area and maritime corridor, with unique ids', () => {
    const ids = zones.map((z) => z.id);
    expect(ids[0]).toBe('security_zone.security-zone');
    expect(ids).toEqual(expect.arrayContaining(agreement.disengagementAreas.map((d) => `disengagement_area.${d.id}`)));
    expect(ids).toEqual(expect.arrayContaining(agreement.noFlyAreas.map((d) => `no_fly_area.${d.id}`)));
    expect(ids).toEqual(expect.arrayContaining(agreement.maritimeCorridors.map((d) => `maritime_corridor.${d.id}`)));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('gives every zone the same property names, so GIS tools see one table', () => {
    const keys = zones.map((z) => Object.keys(z.properties).sort().join(','));
    expect(new Set(keys).size).toBe(1);
  });

  test('draws a security zone that holds the line and points just inside its width, not points well outside', () => {
    const sz = zones[0]!.geometry;
    const polygon = (sz.type === 'Polygon' ? sz.coordinates : sz.type === 'MultiPolygon' ? sz.coordinates : []) as PolygonCoords;
    const line = agreement.lineOfContact as LonLat[];
    for (const p of line) expect(pointInPolygon(p, polygon)).toBe(true);
    const halfKm = agreement.securityZone.widthKm;
    // Points ~0.1° east of a middle vertex: inside when nearer than the width, outside when farther.
    for (const dLon of [0.05, 0.1, 0.3, 0.5]) {
      const p: LonLat = [line[20]![0] + dLon, line[20]![1]];
      const km = distanceToLine(p, line).distanceM / 1000;
      if (Math.abs(km - halfKm) > 0.5) expect(pointInPolygon(p, polygon), `${km} km from the line`).toBe(km < halfKm);
    }
  });
});

describe('lineOfContactFeatures and missionAreaBbox', () => {
  test('serve the line as one LineString naming the parties on each side', () => {
    const [f] = lineOfContactFeatures(agreement);
    expect(f).toMatchObject({ id: 'line-of-contact', geometry: { type: 'LineString' }, properties: { agreement_id: agreement.id } });
    expect(f!.properties.left_parties).toBeTruthy();
  });

  test('the mission area holds the line widened by the largest withdrawal distance', () => {
    const [w, s, e, n] = missionAreaBbox(agreement, zones);
    for (const [lon, lat] of agreement.lineOfContact) expect(lon > w && lon < e && lat > s && lat < n).toBe(true);
  });
});

describe('lineBuffer', () => {
  test('refuses a single position and a width that is not positive', () => {
    expect(() => lineBuffer([[30, 50]], 1000)).toThrow(/at least 2 positions/);
    expect(() => lineBuffer([[30, 50], [31, 50]], 0)).toThrow(/halfWidthM must be > 0/);
  });
});
