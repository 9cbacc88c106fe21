/**
 * Shared by the generators of violations other than fire: when a passing patrol or drone sees a
 * lasting thing, which patrol it is, which cameras and patrols in range notice it, and how the
 * truth record and its observations are put together.
 */
import type { Observation } from '../domain/observation/types.js';
import type { LonLat } from '../domain/units.js';
import type { Observer } from './observers.js';
import type { TruthEvent } from './types.js';
import type { Happening, World } from './world.js';

const HOUR_MS = 3_600_000;

/** A random time at which a patrol or drone might see a thing present from tMs for durationS. */
export function sightingTime(world: World, tMs: number, durationS: number): number {
  return (
    Math.round((tMs + world.rng.float() * Math.min(durationS * 1000, 12 * HOUR_MS)) / 60_000) *
    60_000
  );
}

/** The patrol team ids on duty near a place, or a generic one. */
export function patrolNear(world: World, chainageM: number, tMs: number): string {
  const patrols = world.observers.near(chainageM, 60_000, tMs).filter((o) => o.kind === 'patrol');
  return patrols.length > 0 ? world.rng.pick(patrols).id : 'patrol-mobile';
}

export function assemble(
  world: World,
  truth: Omit<TruthEvent, 'observationIds'>,
  observations: (Observation | null)[],
): Happening {
  const kept = observations.filter((o): o is Observation => o !== null);
  return { truth: { ...truth, observationIds: kept.map((o) => o.id) }, observations: kept };
}

/** Cameras and patrols on duty within `rangeM` of a place that notice it with probability p. */
export function nearbyWatchers(
  world: World,
  place: LonLat,
  chainageM: number,
  tMs: number,
  rangeM: number,
  p: number,
): Observer[] {
  const xy = world.plane.toXY(place);
  return world.observers
    .near(chainageM, rangeM + 40_000, tMs)
    .filter(
      (o) =>
        o.kind !== 'acoustic' &&
        Math.hypot(o.xy[0] - xy[0], o.xy[1] - xy[1]) < rangeM &&
        world.rng.chance(p),
    );
}
