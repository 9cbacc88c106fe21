/**
 * The area within a distance of a polyline, as a GeoJSON MultiPolygon: how the map draws the
 * security zone (the agreement gives only its width) and corridors given as a centreline.
 *
 * Built as the agreement's own zones were (scenarios/ukraine-2026/agreement.json, "note"): in an
 * azimuthal equidistant projection centred on the line, each segment becomes a rectangle and each
 * vertex a disc, and their union is projected back. On a sphere of the mean Earth radius; for a
 * line a few hundred kilometres long the error is well under 0.1 %, below what the map can show.
 * Pure.
 */
import {
  union,
  type MultiPolygon as PcMultiPolygon,
  type Polygon as PcPolygon,
} from 'polygon-clipping';
import type { Position } from '../api/types.js';

/** IUGG mean Earth radius, metres. */
const R = 6_371_008.8;
const RAD = Math.PI / 180;

export interface BufferOptions {
  /** Segments per full circle for the round joins; default 48. */
  readonly steps?: number;
}

/** Every point within `distanceKm` of `line` ([lon, lat] positions), as MultiPolygon coordinates. */
export function bufferLine(
  line: readonly Position[],
  distanceKm: number,
  opts: BufferOptions = {},
): Position[][][] {
  if (line.length < 1) throw new Error('bufferLine: the line has no positions');
  if (!(distanceKm > 0)) throw new Error(`bufferLine: distanceKm must be > 0, got ${distanceKm}`);
  const steps = opts.steps ?? 48;
  const proj = azimuthalEquidistant(line[Math.floor(line.length / 2)]!);
  const pts = line.map(proj.forward);
  const w = distanceKm * 1000;
  const parts: PcPolygon[] = [];
  const seen = new Set<string>();
  for (const [x, y] of pts) {
    // One disc per distinct vertex: a closed ring repeats its first, and two identical discs
    // in one union trip the sweep line.
    const key = `${x},${y}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const ring: [number, number][] = [];
    for (let i = 0; i < steps; i++) {
      const a = (2 * Math.PI * (i + 0.5)) / steps;
      ring.push([x + w * Math.cos(a), y + w * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    parts.push([ring]);
  }
  for (let i = 1; i < pts.length; i++) {
    const [ax, ay] = pts[i - 1]!;
    const [bx, by] = pts[i]!;
    const len = Math.hypot(bx - ax, by - ay);
    if (len === 0) continue;
    const nx = (-(by - ay) / len) * w;
    const ny = ((bx - ax) / len) * w;
    parts.push([
      [
        [ax + nx, ay + ny],
        [bx + nx, by + ny],
        [bx - nx, by - ny],
        [ax - nx, ay - ny],
        [ax + nx, ay + ny],
      ],
    ]);
  }
  const merged: PcMultiPolygon = union(parts[0]!, ...parts.slice(1));
  return merged.map((poly) => poly.map((ring) => ring.map(([x, y]) => proj.inverse([x, y]))));
}

/** Forward and inverse spherical azimuthal equidistant projection about `centre` ([lon, lat]), metres. */
export function azimuthalEquidistant(centre: Position): {
  forward(p: Position): [number, number];
  inverse(xy: [number, number]): Position;
} {
  const lon0 = centre[0]! * RAD;
  const lat0 = centre[1]! * RAD;
  const sin0 = Math.sin(lat0);
  const cos0 = Math.cos(lat0);
  return {
    forward([lon, lat]) {
      const phi = lat! * RAD;
      const dl = lon! * RAD - lon0;
      const cosc = Math.min(
        1,
        Math.max(-1, sin0 * Math.sin(phi) + cos0 * Math.cos(phi) * Math.cos(dl)),
      );
      const c = Math.acos(cosc);
      const k = c === 0 ? 1 : c / Math.sin(c);
      return [
        R * k * Math.cos(phi) * Math.sin(dl),
        R * k * (cos0 * Math.sin(phi) - sin0 * Math.cos(phi) * Math.cos(dl)),
      ];
    },
    inverse([x, y]) {
      const rho = Math.hypot(x, y);
      if (rho === 0) return [centre[0]!, centre[1]!];
      const c = rho / R;
      const phi = Math.asin(Math.cos(c) * sin0 + (y * Math.sin(c) * cos0) / rho);
      const lambda =
        lon0 + Math.atan2(x * Math.sin(c), rho * cos0 * Math.cos(c) - y * sin0 * Math.sin(c));
      return [lambda / RAD, phi / RAD];
    },
  };
}
