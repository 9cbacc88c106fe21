/**
 * Where an observation places its event, as a region on the ellipsoid (built by ../geo):
 * - `location {lat, lon, radiusM}`: a disc;
 * - `observer` + `bearing` + `distanceKm`: an annular sector ("3-5 km SSE"), widened by the
 *   observer's own position accuracy;
 * - `observer` + `bearing` only (a bearing-only sensor): a wedge out to `bearingOnlyRangeM`;
 * - `observer` + `distanceKm` only: a disc of the greatest distance (no bearing, no lower bound);
 * - `observer` only: the event is where the observer stands (a restriction at a checkpoint).
 * Whether two such regions meet, and their overlap: region-meet.ts.
 */
import { validationError } from '../errors.js';
import {
  annularSectorRegion,
  discRegion,
  localDirect,
  localErrorM,
  localDistance,
  wedgeRegion,
  type Region,
} from '../geo/index.js';
import type { Observation } from '../observation/types.js';
import { meters, type LonLat } from '../units.js';

export interface RegionOptions {
  /** Smallest radius given to a point report, metres; default 10. A radius of 0 would never meet. */
  readonly minRadiusM?: number;
  /** Narrowest bearing sector, degrees; narrower ones are widened about their centre. Default 1. */
  readonly minBearingWidthDeg?: number;
  /** How far a bearing-only detection reaches, metres; default 40 000 (acoustic artillery ranging). */
  readonly bearingOnlyRangeM?: number;
}

/**
 * How far a built region's boundary may stray from the true one: 2 % of its radius or range,
 * between the geo module's default 10 m and 500 m. Far below the uncertainty the region itself
 * states, and it keeps a 40 km wedge from costing thousands of vertices.
 */
export function boundaryErrorM(radiusM: number): number {
  return Math.min(500, Math.max(10, 0.02 * radiusM));
}

export const REGION_DEFAULTS: Required<RegionOptions> = {
  minRadiusM: 10,
  minBearingWidthDeg: 1,
  bearingOnlyRangeM: 40_000,
};

/** Longitude/latitude bounds, degrees. Regions crossing ±180° are not supported. */
export interface BBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** A bearing sector, clockwise from `fromDeg` to `toDeg`, both in [0, 360). */
export interface Sector {
  readonly fromDeg: number;
  readonly toDeg: number;
}

export type Shape =
  | { readonly kind: 'disc'; readonly center: LonLat; readonly radiusM: number }
  | {
      readonly kind: 'sector';
      readonly observer: LonLat;
      readonly sector: Sector;
      readonly minM: number;
      readonly maxM: number;
    }
  | {
      readonly kind: 'wedge';
      readonly observer: LonLat;
      readonly sector: Sector;
      readonly maxM: number;
    };

/** A disc holding a whole region: rejects most non-meeting pairs without clipping polygons. */
export interface BoundingDisc {
  readonly center: LonLat;
  readonly radiusM: number;
}

/** A region with the shape it was built from (for cheap exact tests) and its bounds. */
export interface PlacedRegion {
  readonly region: Region;
  readonly shape: Shape | null;
  readonly bbox: BBox;
  /** A disc known to hold the region, when one is (see `boundingDisc`). */
  readonly bound?: BoundingDisc | undefined;
  /** Area, m², of the shape as built (orders regions smallest first); NaN when not known. */
  readonly areaM2: number;
}

export const mod360 = (deg: number): number => ((deg % 360) + 360) % 360;

/** Width of a clockwise sector, degrees in [0, 360); a sector that wraps through north is fine. */
export function sectorWidth(s: Sector): number {
  return mod360(s.toDeg - s.fromDeg);
}

/** Centre azimuth of a clockwise sector, degrees in [0, 360). */
export function sectorCentre(s: Sector): number {
  return mod360(s.fromDeg + sectorWidth(s) / 2);
}

/** Whether an azimuth (degrees) lies in a clockwise sector, edges included. */
export function inSector(azimuthDeg: number, s: Sector): boolean {
  const w = sectorWidth(s);
  return w === 0 || mod360(azimuthDeg - s.fromDeg) <= w;
}

function widened(s: Sector, minWidthDeg: number): Sector {
  const w = sectorWidth(s);
  if (w >= minWidthDeg) return { fromDeg: mod360(s.fromDeg), toDeg: mod360(s.toDeg) };
  const c = sectorCentre(s);
  return { fromDeg: mod360(c - minWidthDeg / 2), toDeg: mod360(c + minWidthDeg / 2) };
}

export function bboxOf(region: Region): BBox {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const polygon of region.polygon) {
    for (const p of polygon[0] ?? []) {
      if (p[0] < minX) minX = p[0];
      if (p[0] > maxX) maxX = p[0];
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
    }
  }
  return { minX, minY, maxX, maxY };
}

export function bboxesOverlap(a: BBox, b: BBox): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

