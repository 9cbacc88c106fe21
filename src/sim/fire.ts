/**
 * Fire across the line: who fires what from where, where it lands, and whether the other side
 * answers. Ranges follow the weapons: small arms and machine guns from trenches within a
 * kilometre or so of the line, mortars from a few kilometres, tube artillery from 3-20 km,
 * rocket launchers from 8-35 km.
 */
import type { WeaponKind } from '../domain/observation/types.js';
import { observeFire, type Fire } from './detect.js';
import { placeOffLine } from './observers.js';
import type { LineSide } from './plane.js';
import { isoTime } from './report.js';
import { reportsByParties } from './allegations.js';
import { isNight, RETURN_FIRE_CHANCE } from './tempo.js';
import type { TruthEvent, TruthKind } from './types.js';
import { otherSideOf, partyOn, provisionsBroken, type Happening, type World } from './world.js';

interface WeaponProfile {
  readonly weight: number;
  readonly calibres: readonly number[];
  /** Firing position's distance from the line, km. */
  readonly originKm: readonly [number, number];
  /** Impact's distance from the line on the target side, km; absent: heard only where fired. */
  readonly impactKm?: readonly [number, number];
  /** Mean rounds (or bursts) per event. */
  readonly meanCount: number;
  /** Seconds per round (or burst), a range. */
  readonly secondsPerRound: readonly [number, number];
}

export const FIRE_MIX: Readonly<Partial<Record<WeaponKind, WeaponProfile>>> = {
  small_arms: {
    weight: 30,
    calibres: [],
    originKm: [0.1, 1],
    meanCount: 8,
    secondsPerRound: [5, 60],
  },
  heavy_machine_gun: {
    weight: 9,
    calibres: [12.7],
    originKm: [0.3, 1.5],
    meanCount: 5,
    secondsPerRound: [10, 60],
  },
  grenade_launcher: {
    weight: 7,
    calibres: [30],
    originKm: [0.3, 1.5],
    impactKm: [0.1, 1],
    meanCount: 4,
    secondsPerRound: [5, 30],
  },
  mortar: {
    weight: 20,
    calibres: [82, 120],
    originKm: [0.5, 4],
    impactKm: [0.2, 3],
    meanCount: 6,
    secondsPerRound: [10, 60],
  },
  artillery: {
    weight: 15,
    calibres: [122, 122, 152, 152, 100],
    originKm: [3, 20],
    impactKm: [0.5, 10],
    meanCount: 8,
    secondsPerRound: [15, 90],
  },
  tank: {
    weight: 4,
    calibres: [125],
    originKm: [0.5, 3],
    impactKm: [0.3, 2],
    meanCount: 3,
    secondsPerRound: [20, 120],
  },
  anti_tank: {
    weight: 4,
    calibres: [],
    originKm: [0.3, 2],
    impactKm: [0.2, 1.5],
    meanCount: 1.5,
    secondsPerRound: [30, 120],
  },
  mlrs: {
    weight: 2.5,
    calibres: [122, 122, 122, 122, 122, 220],
    originKm: [8, 35],
    impactKm: [1, 15],
    meanCount: 20,
    secondsPerRound: [0.5, 2],
  },
  drone: {
    weight: 8,
    calibres: [],
    originKm: [2, 10],
    impactKm: [0.5, 15],
    meanCount: 1.5,
    secondsPerRound: [30, 300],
  },
  missile: {
    weight: 0.5,
    calibres: [],
    originKm: [30, 90],
    impactKm: [10, 60],
    meanCount: 1,
    secondsPerRound: [1, 1],
  },
};

const MIX = Object.entries(FIRE_MIX).map(([w, p]) => [w as WeaponKind, p.weight] as const);

function truthKind(weapon: WeaponKind, profile: WeaponProfile): TruthKind {
  if (!profile.impactKm) return 'small_arms_fire';
  return ['grenade_launcher', 'tank', 'anti_tank'].includes(weapon)
    ? 'direct_fire'
    : 'indirect_fire';
}

export interface FireSpec {
  readonly tMs: number;
  readonly sector: string | null;
  readonly side?: LineSide;
  readonly chainageM?: number;
  readonly escalation: boolean;
  /** How many answers deep this is (return fire to return fire...). */
  readonly depth?: number;
}

