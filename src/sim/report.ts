/**
 * How an observer turns something it saw or heard into an Observation, with the errors of its
 * kind:
 *
 * - patrol: bearing to the nearest 16-point compass sector after a N(0, 4°) error, distance as a
 *   whole-kilometre range around a log-normal estimate (σ 20%), time to the minute;
 * - camera: bearing ±1° around a N(0, 0.5°) error, distance ±10% around a N(0, 10%) error,
 *   an instant off by the camera's clock skew;
 * - acoustic array: bearing only, ±4° (twice its stated 2° error) around a N(0, 2°) error, an
 *   instant late by the sound's travel time (343 m/s) plus clock skew.
 *
 * Every error scales with `noise`. Observations whose window ends after the scenario's end are
 * not made: the simulator never reports from the future.
 */
import { compassPoint16, compassSector16, inverse } from '../domain/geo/index.js';
import type { Direction, EventKind, Observation, WeaponKind } from '../domain/observation/types.js';
import type { LonLat } from '../domain/units.js';
import type { Observer } from './observers.js';
import type { SimRandom } from './random.js';

export interface ReportContext {
  readonly rng: SimRandom;
  readonly noise: number;
  /** Scenario start, epoch ms: report windows open no earlier. */
  readonly startMs: number;
  /** Scenario end, epoch ms: nothing is reported from after it. */
  readonly endMs: number;
  nextObservationId(): string;
}

/** What was seen or heard, as it truly was. */
export interface Seen {
  readonly event: EventKind;
  readonly weapon: WeaponKind;
  readonly calibreMm?: number;
  readonly direction: Direction;
  readonly count: number;
  readonly tMs: number;
  readonly durationS: number;
  readonly place: LonLat;
}

const SPEED_OF_SOUND_MS = 343;
const ACOUSTIC_STATED_ERROR_DEG = 2;
const MINUTE_MS = 60_000;