export function unionBBox(a: BBox, b: BBox): BBox {
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

/** Wraps a region with its bounds; `shape` enables region-meet.ts's exact tests. */
export function placeRegion(
  region: Region,
  shape: Shape | null,
  areaM2: number,
  bound?: BoundingDisc,
): PlacedRegion {
  return { region, shape, bbox: bboxOf(region), areaM2, bound };
}

const bounds = new WeakMap<PlacedRegion, BoundingDisc | null>();

/**
 * A disc holding the region, padded by its boundary error: the disc itself; for a sector up to
 * 180° wide, the disc about its middle (central bearing, mid range) through its farthest corner
 * (distance from that point along the arcs and radials peaks at the corners); for a wider
 * sector the disc about the observer; else the `bound` the region was placed with, or null.
 */
export function boundingDisc(p: PlacedRegion): BoundingDisc | null {
  const known = bounds.get(p);
  if (known !== undefined) return known;
  let b: BoundingDisc | null = p.bound ?? null;
  const s = p.shape;
  if (s?.kind === 'disc') b = { center: s.center, radiusM: s.radiusM };
  else if (s && sectorWidth(s.sector) > 180)
    b = { center: s.observer, radiusM: s.maxM + p.region.maxErrorM };
  else if (s) {
    const minM = s.kind === 'sector' ? s.minM : 0;
    const center = localDirect(s.observer, sectorCentre(s.sector), (minM + s.maxM) / 2);
    // The corners; a wedge's two inner corners are both the observer, measured once.
    let r = minM > 0 ? 0 : localDistance(center, s.observer);
    for (const az of [s.sector.fromDeg, s.sector.toDeg]) {
      for (const d of minM > 0 ? [minM, s.maxM] : [s.maxM])
        r = Math.max(r, localDistance(center, localDirect(s.observer, az, d)));
    }
    // Padded by the local solutions' error: of the centre, of the corner, of the distance.
    b = { center, radiusM: r * 1.001 + p.region.maxErrorM + 3 * localErrorM(s.maxM) };
  }
  bounds.set(p, b);
  return b;
}

export function discPlaced(center: LonLat, radiusM: number): PlacedRegion {
  const plan = discPlan(center, radiusM);
  return placeRegion(plan.build(), plan.shape, plan.areaM2);
}

function sectorArea(s: Sector, minM: number, maxM: number): number {
  return (sectorWidth(s) / 360) * Math.PI * (maxM * maxM - minM * minM);
}

/** True when the observation places its event with a bearing and nothing else (bearing-only). */
export function isBearingOnly(obs: Observation): boolean {
  return !obs.location && !!obs.observer && !!obs.bearing && !obs.distanceKm;
}

/** The region an observation places its event in. Throws VALIDATION when it gives no place. */
export function observationRegion(obs: Observation, options: RegionOptions = {}): PlacedRegion {
  const plan = planRegion(obs, options);
  return placeRegion(plan.build(), plan.shape, plan.areaM2);
}

/** An observation's region before its polygon is built: its shape, area and builder. */
interface RegionPlan {
  readonly shape: Shape;
  readonly areaM2: number;
  readonly build: () => Region;
}

function discPlan(center: LonLat, radiusM: number): RegionPlan {
  return {
    shape: { kind: 'disc', center, radiusM },
    areaM2: Math.PI * radiusM * radiusM,
    build: () => discRegion(center, meters(radiusM), { maxErrorM: boundaryErrorM(radiusM) }),
  };
}

/** observationRegion's shape and area, its polygon built on demand. Throws as it does. */
function planRegion(obs: Observation, options: RegionOptions): RegionPlan {
  const o = {
    minRadiusM: options.minRadiusM ?? REGION_DEFAULTS.minRadiusM,
    minBearingWidthDeg: options.minBearingWidthDeg ?? REGION_DEFAULTS.minBearingWidthDeg,
    bearingOnlyRangeM: options.bearingOnlyRangeM ?? REGION_DEFAULTS.bearingOnlyRangeM,
  };
  if (obs.location) {
    const { lon, lat, radiusM } = obs.location;
    return discPlan([lon, lat], Math.max(radiusM, o.minRadiusM));
  }
  if (!obs.observer) {
    throw validationError(
      [{ path: 'location', reason: 'an observation needs `location` or `observer`' }],
      `observation ${obs.id}`,
    );
  }
  const observer: LonLat = [obs.observer.lon, obs.observer.lat];
  const accuracy = obs.observer.accuracyM ?? 0;
  const range = obs.distanceKm;
  if (obs.bearing && sectorWidth(obs.bearing) === 0 && obs.bearing.toDeg !== obs.bearing.fromDeg) {
    // fromDeg 0, toDeg 360: every bearing.
    return discPlan(observer, (range ? range.max * 1000 : o.bearingOnlyRangeM) + accuracy);
  }
  if (obs.bearing && range) {
    const sector = widened(obs.bearing, o.minBearingWidthDeg);
    const minM = Math.max(0, range.min * 1000 - accuracy);
    const maxM = Math.max(range.max * 1000 + accuracy, minM + o.minRadiusM);
    return {
      shape: { kind: 'sector', observer, sector, minM, maxM },
      areaM2: sectorArea(sector, minM, maxM),
      build: () =>
        annularSectorRegion(
          observer,
          sector,
          { minM: meters(minM), maxM: meters(maxM) },
          { maxErrorM: boundaryErrorM(maxM) },
        ),
    };
  }
  if (obs.bearing) {
    const sector = widened(obs.bearing, o.minBearingWidthDeg);
    const maxM = o.bearingOnlyRangeM;
    return {
      shape: { kind: 'wedge', observer, sector, maxM },
      areaM2: sectorArea(sector, 0, maxM),
      build: () =>
        wedgeRegion(observer, sector, { maxRangeM: meters(maxM), maxErrorM: boundaryErrorM(maxM) }),
    };
  }
  if (range) return discPlan(observer, range.max * 1000 + accuracy);
  return discPlan(observer, Math.max(accuracy, o.minRadiusM));
}

/**
 * A placed region whose polygon (and the bounds drawn from it) is built when first read: a
 * member's own region is read for its shape only while its gate is what links and places it.
 */
class LazilyPlaced implements PlacedRegion {
  readonly shape: Shape;
  readonly areaM2: number;
  readonly bound = undefined;
  private built: PlacedRegion | null = null;

  constructor(private readonly plan: RegionPlan) {
    this.shape = plan.shape;
    this.areaM2 = plan.areaM2;
  }

  get region(): Region {
    return this.placed().region;
  }

  get bbox(): BBox {
    return this.placed().bbox;
  }

  private placed(): PlacedRegion {
    return (this.built ??= placeRegion(this.plan.build(), this.shape, this.areaM2));
  }
}

/**
 * A stated distance range is read as about ±1σ of the estimate (a patrol's "8-12 km", a camera's
 * ±10 %: their estimates miss it about a third of the time), so fusion links and places reports
 * at ±2σ: each end moved out by this many half-widths. Read as stated, two good reports of one
 * event missed each other and were split (BENCHMARKS.md "Fusion quality").
 */
export const RANGE_GATE_HALF_WIDTHS = 1;

/**
 * A stated bearing sector is read as ±2σ (member.ts SECTOR_HALF_WIDTH_IN_SIGMA); fusion links and
 * places reports at ±2.5σ: the sector widened about its centre by this factor. One bearing in
 * twenty misses by more than its sector, and with 8° sectors at 10-30 km such a miss left a
 * detection beside the place its own event's other reports drew.
 */
export const BEARING_GATE_FACTOR = 1.25;

/**
 * The region fusion links and places `obs` by: `placed` (its observationRegion) with any stated
 * distance range widened by RANGE_GATE_HALF_WIDTHS and any bearing sector by BEARING_GATE_FACTOR
 * (while it stays under a half-turn).
 */
export function gateRegion(
  obs: Observation,
  placed: PlacedRegion,
  options: RegionOptions = {},
): PlacedRegion {
  const gated = gateOf(obs);
  return gated ? observationRegion(gated, options) : placed;
}

/** `obs` with its stated range and bearing widened as gateRegion reads them; null if unchanged. */
function gateOf(obs: Observation): Observation | null {
  if (obs.location || !obs.observer) return null;
  const range = obs.distanceKm;
  const h = range ? (RANGE_GATE_HALF_WIDTHS * (range.max - range.min)) / 2 : 0;
  const b = obs.bearing;
  const w = b ? sectorWidth(b) : 0;
  const grow = w > 0 && w * BEARING_GATE_FACTOR < 180 ? ((BEARING_GATE_FACTOR - 1) * w) / 2 : 0;
  if (!(h > 0) && grow === 0) return null;
  return {
    ...obs,
    ...(b && grow > 0
      ? { bearing: { fromDeg: mod360(b.fromDeg - grow), toDeg: mod360(b.toDeg + grow) } }
      : {}),
    ...(range && h > 0
      ? { distanceKm: { min: Math.max(0, range.min - h), max: range.max + h } }
      : {}),
  };
}

/**
 * An observation's region and its gate (gateRegion). Fusion reads the region for its shape only
 * (the gate links and places the report), so its polygon is not built up front: a bearing-only
 * report's region takes the gate's polygon rather than a second 40 km wedge (its stated sector
 * gives the bearing's σ), and another's is built only if read.
 */
export function memberRegions(
  obs: Observation,
  options: RegionOptions = {},
): { placed: PlacedRegion; gate: PlacedRegion } {
  const gated = gateOf(obs);
  if (!gated) {
    const placed = observationRegion(obs, options);
    return { placed, gate: placed };
  }
  if (!isBearingOnly(obs)) {
    // Read for its shape only (member.ts): its polygon is left unbuilt unless something asks.
    const placed = new LazilyPlaced(planRegion(obs, options));
    return { placed, gate: observationRegion(gated, options) };
  }
  const gate = observationRegion(gated, options);
  if (gate.shape?.kind !== 'wedge') return { placed: observationRegion(obs, options), gate };
  const { observer, maxM } = gate.shape;
  const sector = widened(
    obs.bearing!,
    options.minBearingWidthDeg ?? REGION_DEFAULTS.minBearingWidthDeg,
  );
  return {
    placed: placeRegion(
      gate.region,
      { kind: 'wedge', observer, sector, maxM },
      sectorArea(sector, 0, maxM),
    ),
    gate,
  };
}
