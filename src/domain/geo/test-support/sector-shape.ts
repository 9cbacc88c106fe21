// Tests only: the TRUE shape behind a disc or annular-sector region, measured straight from
// GeographicLib, to check region polygons against.
import type { LonLat, MultiPolygonCoords } from '../../units.js';
import {
  angleDiff,
  geodesicDistance,
  LINE_CAPS,
  Mask,
  normalizeAzimuth,
  solveDirect,
  solveInverse,
  WGS84,
} from '../ellipsoid.js';

/** Points whose azimuth from `observer` is within spanDeg clockwise of fromDeg, distance in [minM, maxM]. */
export interface SectorShape {
  readonly observer: LonLat;
  readonly fromDeg: number;
  /** (0, 360]; 360 is a full disc or annulus. */
  readonly spanDeg: number;
  readonly minM: number;
  readonly maxM: number;
}

/** Whether q is in the true shape. */
export function shapeContains(shape: SectorShape, q: LonLat): boolean {
  const { s12, azi1 } = solveInverse(shape.observer, q);
  const inBearing =
    shape.spanDeg >= 360 || normalizeAzimuth(azi1 - shape.fromDeg) <= shape.spanDeg || s12 === 0;
  return inBearing && s12 >= shape.minM && s12 <= shape.maxM;
}

/**
 * Metres from q to the true shape's boundary (arcs and radial geodesics). Exact for points on
 * the boundary; for points near it, accurate to far better than a metre at these scales.
 */
export function gapToBoundary(shape: SectorShape, q: LonLat): number {
  const { observer, fromDeg, spanDeg, minM, maxM } = shape;
  const { s12: d, azi1: az } = solveInverse(observer, q);
  const full = spanDeg >= 360;
  const within = full || normalizeAzimuth(az - fromDeg) <= spanDeg;
  const gaps: number[] = [];
  const arcGap = (r: number): void => {
    if (r <= 0) return;
    if (within) gaps.push(Math.abs(d - r));
    else {
      gaps.push(geodesicDistance(q, solveDirect(observer, fromDeg, r)));
      gaps.push(geodesicDistance(q, solveDirect(observer, fromDeg + spanDeg, r)));
    }
  };
  arcGap(maxM);
  arcGap(minM);
  if (!full) {
    for (const edge of [fromDeg, fromDeg + spanDeg]) {
      const delta = (angleDiff(edge, az) * Math.PI) / 180;
      const along = d * Math.cos(delta);
      if (along >= minM && along <= maxM) gaps.push(Math.abs(d * Math.sin(delta)));
    }
    if (minM === 0) gaps.push(d);
  }
  return Math.min(...gaps);
}

/** Every ring's vertices, closing duplicates included. */
export function allVertices(polygon: MultiPolygonCoords): LonLat[] {
  return polygon.flatMap((p) => p.flatMap((ring) => [...ring]));
}

/**
 * Points along every edge: at the given fractions of the straight lon/lat chord (RFC 7946's
 * reading) and of the geodesic between the edge's ends.
 */
export function edgeSamples(
  polygon: MultiPolygonCoords,
  fractions: readonly number[] = [0.25, 0.5, 0.75],
): LonLat[] {
  const out: LonLat[] = [];
  for (const p of polygon) {
    for (const ring of p) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i] as LonLat;
        const b = ring[i + 1] as LonLat;
        const line = WGS84.InverseLine(a[1], a[0], b[1], b[0], LINE_CAPS);
        for (const f of fractions) {
          out.push([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]);
          const g = line.Position(line.s13 * f, Mask.LATITUDE | Mask.LONGITUDE);
          out.push([g.lon2 ?? Number.NaN, g.lat2 ?? Number.NaN]);
        }
      }
    }
  }
  return out;
}

/** Twice the signed lon/lat area of a ring; positive when counter-clockwise. */
export function ringWinding(ring: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as LonLat;
    const b = ring[i + 1] as LonLat;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

/** Whether every ring is closed, outer rings wound counter-clockwise and holes clockwise. */
export function isRfc7946Wound(polygon: MultiPolygonCoords): boolean {
  return polygon.every((p) =>
    p.every((ring, i) => {
      const first = ring[0];
      const last = ring[ring.length - 1];
      const closed = !!first && !!last && first[0] === last[0] && first[1] === last[1];
      return closed && (i === 0 ? ringWinding(ring) > 0 : ringWinding(ring) < 0);
    }),
  );
}
