/**
 * Proofs that two placed regions meet or miss, from their shapes (disc, sector, wedge) and
 * vertices, without clipping their polygons: regionsMeet (region-meet.ts) clips only when none
 * decides. Each answers only when the clipped polygons would surely give the same answer.
 */
import { localDirect, localDistance, localErrorM, localInverse } from '../geo/index.js';
import {
  boundingDisc,
  inSector,
  mod360,
  sectorCentre,
  sectorWidth,
  type PlacedRegion,
  type Shape,
} from './region.js';

const DEG = Math.PI / 180;

type Ray = Exclude<Shape, { kind: 'disc' }>;

/**
 * Whether two sectors or wedges surely share a point, found without clipping: a point lying far
 * enough inside both shapes lies inside both polygons, so they overlap. Far enough: every vertex
 * is on the true boundary; an arc's chords fall inside it by up to the region's boundary error;
 * a radial edge is a geodesic from the observer, and its chords straight in the clipping plane
 * stray from it by well under a metre at these ranges (region-boundary.ts), so a few metres
 * (RADIAL_SLACK_M) do there. The points tried: the middle of each (its bounding disc's centre),
 * moved in the other's observer's frame (range, azimuth) just far enough into the other. False
 * when unsure; the caller then clips.
 */
export function surelyMeet(a: PlacedRegion, b: PlacedRegion): boolean {
  if (!a.shape || a.shape.kind === 'disc' || !b.shape || b.shape.kind === 'disc') return false;
  if (sectorWidth(a.shape.sector) > 180 || sectorWidth(b.shape.sector) > 180) return false;
  const pairs = [
    [a, a.shape, b, b.shape],
    [b, b.shape, a, a.shape],
  ] as const;
  for (const [x, xs, y, ys] of pairs) {
    const mid = boundingDisc(y)?.center;
    // The middle is placed by a local solution, so it is held deep in y by that much more.
    const midM = (rangeOf(ys).minM + ys.maxM) / 2;
    if (!mid || !deepIn(y, ys, midM, sectorCentre(ys.sector), localErrorM(midM))) continue;
    const { distanceM: d, azimuthDeg: az } = localInverse(xs.observer, mid);
    // Every local solution below is within `slack` of the exact one (x's reach bounds them all).
    const slack = RADIAL_SLACK_M + 2 * localErrorM(xs.maxM);
    const { lo: lo0, hi: hi0 } = rangeOf(xs, x);
    const lo = lo0 + slack - RADIAL_SLACK_M;
    const hi = hi0 - slack + RADIAL_SLACK_M;
    const range = Math.min(hi, Math.max(lo, d));
    if (range < lo || range <= slack) continue;
    // Off the central bearing by at most this, a point at `range` is clear of both radials.
    const spread = sectorWidth(xs.sector) / 2 - Math.asin(slack / range) / DEG;
    if (spread < 0) continue;
    const centre = sectorCentre(xs.sector);
    const off = mod360(az - centre + 180) - 180;
    if (range === d && Math.abs(off) <= spread) return true; // the middle of y is deep in x
    const p = localDirect(xs.observer, mod360(centre + Math.max(-spread, Math.min(spread, off))), range);
    const seen = localInverse(ys.observer, p);
    if (deepIn(y, ys, seen.distanceM, seen.azimuthDeg, localErrorM(seen.distanceM))) return true;
  }
  return false;
}

/**
 * Whether a region surely misses a sector or wedge, found without clipping: every vertex of the
 * region lies beyond the line of a radial of the sector (a sector at most 180° wide lies wholly
 * on its side of each radial's line, and a polygon whose vertices all lie beyond a line lies
 * beyond it), by more than the few metres its edges may bend (RADIAL_SLACK_M, see surelyMeet).
 * Wedges side by side miss this way, and their bounding discs do not tell them apart; so does a
 * wedge passing beside an incident's place cut from several reports. False when unsure; the
 * caller then clips.
 */
