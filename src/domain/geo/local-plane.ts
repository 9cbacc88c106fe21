/**
 * A cheap local plane for clipping, centroids and least-squares fits: the spherical azimuthal equidistant projection
 * about a centre, its east axis scaled by the ellipsoid's prime-vertical radius of curvature at
 * the centre and its north axis by the meridional one. It agrees with the exact ellipsoidal
 * projection (LocalProjection) to first order at the centre, and within about a metre at 40 km
 * (local-plane.test.ts measures it); a few trigonometric calls per point instead of a geodesic.
 *
 * What it is for: polygon-clipping works on straight edges in a plane, and regions are built with
 * edges short enough (region-boundary.ts) that any smooth, nearly affine plane gives the same
 * overlaps to well under their stated error. forward and reverse are inverses of each other to
 * floating-point rounding, so vertices that were not cut come back where they were. Fusion also
 * fits places by least squares in it (estimate.ts, triangulate.ts), where a metre at 40 km is far
 * below any stated error. Distances and azimuths that must be exact belong to LocalProjection.
 */
import type { LonLat } from '../units.js';
import { hypot } from '../hypot.js';

const DEG = Math.PI / 180;
/** WGS84 semi-major axis, metres, and first eccentricity squared. */
const A = 6_378_137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);

export class LocalPlane {
  /** The plane's origin, [lon, lat] degrees; it maps to (0, 0). */
  readonly center: LonLat;
  private readonly lon0: number;
  private readonly sin0: number;
  private readonly cos0: number;
  /** Metres per radian of the unit sphere east and north at the centre. */
  private readonly kx: number;
  private readonly ky: number;
  /** The unit-sphere offset `offset` found last: east (u) and north (v). */
  private u = 0;
  private v = 0;

  /** @param center [lon, lat] degrees, finite and not at a pole (inputs are the caller's to check). */
  constructor(center: LonLat) {
    this.center = [center[0], center[1]];
    this.lon0 = center[0] * DEG;
    const phi0 = center[1] * DEG;
    this.sin0 = Math.sin(phi0);
    this.cos0 = Math.cos(phi0);
    const w2 = 1 - E2 * this.sin0 * this.sin0;
    this.kx = A / Math.sqrt(w2); // prime vertical radius N
    this.ky = (A * (1 - E2)) / (w2 * Math.sqrt(w2)); // meridional radius M
  }

  /** [x, y] metres east and north of the centre. */
  forward(p: LonLat): [x: number, y: number] {
    const k = this.offset(p);
    return [k * this.u * this.kx + 0, k * this.v * this.ky + 0];
  }

  /** The length of `forward(p)`, metres, without making the pair. */
  distance(p: LonLat): number {
    return this.offset(p) * hypot(this.u * this.kx, this.v * this.ky);
  }

  /**
   * Leaves `p`'s unit-sphere offset in `u` and `v`, and answers the azimuthal equidistant stretch c / sin c (c the
   * angle from the centre), or 0 at the centre itself.
   */
  private offset(p: LonLat): number {
    const phi = p[1] * DEG;
    const dl = p[0] * DEG - this.lon0;
    const sinPhi = Math.sin(phi);
    const cosPhi = Math.cos(phi);
    const cosDl = Math.cos(dl);
    this.u = cosPhi * Math.sin(dl);
    this.v = this.cos0 * sinPhi - this.sin0 * cosPhi * cosDl;
    const sinC = hypot(this.u, this.v);
    if (sinC === 0) return 0;
    return Math.atan2(sinC, this.sin0 * sinPhi + this.cos0 * cosPhi * cosDl) / sinC;
  }

  /** The position at metres [x, y] east and north of the centre; longitude continuous about it. */
  reverse(xy: readonly [number, number]): LonLat {
    return this.at(xy[0], xy[1]);
  }

  /** `reverse([east, north])`, without making the pair. */
  at(east: number, north: number): [lon: number, lat: number] {
    const x = east / this.kx;
    const y = north / this.ky;
    const c = hypot(x, y);
    if (c === 0) return [this.center[0], this.center[1]];
    const sinC = Math.sin(c);
    const cosC = Math.cos(c);
    const phi = Math.asin(Math.min(1, Math.max(-1, cosC * this.sin0 + (y * sinC * this.cos0) / c)));
    const dl = Math.atan2(x * sinC, c * this.cos0 * cosC - y * this.sin0 * sinC);
    return [(this.lon0 + dl) / DEG, phi / DEG];
  }
}
