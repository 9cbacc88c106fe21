/**
 * A local azimuthal equidistant projection on WGS84, exact on the ellipsoid: a point's (x, y) is
 * its geodesic distance from the centre laid out along its geodesic azimuth, so distances and
 * azimuths from the centre are preserved exactly (GeographicLib inverse/direct, as in its
 * AzimuthalEquidistant class). Other distances are stretched away from the centre, by
 * about (d/R)²/6 at distance d (0.04% at 300 km), and geodesics that miss the centre bend
 * slightly; both are negligible over the few hundred kilometres this is used for.
 */
import type { LonLat } from '../units.js';
import { Mask, WGS84 } from './ellipsoid.js';
import { checkLonLat, checkNumber, isLonLat, IssueList } from './input-checks.js';
import { hypot } from '../hypot.js';

const DEG = Math.PI / 180;

export class LocalProjection {
  /** The projection's origin, [lon, lat] degrees; it maps to (0, 0). */
  readonly center: LonLat;

  /** @param center [lon, lat] WGS84 degrees; should not be a pole, where azimuths are degenerate. */
  constructor(center: LonLat) {
    const issues = new IssueList();
    checkLonLat(center, 'center', issues);
    issues.throwIfAny('LocalProjection center');
    this.center = [center[0], center[1]];
  }

  /**
   * [x, y] metres east and north of the centre: x = s·sin(α), y = s·cos(α), where s is the
   * geodesic distance from the centre and α its azimuth there.
   */
  forward(p: LonLat): [x: number, y: number] {
    if (!isLonLat(p)) {
      const issues = new IssueList();
      checkLonLat(p, 'p', issues);
      issues.throwIfAny('LocalProjection.forward input');
    }
    const [lon0, lat0] = this.center;
    const r = WGS84.Inverse(lat0, lon0, p[1], p[0], Mask.DISTANCE | Mask.AZIMUTH);
    const s = r.s12 ?? Number.NaN;
    const a = (r.azi1 ?? Number.NaN) * DEG;
    // `+ 0` turns -0 (the centre itself, at GeographicLib's azimuth 180) into 0.
    return [s * Math.sin(a) + 0, s * Math.cos(a) + 0];
  }

  /**
   * The position at metres [x, y] east and north of the centre: the point at geodesic distance
   * hypot(x, y) along azimuth atan2(x, y). Longitude in [-180, 180].
   */
  reverse(xy: readonly [number, number]): LonLat {
    if (
      !Array.isArray(xy) ||
      xy.length !== 2 ||
      !Number.isFinite(xy[0] as unknown) ||
      !Number.isFinite(xy[1] as unknown)
    ) {
      const issues = new IssueList();
      if (!Array.isArray(xy) || xy.length !== 2) issues.add('xy', 'must be [x, y] metres');
      else {
        checkNumber(xy[0], 'xy[0]', issues);
        checkNumber(xy[1], 'xy[1]', issues);
      }
      issues.throwIfAny('LocalProjection.reverse input');
    }
    const [x, y] = xy;
    const s = hypot(x, y);
    if (s === 0) return [this.center[0], this.center[1]];
    const azimuthDeg = Math.atan2(x, y) / DEG;
    const [lon0, lat0] = this.center;
    const r = WGS84.Direct(lat0, lon0, azimuthDeg, s, Mask.LATITUDE | Mask.LONGITUDE);
    return [r.lon2 ?? Number.NaN, r.lat2 ?? Number.NaN];
  }
}