export function surelyApart(a: PlacedRegion, b: PlacedRegion): boolean {
  for (const [xs, y] of [
    [a.shape, b],
    [b.shape, a],
  ] as const) {
    if (!xs || xs.kind === 'disc' || sectorWidth(xs.sector) > 180) continue;
    let beyondFrom = true,
      beyondTo = true;
    for (const polygon of y.region.polygon) {
      for (const v of polygon[0] ?? []) {
        const { distanceM: d, azimuthDeg: az } = localInverse(xs.observer, v);
        // Signed distance from each radial's line, positive on the side away from the sector;
        // the local solution is within localErrorM of the exact one.
        const slack = RADIAL_SLACK_M + localErrorM(d);
        if (d * Math.sin((xs.sector.fromDeg - az) * DEG) < slack) beyondFrom = false;
        if (d * Math.sin((az - xs.sector.toDeg) * DEG) < slack) beyondTo = false;
        if (!beyondFrom && !beyondTo) break;
      }
      if (!beyondFrom && !beyondTo) break;
    }
    if (beyondFrom || beyondTo) return true;
  }
  return false;
}

/** Clearance kept from a radial edge, metres (see surelyMeet). */
const RADIAL_SLACK_M = 5;

/** A sector's or wedge's range, and the ranges far enough inside its arcs (given `p`). */
function rangeOf(s: Ray, p?: PlacedRegion): { minM: number; lo: number; hi: number } {
  const minM = s.kind === 'sector' ? s.minM : 0;
  const arc = p ? p.region.maxErrorM + 2 : 0;
  return { minM, lo: s.kind === 'sector' ? minM + arc : 0, hi: s.maxM - arc };
}

/** Unsigned angle between two azimuths, degrees in [0, 180]. */
function angleBetween(a: number, b: number): number {
  const d = mod360(a - b);
  return d > 180 ? 360 - d : d;
}

/**
 * Whether the point at `d` metres, azimuth `az` from the observer lies far enough inside a
 * sector or wedge at most 180° wide (see surelyMeet), measured in the observer's azimuthal
 * equidistant plane, where its radials are straight and its arcs circles (as in discMeetsSector);
 * `errorM` more for a point placed by a local solution (geo's local-geodesic.ts).
 */
function deepIn(p: PlacedRegion, s: Ray, d: number, az: number, errorM = 0): boolean {
  const { lo, hi } = rangeOf(s, p);
  if (d - errorM < lo || d + errorM > hi || !inSector(az, s.sector)) return false;
  for (const edge of [s.sector.fromDeg, s.sector.toDeg]) {
    const off = angleBetween(az, edge);
    if ((off >= 90 ? d : d * Math.sin(off * DEG)) < RADIAL_SLACK_M + errorM) return false;
  }
  return true;
}

/**
 * Whether two regions surely meet because a vertex of one lies far enough inside the other's
 * disc, sector or wedge (at most 180° wide): the polygon holds a patch of area about its
 * vertex, and the patch lies inside the other polygon, so the two overlap. Far enough: inside a
 * disc by its boundary error (its chords fall inside the circle by up to that) and
 * RADIAL_SLACK_M; inside a sector or wedge as in deepIn. Catches a report's region meeting an
 * incident's place cut from several reports (which has no shape, so surelyMeet cannot tell).
 * False when unsure; the caller then clips.
 */
export function vertexDeepIn(a: PlacedRegion, b: PlacedRegion): boolean {
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const xs = x.shape;
    if (!xs || (xs.kind !== 'disc' && sectorWidth(xs.sector) > 180)) continue;
    const reach = xs.kind === 'disc' ? xs.radiusM - x.region.maxErrorM - RADIAL_SLACK_M : 0;
    if (xs.kind === 'disc' && reach <= 0) continue;
    for (const polygon of y.region.polygon) {
      for (const v of polygon[0] ?? []) {
        if (xs.kind === 'disc') {
          const d = localDistance(xs.center, v);
          if (d + localErrorM(d) <= reach) return true;
          continue;
        }
        const { distanceM, azimuthDeg } = localInverse(xs.observer, v);
        if (deepIn(x, xs, distanceM, azimuthDeg, localErrorM(distanceM))) return true;
      }
    }
  }
  return false;
}
