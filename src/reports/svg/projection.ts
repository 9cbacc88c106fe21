/**
 * A local equirectangular projection fitted to a [lon, lat] box, and the clipping the map needs
 * to keep a 1:50m basemap down to what the box shows. Good to well under 1% across a few
 * hundred kilometres, which is all a report map spans; the scale bar uses the same scale.
 */

/** Mean Earth radius (IUGG), km: one degree of latitude is about 111.2 km. */
const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;

/** A [lon, lat] position (GeoJSON order), or a planar [x, y]. */
export type LonLat = readonly number[];

export type BBox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

export interface Projection {
  /** SVG user units (x right, y down) of a [lon, lat] point. */
  project(p: LonLat): [number, number];
  /** SVG units per kilometre (east-west and north-south alike at the box's middle latitude). */
  readonly unitsPerKm: number;
  /** The drawing area [x, y, width, height] the box was fitted into. */
  readonly frame: readonly [number, number, number, number];
}

/**
 * Fits `bbox` into a frame of `width` × `height` units with `padding` on every side, keeping
 * the aspect ratio (the box is centred along the axis with room to spare).
 */
export function fitProjection(bbox: BBox, width: number, height: number, padding = 0): Projection {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  if (!(maxLon > minLon && maxLat > minLat))
    throw new Error(`empty map box ${JSON.stringify(bbox)}`);
  const cosLat = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * cosLat;
  const spanY = maxLat - minLat;
  const innerW = width - 2 * padding;
  const innerH = height - 2 * padding;
  const k = Math.min(innerW / spanX, innerH / spanY);
  const offsetX = padding + (innerW - spanX * k) / 2;
  const offsetY = padding + (innerH - spanY * k) / 2;
  return {
    project: ([lon, lat]) => [
      offsetX + (lon! - minLon) * cosLat * k,
      offsetY + (maxLat - lat!) * k,
    ],
    unitsPerKm: k / KM_PER_DEGREE,
    frame: [0, 0, width, height],
  };
}

/** The box grown by `fraction` of its size on every side. */
export function expandBBox(bbox: BBox, fraction: number): BBox {
  const dx = (bbox[2] - bbox[0]) * fraction;
  const dy = (bbox[3] - bbox[1]) * fraction;
  return [bbox[0] - dx, bbox[1] - dy, bbox[2] + dx, bbox[3] + dy];
}

/**
 * Sutherland–Hodgman clipping of a closed ring to an axis-aligned box. The result is a ring
 * inside the box (possibly with edges along the box's sides, which the map fills but never
 * strokes), or fewer than 3 points when nothing of the ring is inside.
 */
export function clipRing(ring: readonly LonLat[], bbox: BBox): LonLat[] {
  const [minX, minY, maxX, maxY] = bbox;
  const edges: [(p: LonLat) => boolean, (a: LonLat, b: LonLat) => LonLat][] = [
    [(p) => p[0]! >= minX, (a, b) => atX(a, b, minX)],
    [(p) => p[0]! <= maxX, (a, b) => atX(a, b, maxX)],
    [(p) => p[1]! >= minY, (a, b) => atY(a, b, minY)],
    [(p) => p[1]! <= maxY, (a, b) => atY(a, b, maxY)],
  ];
  let out: LonLat[] = ring.slice();
  for (const [inside, cross] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i]!;
      const previous = input[(i + input.length - 1) % input.length]!;
      if (inside(current)) {
        if (!inside(previous)) out.push(cross(previous, current));
        out.push(current);
      } else if (inside(previous)) out.push(cross(previous, current));
    }
    if (out.length === 0) break;
  }
  return out;
}

/** Parts of a line that come near the box (segments with an end inside it, with neighbours). */
export function clipLine(line: readonly LonLat[], bbox: BBox): LonLat[][] {
  const [minX, minY, maxX, maxY] = bbox;
  const inBox = (p: LonLat) => p[0]! >= minX && p[0]! <= maxX && p[1]! >= minY && p[1]! <= maxY;
  const parts: LonLat[][] = [];
  let part: LonLat[] = [];
  for (let i = 0; i < line.length; i++) {
    const keep =
      inBox(line[i]!) ||
      (i > 0 && inBox(line[i - 1]!)) ||
      (i + 1 < line.length && inBox(line[i + 1]!));
    if (keep) part.push(line[i]!);
    else if (part.length > 0) {
      if (part.length > 1) parts.push(part);
      part = [];
    }
  }
  if (part.length > 1) parts.push(part);
  return parts;
}

function atX(a: LonLat, b: LonLat, x: number): LonLat {
  return [x, a[1]! + ((b[1]! - a[1]!) * (x - a[0]!)) / (b[0]! - a[0]!)];
}

function atY(a: LonLat, b: LonLat, y: number): LonLat {
  return [a[0]! + ((b[0]! - a[0]!) * (y - a[1]!)) / (b[1]! - a[1]!), y];
}

/** A round length (1, 2 or 5 × 10ⁿ km) no longer than `maxKm`, for the scale bar. */
export function niceKm(maxKm: number): number {
  const power = 10 ** Math.floor(Math.log10(maxKm));
  for (const step of [5, 2, 1]) if (step * power <= maxKm) return step * power;
  return power;
}
