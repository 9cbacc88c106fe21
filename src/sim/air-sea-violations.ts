/**
 * Violations in the air and at sea: aircraft and drones in a no-fly area, warships off a
 * maritime corridor. Seen by the air picture, maritime patrol aircraft, and cameras or patrols
 * in range.
 */
import { direct, inverse, pointInPolygon } from '../domain/geo/index.js';
import { provision } from '../domain/agreement/index.js';
import type { Observation, WeaponKind } from '../domain/observation/types.js';
import type { LonLat } from '../domain/units.js';
import { isoTime, pointObservation, remoteObservation, type Seen } from './report.js';
import { assemble, nearbyWatchers, sightingTime } from './sightings.js';
import { partyOn, randomPointIn, type Happening, type World } from './world.js';

/** A drone, helicopter or aircraft inside a no-fly area, mostly over its own side. */
export function aircraftInNoFly(world: World, tMs: number): Happening | null {
  const { rng, agreement, plane, sectors } = world;
  if (agreement.noFlyAreas.length === 0) return null;
  const area = rng.pick(agreement.noFlyAreas);
  const place = randomPointIn(rng, area.polygon);
  if (!place) return null;
  const foot = plane.nearest(plane.toXY(place));
  const party = rng.chance(0.8)
    ? partyOn(world, foot.side)
    : partyOn(world, foot.side === 'left' ? 'right' : 'left');
  const weapon = rng.weighted<WeaponKind>([
    ['drone', 7],
    ['helicopter', 1.5],
    ['aircraft', 1.5],
  ]);
  const count = weapon === 'drone' ? rng.int(1, 3) : rng.int(1, 2);
  const durationS = rng.int(2, 30) * 60;
  const seen: Seen = {
    event: 'aircraft',
    weapon,
    direction: 'in_flight',
    count,
    tMs,
    durationS,
    place,
  };
  const observations: (Observation | null)[] = [];
  if (rng.chance(weapon === 'drone' ? 0.35 : 0.9)) {
    observations.push(
      pointObservation(
        world.ctx,
        { kind: 'sensor', id: 'air-picture', clockErrorS: 1 },
        seen,
        weapon === 'drone' ? 500 : 1000,
      ),
    );
  }
  for (const o of nearbyWatchers(
    world,
    place,
    foot.chainageM,
    tMs,
    weapon === 'drone' ? 3_000 : 10_000,
    0.6,
  )) {
    observations.push(
      remoteObservation(world.ctx, o, seen, {
        weapon: rng.chance(0.7) ? weapon : 'undetermined',
        count,
        direction: 'in_flight',
        event: 'aircraft',
      }),
    );
  }
  return assemble(
    world,
    {
      eventId: world.nextEventId(),
      kind: 'aircraft_in_no_fly',
      genuine: true,
      weapon,
      time: isoTime(tMs),
      endTime: isoTime(tMs + durationS * 1000),
      sector: sectors.sectorAt(foot.chainageM),
      origin: { lon: place[0], lat: place[1], side: foot.side, party: party.id },
      count,
      provisionsViolated: [provision.noFly(area.id)],
    },
    observations,
  );
}

/**
 * A party's warship outside a maritime corridor but nearer than its keep-out distance (1 km to
 * that less 1 km from the edge). Corridors without one are left alone.
 */
export function vesselOffCorridor(world: World, tMs: number): Happening | null {
  const { rng, agreement } = world;
  const corridors = agreement.maritimeCorridors.filter(
    (c) => c.centreline && (c.militaryKeepOutKm ?? 0) > 2,
  );
  if (corridors.length === 0) return null;
  const corridor = rng.pick(corridors);
  const line = corridor.centreline!;
  const half = (corridor.widthKm ?? 10) / 2;
  const keepOut = corridor.militaryKeepOutKm!;
  let place: LonLat | null = null;
  for (let tries = 0; tries < 20 && !place; tries++) {
    const i = rng.int(0, line.length - 2);
    const a = line[i]!;
    const leg = inverse(a, line[i + 1]!);
    const on = direct(a, leg.azimuth1Deg, rng.float() * leg.distanceM);
    const candidate = direct(
      on,
      leg.azimuth1Deg + (rng.chance(0.5) ? 90 : -90),
      (half + rng.between(1, keepOut - 1)) * 1000,
    );
    const offCorridor = !corridor.polygon || !pointInPolygon(candidate, corridor.polygon);
    const atSea = !world.water || pointInPolygon(candidate, world.water);
    if (offCorridor && atSea) place = candidate;
  }
  if (!place) return null;
  const party = rng.pick(agreement.parties);
  const durationS = rng.int(1, 6) * 3600;
  const seen: Seen = {
    event: 'vessel',
    weapon: 'vessel',
    direction: 'undetermined',
    count: 1,
    tMs,
    durationS: 0,
    place,
  };
  const observations: (Observation | null)[] = [];
  if (rng.chance(0.7)) {
    observations.push(
      pointObservation(
        world.ctx,
        { kind: 'sensor', id: 'maritime-patrol-aircraft', clockErrorS: 1 },
        { ...seen, tMs: sightingTime(world, tMs, durationS) },
        500,
      ),
    );
  }
  return assemble(
    world,
    {
      eventId: world.nextEventId(),
      kind: 'vessel_off_corridor',
      genuine: true,
      weapon: 'vessel',
      time: isoTime(tMs),
      endTime: isoTime(tMs + durationS * 1000),
      sector: null,
      origin: { lon: place[0], lat: place[1], party: party.id },
      count: 1,
      provisionsViolated: [provision.maritime(corridor.id)],
    },
    observations,
  );
}
