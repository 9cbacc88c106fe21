/**
 * An observation as fusion holds it: its widened window, its region, what compatibility looks
 * at, and (for a mission sensor's bearing-only detection) its bearing for triangulation.
 */
import type { Observation, SourceKind } from '../observation/types.js';
import type { Descriptor } from './compatibility.js';
import { compatible } from './compatibility.js';
import { isMissionSource } from './incident.js';
import {
  isBearingOnly,
  observationRegion,
  REGION_DEFAULTS,
  sectorCentre,
  sectorWidth,
  type PlacedRegion,
  type RegionOptions,
} from './region.js';
import {
  clockErrorS,
  soundTravelS,
  statedWindowMs,
  widenedWindowMs,
  windowsOverlap,
  type MsWindow,
} from './time.js';
import type { Bearing } from './triangulate.js';

export interface Member {
  readonly obs: Observation;
  /** Arrival order in the engine. */
  readonly seq: number;
  readonly stated: MsWindow;
  readonly widened: MsWindow;
  readonly placed: PlacedRegion;
  readonly desc: Descriptor;
  readonly mission: boolean;
  /** Set for a mission source's bearing-only detection: it takes part in the bearing fix. */
  readonly bearing: Bearing | null;
}

/**
 * The stated bearing sector is read as ±2σ (about 95 %): a sensor that reports 10° of sector
 * is taken to have a 2.5° standard error.
 */
export const SECTOR_HALF_WIDTH_IN_SIGMA = 2;

/** The bearing of a bearing-only report, for triangulation; null for any other report. */
export function bearingOf(obs: Observation, placed: PlacedRegion): Bearing | null {
  if (!isBearingOnly(obs) || placed.shape?.kind !== 'wedge') return null;
  const s = placed.shape.sector;
  return {
    id: obs.id,
    observer: placed.shape.observer,
    azimuthDeg: sectorCentre(s),
    sigmaDeg: sectorWidth(s) / 2 / SECTOR_HALF_WIDTH_IN_SIGMA,
  };
}

export function toMember(
  obs: Observation,
  seq: number,
  clockDefaults: Readonly<Record<SourceKind, number>>,
  regions: RegionOptions,
): Member {
  const stated = statedWindowMs(obs);
  const placed = observationRegion(obs, regions);
  const mission = isMissionSource(obs.source.kind);
  const bearing = mission ? bearingOf(obs, placed) : null;
  return {
    obs,
    seq,
    stated,
    widened: widenedWindowMs(
      stated,
      clockErrorS(obs, clockDefaults),
      soundTravelS(obs, regions.bearingOnlyRangeM ?? REGION_DEFAULTS.bearingOnlyRangeM),
    ),
    placed,
    // A muzzle flash is where the weapon is: outgoing whatever was filed.
    desc: {
      event: obs.event,
      weapon: obs.weapon,
      calibreMm: obs.calibreMm,
      direction: obs.event === 'muzzle_flash' ? 'outgoing' : obs.direction,
    },
    mission,
    bearing,
  };
}

export function descriptorKey(d: Descriptor): string {
  return `${d.event}|${d.weapon}|${d.calibreMm ?? ''}|${d.direction}`;
}

/** Every descriptor of `a` compatible with every descriptor of `b`. */
export function groupsCompatible(a: Iterable<Descriptor>, b: Iterable<Descriptor>): boolean {
  const bs = [...b];
  for (const x of a) for (const y of bs) if (!compatible(x, y)) return false;
  return true;
}

export function timesOverlap(a: Member, b: Member): boolean {
  return windowsOverlap(a.widened, b.widened);
}