/**
 * One fire event and what follows from it: the observations, the parties' reports and, now and
 * then, return fire. Returns nothing when no firing position on land could be found.
 */
export function fire(world: World, spec: FireSpec): Happening[] {
  const { rng, plane, sectors } = world;
  const weapon = rng.weighted(MIX);
  const profile = FIRE_MIX[weapon]!;
  const calibreMm = profile.calibres.length > 0 ? rng.pick(profile.calibres) : undefined;
  const side = spec.side ?? (rng.chance(0.5) ? 'left' : 'right');
  const near = spec.chainageM;
  const origin = placeOffLine(
    plane,
    () =>
      near === undefined
        ? sectors.randomChainage(rng, spec.sector)
        : near + rng.between(-3_000, 3_000),
    side,
    () => rng.between(profile.originKm[0], profile.originKm[1]) * 1000,
    world.water,
  );
  if (!origin) return [];
  let impact: { xy: readonly [number, number]; position: readonly [number, number] } | undefined;
  let impactSide: LineSide | undefined;
  if (profile.impactKm) {
    const [lo, hi] = profile.impactKm;
    impactSide = rng.chance(0.12) ? side : otherSideOf(side);
    const s = origin.chainageM + rng.between(-3_000, 3_000);
    const xy = plane.offset(s, impactSide, rng.between(lo, hi) * 1000);
    impact = { xy, position: plane.toLonLat(xy) };
    impactSide = plane.nearest(xy).side;
  }
  const count = rng.geometric(profile.meanCount);
  const durationS = Math.min(
    5400,
    Math.round(count * rng.between(profile.secondsPerRound[0], profile.secondsPerRound[1])),
  );
  const localHour = (spec.tMs / 3_600_000 + world.utcOffsetH) % 24;
  const shot: Fire = {
    weapon,
    ...(calibreMm !== undefined ? { calibreMm } : {}),
    count,
    tMs: spec.tMs,
    durationS,
    chainageM: origin.chainageM,
    origin,
    ...(impact ? { impact } : {}),
    night: isNight(localHour),
  };
  const endsHeard = new Map<string, 'origin' | 'impact'>();
  const observations = observeFire(world.ctx, world.observers, shot, endsHeard);
  const firer = partyOn(world, side);
  const hit = impactSide ? partyOn(world, impactSide) : undefined;
  const truthBase: Omit<TruthEvent, 'observationIds'> = {
    eventId: world.nextEventId(),
    kind: truthKind(weapon, profile),
    genuine: true,
    weapon,
    ...(calibreMm !== undefined ? { calibreMm } : {}),
    time: isoTime(spec.tMs),
    endTime: isoTime(spec.tMs + durationS * 1000),
    sector: sectors.sectorAt(origin.chainageM),
    origin: { lon: origin.position[0], lat: origin.position[1], side, party: firer.id },
    ...(impact && impactSide && hit
      ? {
          impact: {
            lon: impact.position[0],
            lat: impact.position[1],
            side: impactSide,
            party: hit.id,
          },
        }
      : {}),
    count,
    provisionsViolated: provisionsBroken(
      world,
      weapon,
      calibreMm,
      origin,
      // A drone flies to where it strikes; a shell or rocket only lands there.
      weapon === 'drone' ? impact : undefined,
      true,
    ),
    ...(spec.escalation ? { escalation: true as const } : {}),
    ...(endsHeard.size > 0 ? { endsHeard: Object.fromEntries(endsHeard) } : {}),
  };
  const partyReports = reportsByParties(world, shot, side, impactSide);
  const truth: TruthEvent = {
    ...truthBase,
    observationIds: [...observations, ...partyReports].map((o) => o.id),
  };
  const out: Happening[] = [{ truth, observations: [...observations, ...partyReports] }];
  const depth = spec.depth ?? 0;
  if (depth < 3 && rng.chance(RETURN_FIRE_CHANCE)) {
    const tMs = Math.round((spec.tMs + rng.between(2, 40) * 60_000) / 1000) * 1000;
    if (tMs < world.ctx.endMs) {
      out.push(
        ...fire(world, {
          tMs,
          sector: truthBase.sector,
          side: otherSideOf(side),
          chainageM: origin.chainageM,
          escalation: spec.escalation,
          depth: depth + 1,
        }),
      );
    }
  }
  return out;
}
