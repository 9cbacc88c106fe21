/**
 * Whether two placed regions (region.ts) meet, and their overlap: decided from their shapes
 * (disc, sector, wedge) where that is exact or provable (region-proofs.ts), by clipping their
 * polygons where it is not.
 */
import {
  intersectRegionsMeasured,
  localErrorM,
  localDistance,
  localInverse,
  pointInPolygon,
  type Region,
} from '../geo/index.js';
import { hypot } from '../hypot.js';
import type { LonLat } from '../units.js';
import {
  bboxesOverlap,
  boundingDisc,
  inSector,
  placeRegion,
  sectorWidth,
  type PlacedRegion,
  type Shape,
} from './region.js';
import { surelyApart, surelyMeet, vertexDeepIn } from './region-proofs.js';

const DEG = Math.PI / 180;

/**
 * Whether a disc meets an annular sector or wedge, from their definitions rather than polygons,
 * in the observer's azimuthal equidistant plane (geo's LocalProjection about the observer): there
 * distances and azimuths from the observer are exact and the sector's bounding radials are
 * straight, so the nearest point of the sector is found with plane geometry. Other distances are
 * stretched by about (d/R)²/6, 0.4 m at 40 km.
 */
function discMeetsSector(
  center: LonLat,
  radiusM: number,
  s: Exclude<Shape, { kind: 'disc' }>,
): boolean {
  const minM = s.kind === 'sector' ? s.minM : 0;
  const { distanceM: d, azimuthDeg: azimuth1Deg } = localInverse(s.observer, center);
  if (d === 0) return minM <= radiusM;
  if (d - radiusM > s.maxM || d + radiusM < minM) return false;
  if (inSector(azimuth1Deg, s.sector)) return true;
  const x = d * Math.sin(azimuth1Deg * DEG),
    y = d * Math.cos(azimuth1Deg * DEG);
  for (const edge of [s.sector.fromDeg, s.sector.toDeg]) {
    const ux = Math.sin(edge * DEG),
      uy = Math.cos(edge * DEG);
    const t = Math.min(s.maxM, Math.max(minM, x * ux + y * uy));
    if (hypot(x - t * ux, y - t * uy) <= radiusM) return true;
  }
  return false;
}

/**
 * Whether disc `inner` lies wholly inside `outer` (a disc, sector or wedge), decided from the
 * shapes as in `discMeetsSector`. False when unsure (a sector wider than 180°).
 */
function discWithin(inner: { center: LonLat; radiusM: number }, outer: Shape): boolean {
  if (outer.kind === 'disc') {
    const d = localDistance(inner.center, outer.center);
    return d + inner.radiusM + localErrorM(d) <= outer.radiusM;
  }
  if (sectorWidth(outer.sector) > 180) return false;
  const minM = outer.kind === 'sector' ? outer.minM : 0;
  const { distanceM: d, azimuthDeg: azimuth1Deg } = localInverse(outer.observer, inner.center);
  // Within the local solution's error of the exact answer: held as part of the disc.
  const r = inner.radiusM + localErrorM(d);
  if (d - r < minM || d + r > outer.maxM || !inSector(azimuth1Deg, outer.sector)) return false;
  const x = d * Math.sin(azimuth1Deg * DEG),
    y = d * Math.cos(azimuth1Deg * DEG);
  // Distance to each bounding radial's line: |u × p|.
  return [outer.sector.fromDeg, outer.sector.toDeg].every(
    (e) => Math.abs(x * Math.cos(e * DEG) - y * Math.sin(e * DEG)) >= r,
  );
}

/**
 * The overlap of two placed regions, or null when they do not meet. When one is a disc inside the
 * other's shape the disc is returned as is (keeping its shape for exact tests later); otherwise
 * the polygons are intersected (geo's intersectRegions).
 *
 * Memoised per pair of regions: an incident's place is refolded from its members on most joins,
 * and every step up to where the new report sorts in is the same overlap of the same regions.
 * The answer is a pure function of the two regions, so a refold gives what it gave before.
 */
export function overlapOf(a: PlacedRegion, b: PlacedRegion): PlacedRegion | null {
  let byB = overlaps.get(a);
  if (!byB) overlaps.set(a, (byB = new WeakMap()));
  let both = byB.get(b);
  if (both === undefined) byB.set(b, (both = computeOverlap(a, b)));
  return both;
}

const overlaps = new WeakMap<PlacedRegion, WeakMap<PlacedRegion, PlacedRegion | null>>();

