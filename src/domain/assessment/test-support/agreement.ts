// A small agreement for assessment tests: the line of contact runs due north along 37.9°E from
// 47.5°N to 48.5°N, so walking it, 'east' is on the right and 'west' on the left.
import type { Agreement } from '../../agreement/index.js';
import type { LonLat } from '../../units.js';

export const LINE_LON = 37.9;
export const onLine = (lat = 48.0): LonLat => [LINE_LON, lat];

export function testAgreement(overrides: Partial<Agreement> = {}): Agreement {
  return {
    id: 'test-agreement',
    version: 1,
    effectiveFrom: '2026-01-15',
    title: 'Test agreement',
    parties: [
      { id: 'west', name: 'Western Party', side: 'left' },
      { id: 'east', name: 'Eastern Party', side: 'right' },
    ],
    lineOfContact: [
      [LINE_LON, 47.5],
      [LINE_LON, 48.0],
      [LINE_LON, 48.5],
    ],
    securityZone: { widthKm: 15 },
    withdrawalDistances: [
      { id: 'wd-artillery', weaponClass: 'artillery', minCalibreMm: 100, distanceKm: 50 },
      { id: 'wd-mlrs', weaponClass: 'mlrs', distanceKm: 70 },
    ],
    disengagementAreas: [
      {
        id: 'da-1',
        name: 'Bridge',
        polygon: [
          [
            [37.85, 48.2],
            [37.95, 48.2],
            [37.95, 48.25],
            [37.85, 48.25],
            [37.85, 48.2],
          ],
        ],
      },
    ],
    noFlyAreas: [
      {
        id: 'nf-1',
        name: 'Band',
        polygon: [
          [
            [37.5, 47.5],
            [38.3, 47.5],
            [38.3, 48.5],
            [37.5, 48.5],
            [37.5, 47.5],
          ],
        ],
      },
    ],
    maritimeCorridors: [
      {
        id: 'mc-1',
        name: 'Lane',
        centreline: [
          [37.0, 47.0],
          [38.0, 47.0],
        ],
        widthKm: 10,
      },
    ],
    ceilings: { troops: {}, equipment: {} },
    notificationDuties: [],
    escalationThresholds: [],
    replyDeadlineHours: 48,
    sectors: [],
    ...overrides,
  };
}