/** ISO 8601 UTC, without the fraction when it is zero. */
export function isoTime(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, 19)}Z` : s;
}

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** Degrees into [0, 360) after rounding to `digits`. */
export function wrapDeg(deg: number, digits = 1): number {
  const r = round(((deg % 360) + 360) % 360, digits);
  return r >= 360 ? 0 : r;
}

/** A fake but well-formed SHA-256 reference for a photo or clip. */
export function evidenceHash(rng: SimRandom): string {
  let hex = '';
  for (let i = 0; i < 8; i++) hex += (rng.int(0, 0xffffffff) >>> 0).toString(16).padStart(8, '0');
  return hex;
}

/** The observer's position as it reports it: off by its GPS error. */
function reportedPosition(
  o: Observer,
  rng: SimRandom,
  noise: number,
): { lat: number; lon: number; accuracyM: number } {
  const sd = (o.kind === 'patrol' ? o.accuracyM / 2 : 0) * noise;
  const lat = o.position[1] + rng.normal(0, sd) / 111_320;
  const lon =
    o.position[0] + rng.normal(0, sd) / (111_320 * Math.cos((o.position[1] * Math.PI) / 180));
  return { lat: round(lat, 5), lon: round(lon, 5), accuracyM: o.accuracyM };
}

function words(seen: Seen, count: number): string {
  const weapon =
    seen.weapon === 'undetermined'
      ? 'undetermined'
      : `${seen.calibreMm ? `${seen.calibreMm} mm ` : ''}${seen.weapon.replace(/_/g, ' ')}`;
  const what: Record<EventKind, string> = {
    explosion: count === 1 ? 'explosion' : 'explosions',
    projectile_in_flight: count === 1 ? 'projectile in flight' : 'projectiles in flight',
    muzzle_flash: count === 1 ? 'muzzle flash' : 'muzzle flashes',
    illumination_flare: count === 1 ? 'illumination flare' : 'illumination flares',
    small_arms_burst: count === 1 ? 'burst' : 'bursts',
    small_arms_shot: count === 1 ? 'shot' : 'shots',
    weapon_sighting: 'weapons',
    troop_presence: 'personnel',
    aircraft: 'aircraft',
    vessel: count === 1 ? 'vessel' : 'vessels',
    restriction: 'restriction',
  };
  const direction =
    seen.direction === 'outgoing'
      ? ' (outgoing)'
      : seen.direction === 'in_flight'
        ? ' (in flight)'
        : '';
  return `${count} ${weapon} ${what[seen.event]}${direction}`;
}

/**
 * A remote report (bearing, and distance unless acoustic) of `seen` by `o`, or null when its
 * time would fall after the scenario's end. `weapon` and `calibreMm` are what the observer
 * made of it; `count` how many it counted.
 */
export function remoteObservation(
  ctx: ReportContext,
  o: Observer,
  seen: Seen,
  reported: {
    weapon: WeaponKind;
    calibreMm?: number;
    count: number;
    direction: Direction;
    event: EventKind;
  },
): Observation | null {
  const { rng, noise } = ctx;
  const geo = inverse(o.position, seen.place);
  const km = geo.distanceM / 1000;
  let observedAt: Observation['observedAt'];
  let bearing: { fromDeg: number; toDeg: number };
  let distanceKm: { min: number; max: number } | undefined;
  let text: string;
  const said = { ...seen, ...reported };
  if (o.kind === 'patrol') {
    const point = compassPoint16(geo.azimuth1Deg + rng.normal(0, 4 * noise));
    bearing = compassSector16(point);
    const est = km * Math.exp(rng.normal(0, 0.2 * noise));
    const min = Math.max(0, Math.floor(est * 0.8));
    const max = Math.min(100, Math.max(min + 1, Math.ceil(est * 1.2)));
    distanceKm = { min, max };
    const from = Math.max(ctx.startMs, Math.floor(seen.tMs / MINUTE_MS) * MINUTE_MS);
    const to = Math.ceil((seen.tMs + seen.durationS * 1000) / MINUTE_MS) * MINUTE_MS;
    observedAt = from === to ? isoTime(from) : { from: isoTime(from), to: isoTime(to) };
    if (to > ctx.endMs) return null;
    text = `${words(said, reported.count)} ${min}-${max} km ${point}`;
  } else {
    const skewMs = o.clockSkewS * 1000;
    const acoustic = o.kind === 'acoustic';
    const delayMs = acoustic ? (geo.distanceM / SPEED_OF_SOUND_MS) * 1000 : 0;
    const at = Math.round(seen.tMs + delayMs + skewMs);
    if (at > ctx.endMs) return null;
    observedAt = isoTime(at);
    const halfWidth = acoustic ? 2 * ACOUSTIC_STATED_ERROR_DEG : 1;
    const az =
      geo.azimuth1Deg + rng.normal(0, (acoustic ? ACOUSTIC_STATED_ERROR_DEG : 0.5) * noise);
    bearing = { fromDeg: wrapDeg(az - halfWidth), toDeg: wrapDeg(az + halfWidth) };
    if (!acoustic) {
      const est = km * (1 + rng.normal(0, 0.1 * noise));
      const min = round(Math.max(0, est * 0.9), 1);
      distanceKm = { min, max: Math.min(100, Math.max(round(est * 1.1, 1), round(min + 0.1, 1))) };
    }
    text = acoustic
      ? `acoustic detection: ${words(said, reported.count)}, bearing ${round(az, 0) % 360}° ±${halfWidth}°`
      : `camera detection: ${words(said, reported.count)} at about ${round(km, 1)} km`;
  }
  return {
    id: ctx.nextObservationId(),
    source:
      o.kind === 'patrol'
        ? { kind: 'monitor', id: o.id }
        : { kind: 'sensor', id: o.id, clockErrorS: o.clockErrorS ?? 0 },
    observedAt,
    observer: reportedPosition(o, rng, noise),
    bearing,
    ...(distanceKm ? { distanceKm } : {}),
    event: reported.event,
    count: Math.max(1, Math.round(reported.count)),
    weapon: reported.weapon,
    ...(reported.calibreMm !== undefined && reported.weapon !== 'undetermined'
      ? { calibreMm: reported.calibreMm }
      : {}),
    direction: reported.direction,
    text,
    lang: 'en',
    visibility: 'mission',
    ...(o.kind === 'camera'
      ? { evidence: [{ sha256: evidenceHash(rng), mediaType: 'video/mp4' }] }
      : {}),
  };
}

/**
 * A report placing the event at a point with an uncertainty radius (a patrol at the spot, a
 * drone image, a radar track): position off by N(0, radiusM / 2) in each axis.
 */
export function pointObservation(
  ctx: ReportContext,
  source: Observation['source'],
  seen: Seen,
  radiusM: number,
  extra: Partial<
    Pick<Observation, 'text' | 'evidence' | 'restriction' | 'visibility' | 'lang'>
  > = {},
): Observation | null {
  const { rng, noise } = ctx;
  const to = Math.ceil((seen.tMs + seen.durationS * 1000) / MINUTE_MS) * MINUTE_MS;
  const from = Math.max(ctx.startMs, Math.floor(seen.tMs / MINUTE_MS) * MINUTE_MS);
  if (to > ctx.endMs) return null;
  const sd = (radiusM / 2) * noise;
  const [lon, lat] = seen.place;
  return {
    id: ctx.nextObservationId(),
    source,
    observedAt: from === to ? isoTime(from) : { from: isoTime(from), to: isoTime(to) },
    location: {
      lat: round(lat + rng.normal(0, sd) / 111_320, 5),
      lon: round(lon + rng.normal(0, sd) / (111_320 * Math.cos((lat * Math.PI) / 180)), 5),
      radiusM: Math.round(radiusM),
    },
    event: seen.event,
    count: Math.max(1, Math.round(seen.count)),
    weapon: seen.weapon,
    ...(seen.calibreMm !== undefined && seen.weapon !== 'undetermined'
      ? { calibreMm: seen.calibreMm }
      : {}),
    direction: seen.direction,
    lang: 'en',
    visibility: 'mission',
    text: words(seen, Math.max(1, Math.round(seen.count))),
    ...extra,
  };
}
