/**
 * Place references as field reports give them: the nearest settlement of the gazetteer, the
 * 16-point compass direction from it, and the distance rounded into a range ("3–5 km SE of
 * Svitlodarsk"). A range rather than a figure: an incident's position is uncertain by hundreds of
 * metres to kilometres, and a reader should not be told more precision than the mission has.
 */
import { compassPoint16, inverse } from '../geo/index.js';
import type { LonLat } from '../units.js';
import type { PlaceRef, ReportLang } from './types.js';

export interface Settlement {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  /** Administrative region (oblast) as the gazetteer writes it, e.g. `Donetsk`. */
  readonly oblast: string;
  readonly names: { readonly [L in ReportLang]: string };
}

export interface Gazetteer {
  readonly settlements: readonly Settlement[];
}

/** Upper bounds (km) of the distance ranges; past the last, ranges are 10 km wide. */
const BANDS_KM = [1, 3, 5, 10, 15, 20] as const;

/** The range a distance falls in: [0,1), [1,3), [3,5), [5,10), [10,15), [15,20), then 10-km steps. */
export function distanceRangeKm(km: number): { min: number; max: number } {
  let min = 0;
  for (const max of BANDS_KM) {
    if (km < max) return { min, max };
    min = max;
  }
  const lower = Math.floor(km / 10) * 10;
  return { min: lower, max: lower + 10 };
}

/** Region id of a settlement: its oblast in lower case, spaces as hyphens (`donetsk`). */
export const regionId = (s: Pick<Settlement, 'oblast'>): string =>
  s.oblast.trim().toLowerCase().replace(/\s+/g, '-');

export interface NearestSettlement {
  readonly settlement: Settlement;
  readonly distanceM: number;
  /** Azimuth from the settlement to the place, degrees clockwise from north. */
  readonly azimuthDeg: number;
}

/**
 * The settlement nearest to `p` on the ellipsoid, or null for an empty gazetteer. A cheap
 * planar pre-filter keeps the geodesic computations to the few candidates that can win.
 */
export function nearestSettlement(p: LonLat, gazetteer: Gazetteer): NearestSettlement | null {
  const cosLat = Math.cos((p[1] * Math.PI) / 180);
  const approx = gazetteer.settlements
    .map((s) => ({ s, d2: ((s.lon - p[0]) * cosLat) ** 2 + (s.lat - p[1]) ** 2 }))
    .sort((a, b) => a.d2 - b.d2 || (a.s.id < b.s.id ? -1 : 1))
    .slice(0, 5);
  let best: NearestSettlement | null = null;
  for (const { s } of approx) {
    const r = inverse([s.lon, s.lat], p);
    if (!best || r.distanceM < best.distanceM)
      best = { settlement: s, distanceM: r.distanceM, azimuthDeg: r.azimuth1Deg };
  }
  return best;
}

/** "<range> km <compass> of <settlement>" as data, or null for an empty gazetteer. */
export function placeRef(p: LonLat, gazetteer: Gazetteer): PlaceRef | null {
  const n = nearestSettlement(p, gazetteer);
  if (!n) return null;
  const distanceKm = distanceRangeKm(n.distanceM / 1000);
  return {
    settlementId: n.settlement.id,
    compass: compassPoint16(n.azimuthDeg),
    distanceKm,
  };
}
