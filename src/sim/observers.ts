/**
 * Who is watching: fixed sensors along the line (cameras that give bearing and distance,
 * acoustic arrays that give a bearing only) and the mission's patrols, which man two
 * observation posts a day, 5-20 km from the line on either side, in daylight.
 */
import { pointInPolygon } from '../domain/geo/index.js';
import type { LonLat, MultiPolygonCoords } from '../domain/units.js';
import type { LinePlane, LineSide, XY } from './plane.js';
import type { SimRandom } from './random.js';
import type { SectorMap } from './sectors.js';

export type ObserverKind = 'patrol' | 'camera' | 'acoustic';

export interface Observer {
  readonly id: string;
  readonly kind: ObserverKind;
  readonly side: LineSide;
  readonly xy: XY;
  readonly position: LonLat;
  readonly chainageM: number;
  /** Position accuracy the observer states, metres. */
  readonly accuracyM: number;
  /** Clock error the sensor states, seconds; patrols state none. */
  readonly clockErrorS?: number;
  /** The sensor clock's true offset, seconds (within about the stated error). */
  readonly clockSkewS: number;
  /** Active from/to, epoch ms (sensors: always). */
  readonly fromMs: number;
  readonly toMs: number;
}

/** Largest distance at which any observer detects anything, metres (acoustic arrays). */
export const MAX_DETECTION_M = 30_000;

/** Patrol teams per reporting sector on each side of the line. */
export const PATROLS_PER_SECTOR_SIDE = 3;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A place `distanceM` off the line on `side`, on land; null after a few tries on water. */
export function placeOffLine(
  plane: LinePlane,
  chainageM: () => number,
  side: LineSide,
  distanceM: () => number,
  water: MultiPolygonCoords | undefined,
): { xy: XY; position: LonLat; chainageM: number } | null {
  for (let attempt = 0; attempt < 12; attempt++) {
    const s = chainageM();
    const xy = plane.offset(s, side, distanceM());
    if (plane.nearest(xy).side !== side) continue;
    const position = plane.toLonLat(xy);
    if (water && pointInPolygon(position, water)) continue;
    return { xy, position, chainageM: s };
  }
  return null;
}

/**
 * Cameras every ~25 km and acoustic arrays every ~35 km, alternating sides. Cameras stand 2-6 km
 * from the line, arrays 5-12 km. Each sensor states a clock error (cameras 1-5 s, arrays
 * 0.5-2 s) and its clock is off by a normal draw of half that, times `noise`.
 */
export function placeSensors(
  plane: LinePlane,
  rng: SimRandom,
  noise: number,
  water?: MultiPolygonCoords,
): Observer[] {
  const out: Observer[] = [];
  const plan: [ObserverKind, number, number, number, readonly number[]][] = [
    ['camera', 25_000, 2_000, 6_000, [1, 2, 5]],
    ['acoustic', 35_000, 5_000, 12_000, [0.5, 1, 2]],
  ];
  for (const [kind, spacing, minOff, maxOff, clockErrors] of plan) {
    let n = 0;
    for (let s = spacing / 2; s < plane.lengthM; s += spacing) {
      const side: LineSide = n % 2 === 0 ? 'right' : 'left';
      const at = placeOffLine(
        plane,
        () => s + rng.between(-3_000, 3_000),
        side,
        () => rng.between(minOff, maxOff),
        water,
      );
      n++;
      if (!at) continue;
      const clockErrorS = rng.pick(clockErrors);
      out.push({
        id: `${kind === 'camera' ? 'cam' : 'aco'}-${String(n).padStart(3, '0')}`,
        kind,
        side,
        ...at,
        accuracyM: 5,
        clockErrorS,
        clockSkewS:
          Math.max(-clockErrorS, Math.min(clockErrorS, rng.normal(0, clockErrorS / 2))) * noise,
        fromMs: -Infinity,
        toMs: Infinity,
      });
    }
  }
  return out;
}

/**
 * The day's patrols: per sector and side, PATROLS_PER_SECTOR_SIDE teams, each manning a morning
 * and an afternoon post (local solar 07:00-12:00 and 12:30-18:00, give or take half an hour).
 * Team ids are stable across days (`patrol-01`, ...).
 */
export function placePatrols(
  plane: LinePlane,
  sectors: SectorMap,
  rng: SimRandom,
  dayStartMs: number,
  utcOffsetH: number,
  water?: MultiPolygonCoords,
): Observer[] {
  const out: Observer[] = [];
  let team = 0;
  for (const sector of sectors.sectors) {
    for (const side of ['right', 'left'] as const) {
      for (let k = 0; k < PATROLS_PER_SECTOR_SIDE; k++) {
        team++;
        const id = `patrol-${String(team).padStart(2, '0')}`;
        const posts: [number, number][] = [
          [7, 12],
          [12.5, 18],
        ];
        for (const [fromH, toH] of posts) {
          const at = placeOffLine(
            plane,
            () => sectors.randomChainage(rng, sector),
            side,
            () => rng.between(5_000, 20_000),
            water,
          );
          if (!at) continue;
          const jitter = rng.between(-0.5, 0.5);
          out.push({
            id,
            kind: 'patrol',
            side,
            ...at,
            accuracyM: rng.pick([10, 15, 20]),
            clockSkewS: 0,
            fromMs: dayStartMs + ((fromH + jitter - utcOffsetH + 24) % 24) * HOUR_MS,
            toMs: dayStartMs + ((toH + jitter - utcOffsetH + 24) % 24) * HOUR_MS,
          });
        }
      }
    }
  }
  return out.filter((o) => o.toMs > o.fromMs && o.toMs - o.fromMs < DAY_MS);
}

/** Observers sorted by chainage, for "who could have seen something at chainage s, time t". */
export class ObserverIndex {
  private readonly sorted: Observer[];

  constructor(observers: readonly Observer[]) {
    this.sorted = [...observers].sort(
      (a, b) => a.chainageM - b.chainageM || (a.id < b.id ? -1 : 1),
    );
  }

  get all(): readonly Observer[] {
    return this.sorted;
  }

  /** Observers active at `tMs` whose chainage is within `reachM` of `chainageM`. */
  near(chainageM: number, reachM: number, tMs: number): Observer[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.chainageM < chainageM - reachM) lo = mid + 1;
      else hi = mid;
    }
    const out: Observer[] = [];
    for (let i = lo; i < this.sorted.length; i++) {
      const o = this.sorted[i]!;
      if (o.chainageM > chainageM + reachM) break;
      if (tMs >= o.fromMs && tMs < o.toMs) out.push(o);
    }
    return out;
  }
}