function computeOverlap(a: PlacedRegion, b: PlacedRegion): PlacedRegion | null {
  if (a.shape?.kind === 'disc' && b.shape && discWithin(a.shape, b.shape)) return a;
  if (b.shape?.kind === 'disc' && a.shape && discWithin(b.shape, a.shape)) return b;
  // Where meeting is decided by clipping, that clip is the overlap: not clipped twice.
  const met = meetOrClip(a, b, true);
  const clipped = met === true ? clip(a.region, b.region) : met || null;
  if (!clipped) return null;
  // polygon-clipping can return slivers of (near) zero area where two boundaries graze: a place
  // with no centre. Such regions meet only along a line, which for reports is not agreeing.
  return clipped.areaM2 >= MIN_OVERLAP_M2
    ? placeRegion(clipped.region, null, clipped.areaM2)
    : null;
}

/** Overlaps smaller than this, m², are treated as no overlap (see overlapOf). */
export const MIN_OVERLAP_M2 = 1;

/** An overlap as clipped, with its area (m²) as measured in the clipping plane. */
interface Clipped {
  readonly region: Region;
  readonly areaM2: number;
}

/**
 * geo's intersectRegionsMeasured, with a clipping failure (polygon-clipping throws on some nearly
 * coincident edges) read as "do not meet": an overlap that cannot be computed cannot be a place.
 */
function clip(a: Region, b: Region): Clipped | null {
  try {
    return intersectRegionsMeasured(a, b);
  } catch {
    return null;
  }
}

type Radial = Exclude<Shape, { kind: 'disc' }>;

/**
 * Two sectors or wedges drawn from one observer's position meet where both their bearings and
 * their ranges overlap, decided exactly; null when the observers differ. Their polygons also
 * touch at the shared apex, or graze there within their boundary error, which would join two
 * detections of one sensor on different bearings: two sounds from two directions.
 */
function sameApexMeet(a: Radial, b: Radial): boolean | null {
  if (a.observer[0] !== b.observer[0] || a.observer[1] !== b.observer[1]) return null;
  const aMin = a.kind === 'sector' ? a.minM : 0;
  const bMin = b.kind === 'sector' ? b.minM : 0;
  if (Math.max(aMin, bMin) >= Math.min(a.maxM, b.maxM)) return false;
  return inSector(a.sector.fromDeg, b.sector) || inSector(b.sector.fromDeg, a.sector);
}

/**
 * Whether two regions share a point. A disc against a disc, sector or wedge is decided exactly
 * from the shapes; a disc whose centre lies in the other region meets it; otherwise the polygons
 * are intersected (geo's intersectRegions).
 */
export function regionsMeet(a: PlacedRegion, b: PlacedRegion): boolean {
  const met = meetOrClip(a, b);
  return met === true || (met !== false && met !== null);
}

/**
 * `regionsMeet`, giving the clipped overlap (null: none) when that is how it was decided. With
 * `wantOverlap` the overlap will be clipped anyway, so no test that only proves meeting is tried.
 */
function meetOrClip(
  a: PlacedRegion,
  b: PlacedRegion,
  wantOverlap = false,
): boolean | Clipped | null {
  if (a === b) return true;
  if (!bboxesOverlap(a.bbox, b.bbox)) return false;
  const [disc, other] =
    a.shape?.kind === 'disc'
      ? [a.shape, b]
      : b.shape?.kind === 'disc'
        ? [b.shape, a]
        : [null, null];
  if (disc && other) {
    if (other.shape?.kind === 'disc')
      return localDistance(disc.center, other.shape.center) <= disc.radiusM + other.shape.radiusM;
    if (other.shape) return discMeetsSector(disc.center, disc.radiusM, other.shape);
    if (pointInPolygon(disc.center, other.region.polygon)) return true;
  }
  if (a.shape && b.shape && a.shape.kind !== 'disc' && b.shape.kind !== 'disc') {
    const met = sameApexMeet(a.shape, b.shape);
    if (met !== null) return met;
  }
  // A sector or wedge that misses the other's bounding disc misses the other.
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (!x.shape || x.shape.kind === 'disc') continue;
    const bound = boundingDisc(y);
    if (bound && !discMeetsSector(bound.center, bound.radiusM, x.shape)) return false;
  }
  if (!wantOverlap && (surelyMeet(a, b) || vertexDeepIn(a, b))) return true;
  if (surelyApart(a, b)) return false;
  return clip(a.region, b.region);
}
