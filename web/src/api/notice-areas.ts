/**
 * De-confliction on the map: the areas of announced notices and the circles of windows of
 * silence whose time overlaps the map's window, as GeoJSON. Pure.
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Position } from './types.js';
import type { StoredNotice, StoredSilence } from './pages-model.js';

export interface NoticeAreaProps {
  readonly kind: 'notice' | 'silence';
  readonly id: string;
  readonly party: string | null;
  readonly from: string;
  readonly to: string;
  /** A notice's kind (rotation, demining…), or the silence's status (proposed, agreed). */
  readonly detail: string;
}

export type NoticeAreaCollection = FeatureCollection<Polygon, NoticeAreaProps>;

/** Silence states still in force or awaiting consent (declined and withdrawn ones are not drawn). */
const LIVE_SILENCE = ['proposed', 'agreed'];

/** Whether [from, to) meets the window; an open side of the window is unbounded. */
export function overlaps(
  w: { readonly from: string; readonly to: string },
  fromMs: number | null,
  toMs: number | null,
): boolean {
  const a = Date.parse(w.from);
  const b = Date.parse(w.to);
  return (toMs === null || a < toMs) && (fromMs === null || b > fromMs);
}

const EARTH_KM_PER_DEG = 111.32;

/** A circle of `radiusKm` around `centre` [lon, lat] as a 64-sided polygon (local flat approximation). */
export function circle(centre: Position, radiusKm: number, sides = 64): Position[][] {
  const [lon, lat] = centre;
  const dLat = radiusKm / EARTH_KM_PER_DEG;
  const dLon = radiusKm / (EARTH_KM_PER_DEG * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  const ring: Position[] = [];
  for (let i = 0; i < sides; i++) {
    const a = (2 * Math.PI * i) / sides;
    ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return [ring];
}

/**
 * The notices still announced and the live windows of silence that meet [fromMs, toMs) (null:
 * from now on, so a map with no time window shows what is in force or coming).
 */
export function noticeAreas(
  notices: readonly StoredNotice[],
  silences: readonly StoredSilence[],
  fromMs: number | null,
  toMs: number | null,
): NoticeAreaCollection {
  const features: Feature<Polygon, NoticeAreaProps>[] = [];
  for (const n of notices) {
    if (n.status !== 'announced' || !overlaps(n.notice.window, fromMs, toMs)) continue;
    features.push({
      type: 'Feature',
      id: `notice:${n.notice.id}`,
      geometry: { type: 'Polygon', coordinates: n.notice.area },
      properties: {
        kind: 'notice',
        id: n.notice.id,
        party: n.notice.party,
        from: n.notice.window.from,
        to: n.notice.window.to,
        detail: n.notice.kind,
      },
    });
  }
  for (const s of silences) {
    const w = s.silence;
    if (!LIVE_SILENCE.includes(w.status) || !overlaps(w.window, fromMs, toMs)) continue;
    features.push({
      type: 'Feature',
      id: `silence:${w.id}`,
      geometry: { type: 'Polygon', coordinates: circle(w.site, w.radiusKm) },
      properties: {
        kind: 'silence',
        id: w.id,
        party: null,
        from: w.window.from,
        to: w.window.to,
        detail: w.status,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
