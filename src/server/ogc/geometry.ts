/**
 * GeoJSON geometries (RFC 7946 §3.1) as the OGC collections serve them, their bounding boxes,
 * and the `bbox` filter's test: does a geometry intersect a box? Edges are read as straight
 * lines in longitude/latitude, as RFC 7946 §3.1.1 says a client draws them. Agreement
 * geometry is regional and never crosses the antimeridian; a query box may (west > east) and
 * is then tested as its two halves.
 */
import type { QueryBbox } from './params.js';

type Position = readonly number[];
export type Geometry =
  | { readonly type: 'Point'; readonly coordinates: Position }
  | { readonly type: 'LineString'; readonly coordinates: readonly Position[] }
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] };

/** [west, south, east, north] (RFC 7946 §5). */
export type Bbox = [number, number, number, number];

function positionsOf(g: Geometry): readonly Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'LineString':
      return g.coordinates;
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
  }
}

/** The smallest box holding every position, or null for none. */
export function bboxOf(geometries: readonly Geometry[]): Bbox | null {
  let box: Bbox | null = null;
  for (const g of geometries) {
    for (const [lon, lat] of positionsOf(g) as [number, number][]) {
      if (!box) box = [lon, lat, lon, lat];
      else box = [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)];
    }
  }
  return box;
}

/** Both boxes' union. */
export function unionBbox(a: Bbox | null, b: Bbox | null): Bbox | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

type Rect = readonly [number, number, number, number];

function inRect(r: Rect, x: number, y: number): boolean {
  return x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3];
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
}

function segmentsCross(p: Position, q: Position, r: Position, s: Position): boolean {
  const [px, py] = p as [number, number];
  const [qx, qy] = q as [number, number];
  const [rx, ry] = r as [number, number];
  const [sx, sy] = s as [number, number];
  const o1 = orient(px, py, qx, qy, rx, ry);
  const o2 = orient(px, py, qx, qy, sx, sy);
  const o3 = orient(rx, ry, sx, sy, px, py);
  const o4 = orient(rx, ry, sx, sy, qx, qy);
  if (o1 !== o2 && o3 !== o4) return true;
  const onSegment = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
    Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
  return (
    (o1 === 0 && onSegment(px, py, qx, qy, rx, ry)) ||
    (o2 === 0 && onSegment(px, py, qx, qy, sx, sy)) ||
    (o3 === 0 && onSegment(rx, ry, sx, sy, px, py)) ||
    (o4 === 0 && onSegment(rx, ry, sx, sy, qx, qy))
  );
}

function segmentTouchesRect(r: Rect, p: Position, q: Position): boolean {
  if (inRect(r, p[0]!, p[1]!) || inRect(r, q[0]!, q[1]!)) return true;
  const c: Position[] = [[r[0], r[1]], [r[2], r[1]], [r[2], r[3]], [r[0], r[3]]];
  return c.some((a, i) => segmentsCross(p, q, a, c[(i + 1) % 4]!));
}

/** Even-odd point in polygon (outer ring and holes), planar. */
function polygonContains(rings: readonly (readonly Position[])[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function polygonTouchesRect(r: Rect, rings: readonly (readonly Position[])[]): boolean {
  for (const ring of rings) for (let i = 1; i < ring.length; i++) if (segmentTouchesRect(r, ring[i - 1]!, ring[i]!)) return true;
  // No edge meets the rectangle: it is wholly inside the polygon or wholly outside.
  return polygonContains(rings, r[0], r[1]);
}

function touchesRect(g: Geometry, r: Rect): boolean {
  switch (g.type) {
    case 'Point':
      return inRect(r, g.coordinates[0]!, g.coordinates[1]!);
    case 'LineString':
      for (let i = 1; i < g.coordinates.length; i++) if (segmentTouchesRect(r, g.coordinates[i - 1]!, g.coordinates[i]!)) return true;
      return g.coordinates.length === 1 && inRect(r, g.coordinates[0]![0]!, g.coordinates[0]![1]!);
    case 'Polygon':
      return polygonTouchesRect(r, g.coordinates);
    case 'MultiPolygon':
      return g.coordinates.some((p) => polygonTouchesRect(r, p));
  }
}

/** Does the geometry intersect (touch counts) the query box? */
export function intersectsBbox(g: Geometry, b: QueryBbox): boolean {
  const rects: Rect[] = b.west <= b.east ? [[b.west, b.south, b.east, b.north]] : [[b.west, b.south, 180, b.north], [-180, b.south, b.east, b.north]];
  return rects.some((r) => touchesRect(g, r));
}
