// Notices on a line of contact running due south along 38°E (ua holds the west, ru the east).
import type { Agreement } from '../../agreement/index.js';
import type { NoticeSubject } from '../match.js';
import { parseNotice, type Notice } from '../schema.js';
import type { LonLat } from '../../units.js';

export const agreement: Pick<Agreement, 'parties' | 'lineOfContact' | 'notificationDuties'> = {
  parties: [
    { id: 'ua', name: 'Ukraine', side: 'right' },
    { id: 'ru', name: 'Russian Federation', side: 'left' },
  ],
  lineOfContact: [
    [38.0, 50.0],
    [38.0, 47.0],
  ],
  notificationDuties: [
    { id: 'nd-demining', what: 'demining', leadTimeHours: 24 },
    { id: 'nd-rotation', what: 'troop_rotation', leadTimeHours: 72, minTroops: 500 },
  ],
};

/** A 4 km × 4 km square on ua's side, 18-22 km west of the line. */
export const square = (west: number, south: number, size = 0.05): [number, number][][] => [
  [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south + size],
    [west, south],
  ],
];

export function notice(fields: Partial<Notice> = {}): Notice {
  return parseNotice({
    id: 'ntc-1',
    party: 'ua',
    kind: 'demining',
    purpose: 'clear the N-20 verge',
    area: square(37.7, 48.4),
    window: { from: '2026-03-02T06:00:00Z', to: '2026-03-02T16:00:00Z' },
    filedAt: '2026-02-27T10:00:00Z',
    ...fields,
  });
}

export const INSIDE: LonLat = [37.72, 48.42];
export const OUTSIDE: LonLat = [37.9, 48.42];

export function subject(id: string, fields: Partial<NoticeSubject> = {}): NoticeSubject {
  return {
    id,
    kind: 'observation',
    window: { from: '2026-03-02T10:00:00Z', to: '2026-03-02T10:05:00Z' },
    location: INSIDE,
    event: 'explosion',
    weapon: 'undetermined',
    direction: 'undetermined',
    ...fields,
  };
}
