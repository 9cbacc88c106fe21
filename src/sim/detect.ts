/**
 * Which observers notice a burst of fire and what each of them reports: detection falls off
 * with distance (logistic, to nothing beyond MAX_DETECTION_M), loud weapons carry further,
 * cameras see better at night, and identification of the weapon is uncertain and sometimes
 * wrong.
 */
import type { Direction, EventKind, Observation, WeaponKind } from '../domain/observation/types.js';
import type { LonLat } from '../domain/units.js';
import {
  MAX_DETECTION_M,
  type Observer,
  type ObserverIndex,
  type ObserverKind,
} from './observers.js';
import { planarDistance, type XY } from './plane.js';
import { remoteObservation, type ReportContext, type Seen } from './report.js';
import type { SimRandom } from './random.js';

export type Loudness = 'heavy' | 'medium' | 'light';

export function loudness(weapon: WeaponKind): Loudness {
  if (weapon === 'artillery' || weapon === 'mlrs' || weapon === 'missile') return 'heavy';
  if (weapon === 'small_arms' || weapon === 'heavy_machine_gun') return 'light';
  return 'medium';
}

/** Distance at which half of the events are noticed, metres, by observer kind and loudness. */
const R50_M: Readonly<Record<ObserverKind, Readonly<Record<Loudness, number>>>> = {
  patrol: { heavy: 18_000, medium: 10_000, light: 3_000 },
  camera: { heavy: 10_000, medium: 7_000, light: 3_000 },
  acoustic: { heavy: 25_000, medium: 15_000, light: 3_000 },
};

/** Chance that an observer of this kind notices an event at this distance. */
export function detectionProbability(
  kind: ObserverKind,
  loud: Loudness,
  distanceM: number,
  night: boolean,
): number {
  if (distanceM > MAX_DETECTION_M) return 0;
  const r50 = R50_M[kind][loud];
  const best = kind === 'camera' ? (night ? 0.9 : 0.6) : kind === 'acoustic' ? 0.95 : 0.9;
  return best / (1 + Math.exp((distanceM - r50) / (0.15 * r50)));
}

const CONFUSED_WITH: Partial<Record<WeaponKind, WeaponKind>> = {
  mortar: 'artillery',
  artillery: 'mortar',
  mlrs: 'artillery',
  tank: 'artillery',
  anti_tank: 'tank',
  grenade_launcher: 'mortar',
  heavy_machine_gun: 'small_arms',
  small_arms: 'heavy_machine_gun',
};

/** What the observer makes of the weapon: often "undetermined", now and then wrong. */
export function perceiveWeapon(
  rng: SimRandom,
  kind: ObserverKind,
  distanceM: number,
  weapon: WeaponKind,
  calibreMm: number | undefined,
): { weapon: WeaponKind; calibreMm?: number } {
  const light = loudness(weapon) === 'light';
  const identify =
    kind === 'patrol'
      ? light
        ? 0.85
        : distanceM < 8_000
          ? 0.55
          : 0.15
      : kind === 'acoustic'
        ? ['mortar', 'artillery', 'mlrs'].includes(weapon)
          ? 0.5
          : 0
        : 0.2;
  if (!rng.chance(identify)) return { weapon: 'undetermined' };
  const confused = CONFUSED_WITH[weapon];
  if (confused && rng.chance(0.12)) return { weapon: confused };
  if (kind === 'patrol' && calibreMm !== undefined && rng.chance(0.5)) return { weapon, calibreMm };
  return { weapon };
}

/** One burst of fire as it truly happened. */
export interface Fire {
  readonly weapon: WeaponKind;
  readonly calibreMm?: number;
  readonly count: number;
  readonly tMs: number;
  readonly durationS: number;
  readonly chainageM: number;
  readonly origin: { readonly xy: XY; readonly position: LonLat };
  /** Absent for small arms and machine guns, heard only where they fire. */
  readonly impact?: { readonly xy: XY; readonly position: LonLat };
  readonly night: boolean;
}

function reportedEvent(
  fire: Fire,
  o: Observer,
  end: 'impact' | 'origin',
): { event: EventKind; direction: Direction } {
  const light = loudness(fire.weapon) === 'light';
  if (light)
    return {
      event: fire.count <= 2 ? 'small_arms_shot' : 'small_arms_burst',
      direction: 'undetermined',
    };
  if (end === 'impact') return { event: 'explosion', direction: 'impact' };
  return {
    event: o.kind === 'camera' && fire.night ? 'muzzle_flash' : 'explosion',
    direction: 'outgoing',
  };
}

/**
 * Every observation `fire` gives rise to among the observers on duty near it. For a shot with both
 * ends, `endsHeard` (when given) gets the end each report of undetermined direction truly heard.
 */
export function observeFire(
  ctx: ReportContext,
  index: ObserverIndex,
  fire: Fire,
  endsHeard?: Map<string, 'origin' | 'impact'>,
): Observation[] {
  const { rng } = ctx;
  const out: Observation[] = [];
  const loud = loudness(fire.weapon);
  for (const o of index.near(fire.chainageM, MAX_DETECTION_M + 40_000, fire.tMs)) {
    let noticed = false;
    for (const end of ['impact', 'origin'] as const) {
      const at = end === 'impact' ? fire.impact : fire.origin;
      if (!at || (end === 'origin' && fire.weapon === 'drone')) continue;
      const d = planarDistance(o.xy, at.xy);
      if (!rng.chance(detectionProbability(o.kind, loud, d, fire.night))) continue;
      noticed = true;
      const { event, direction: trueDirection } = reportedEvent(fire, o, end);
      const direction: Direction =
        o.kind === 'acoustic' && trueDirection !== 'undetermined' && rng.chance(0.3)
          ? 'undetermined'
          : trueDirection;
      const seen: Seen = { ...fire, event, direction: trueDirection, place: at.position };
      const share =
        o.kind === 'acoustic'
          ? rng.between(0.8, 1)
          : o.kind === 'camera'
            ? rng.between(0.5, 1)
            : rng.between(0.6, 1.05);
      const weapon = perceiveWeapon(rng, o.kind, d, fire.weapon, fire.calibreMm);
      const obs = remoteObservation(ctx, o, seen, {
        ...weapon,
        count: fire.count * share,
        direction,
        event,
      });
      if (!obs) continue;
      out.push(obs);
      if (direction === 'undetermined' && fire.impact) endsHeard?.set(obs.id, end);
    }
    // Rockets and missiles are seen in flight at night by cameras that saw neither end.
    if (
      !noticed &&
      fire.impact &&
      o.kind === 'camera' &&
      fire.night &&
      (fire.weapon === 'mlrs' || fire.weapon === 'missile')
    ) {
      const mid: XY = [
        (fire.origin.xy[0] + fire.impact.xy[0]) / 2,
        (fire.origin.xy[1] + fire.impact.xy[1]) / 2,
      ];
      if (planarDistance(o.xy, mid) < 12_000 && rng.chance(0.6)) {
        const midPosition: LonLat = [
          (fire.origin.position[0] + fire.impact.position[0]) / 2,
          (fire.origin.position[1] + fire.impact.position[1]) / 2,
        ];
        const seen: Seen = {
          ...fire,
          event: 'projectile_in_flight',
          direction: 'in_flight',
          place: midPosition,
        };
        const obs = remoteObservation(ctx, o, seen, {
          weapon: 'undetermined',
          count: fire.count * rng.between(0.5, 1),
          direction: 'in_flight',
          event: 'projectile_in_flight',
        });
        if (obs) out.push(obs);
      }
    }
  }
  return out;
}
