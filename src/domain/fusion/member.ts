/**
 * An observation as fusion holds it: its widened window, its region, what compatibility looks
 * at, and (for a mission sensor's bearing-only detection) its bearing for triangulation.
 */
import { localDistance } from '../geo/index.js';
import type { Direction, Observation, SourceKind } from '../observation/types.js';
import type { LonLat } from '../units.js';
import type { Descriptor } from './compatibility.js';
import { compatible } from './compatibility.js';
import { isMissionSource } from './incident.js';
import {
  memberRegions,
  isBearingOnly,
  REGION_DEFAULTS,
  sectorCentre,
  sectorWidth,
  type PlacedRegion,
  type RegionOptions,
} from './region.js';
import {
  clockErrorS,
  heardWindowsMs,
  SPEED_OF_SOUND_MPS,
  soundTravelS,
  statedWindowMs,
  widenedWindowMs,
  windowsOverlap,
  type MsWindow,
} from './time.js';
import type { Bearing } from './triangulate.js';
import { timingOf, type Timing } from './estimate.js';
import type { LocatedMember } from './locate.js';

export interface Member {
  readonly obs: Observation;
  /** Arrival order in the engine. */
  readonly seq: number;
  readonly stated: MsWindow;
  readonly widened: MsWindow;
  /** `[widened]`: when it can have happened wherever it was (member.ts windowsAt). */
  readonly widenedOnly: readonly MsWindow[];
  readonly placed: PlacedRegion;
  /**
   * The region it is linked and placed by: `placed` with its stated range and bearing widened
   * (region.ts gateRegion). `placed` is read for its shape.
   */
  readonly gate: PlacedRegion;
  readonly desc: Descriptor;
  readonly mission: boolean;
  /** Set for a mission source's bearing-only detection: it takes part in the bearing fix. */
  readonly bearing: Bearing | null;
  /** Its stamp, for ranging by sound (estimate.ts timingOf). */
  readonly timing: Timing | undefined;
  /** The source's clock error, seconds (time.ts clockErrorS). */
  readonly clockS: number;
  /**
   * For a report heard at a distance (time.ts soundTravelS > 0): where it was heard from and the
   * farthest range its place allows, metres; else null.
   */
  readonly heard: { readonly from: LonLat; readonly maxM: number } | null;
  /** How it places an incident (locate.ts): by `gate`, its point by its stated shape. */
  readonly located: LocatedMember;
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
  const { placed, gate } = memberRegions(obs, regions);
  const mission = isMissionSource(obs.source.kind);
  const clockS = clockErrorS(obs, clockDefaults);
  const timing = timingOf(obs, stated, clockS);
  const found = mission ? bearingOf(obs, placed) : null;
  const bearing = found && { ...found, timing };
  const travelS = soundTravelS(obs, regions.bearingOnlyRangeM ?? REGION_DEFAULTS.bearingOnlyRangeM);
  const widened = widenedWindowMs(stated, clockS, travelS);
  const located = { id: obs.id, placed: gate, seq, shape: placed.shape, timing };
  return {
    obs,
    seq,
    timing,
    stated,
    widened,
    widenedOnly: [widened],
    clockS,
    heard:
      travelS > 0 && obs.observer
        ? { from: [obs.observer.lon, obs.observer.lat], maxM: travelS * SPEED_OF_SOUND_MPS }
        : null,
    placed,
    gate,
    // A muzzle flash is where the weapon is: outgoing whatever was filed.
    desc: {
      event: obs.event,
      weapon: obs.weapon,
      calibreMm: obs.calibreMm,
      direction: obs.event === 'muzzle_flash' ? 'outgoing' : obs.direction,
    },
    mission,
    bearing,
    located,
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

/**
 * When `m`'s event can have happened if it was within `radiusM` of `center`: its widened window,
 * or for a report heard at a distance, the windows its sound's travel from there allows
 * (time.ts heardWindowsMs), which are much narrower than the window of its farthest range.
 */
export function windowsAt(m: Member, center: LonLat, radiusM: number): readonly MsWindow[] {
  if (!m.heard) return m.widenedOnly;
  const d = localDistance(m.heard.from, center);
  const maxM = Math.min(d + radiusM, m.heard.maxM);
  return heardWindowsMs(m.stated, m.clockS, Math.min(Math.max(0, d - radiusM), maxM), maxM);
}

/**
 * Whether two reports' directions can be of one end of a shot: the same, or one of them
 * undetermined (a sound that could be of either end) and the other not seen in flight.
 */
function sameEndPossible(a: Direction, b: Direction): boolean {
  if (a === b) return true;
  if (a === 'in_flight' || b === 'in_flight') return false;
  return a === 'undetermined' || b === 'undetermined';
}

/** Least gap between two stamps of one sensor read as two sounds, seconds (below: one, restamped). */
const ONE_SENSOR_MIN_GAP_S = 1;

/**
 * Whether `a` and `b` are one sensor's detections of two sounds of one kind: both from one sensor,
 * able to be of the same end of a shot (both where it was fired, both where it landed, or either
 * of undetermined direction), each stamped at an instant, further apart than both their clock
 * errors. A sensor hears one sound once, at one instant by one clock: two shots from one
 * direction, whose places meet all along the bearing, or the two ends of one shot, which an array
 * often hears along one line seconds apart without telling which is which. Which of two such
 * detections an incident keeps is bearing-pick.ts displacedBy's to say.
 */
export function oneSensorTwoSounds(a: Member, b: Member): boolean {
  if (a.obs.source.kind !== 'sensor' || b.obs.source.kind !== 'sensor') return false;
  if (a.obs.source.id !== b.obs.source.id) return false;
  if (!sameEndPossible(a.desc.direction, b.desc.direction)) return false;
  if (a.stated.fromMs !== a.stated.toMs || b.stated.fromMs !== b.stated.toMs) return false;
  const gapS = Math.abs(a.stated.fromMs - b.stated.fromMs) / 1000;
  return gapS > Math.max(ONE_SENSOR_MIN_GAP_S, a.clockS + b.clockS);
}
