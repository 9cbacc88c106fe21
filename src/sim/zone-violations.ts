/**
 * Violations of the agreement's zones on the ground: heavy weapons parked inside their
 * withdrawal distance, troops in a disengagement area, and (only in a planted escalation)
 * armour crossing the line.
 */
import { distanceToLine, sideOfLine } from '../domain/geo/index.js';
import { provision, type WithdrawalDistance } from '../domain/agreement/index.js';
import type { Observation, WeaponKind } from '../domain/observation/types.js';
import { placeOffLine } from './observers.js';
import { evidenceHash, isoTime, pointObservation, remoteObservation, type Seen } from './report.js';
import { assemble, nearbyWatchers, patrolNear, sightingTime } from './sightings.js';
import type { TruthEvent } from './types.js';
import { partyOn, provisionsBroken, randomPointIn, type Happening, type World } from './world.js';

/** Calibres the simulator gives each weapon class, millimetres. */
const CALIBRES: Partial<Record<WeaponKind, readonly number[]>> = {
  mortar: [82, 120],
  artillery: [85, 100, 122, 152, 203],
  tank: [125],
  mlrs: [122, 220, 300],
};

/** A calibre the rule covers, or undefined when the class has none. */
function calibreFor(world: World, rule: WithdrawalDistance): number | undefined {
  const fits = (CALIBRES[rule.weaponClass] ?? []).filter(
    (c) =>
      (rule.minCalibreMm === undefined || c >= rule.minCalibreMm) &&
      (rule.maxCalibreMm === undefined || c <= rule.maxCalibreMm),
  );
  return fits.length > 0 ? world.rng.pick(fits) : undefined;
}

/** Heavy weapons inside their withdrawal distance, on their owner's side, verified geodesically. */
export function heavyWeaponsInZone(
  world: World,
  tMs: number,
  escalation: boolean,
): Happening | null {
  const { rng, plane, sectors, agreement } = world;
  const rules = agreement.withdrawalDistances;
  if (rules.length === 0) return null;
  const rule = rng.pick(rules);
  const calibreMm = calibreFor(world, rule);
  const party = rng.pick(agreement.parties);
  const limitM = rule.distanceKm * 1000;
  const sector = rng.pick(sectors.sectors);
  let at = null;
  for (let tries = 0; tries < 10 && !at; tries++) {
    const candidate = placeOffLine(
      plane,
      () => sectors.randomChainage(rng, sector),
      party.side,
      () => rng.between(0.02, 0.95) * limitM,
      world.water,
    );
    if (!candidate) continue;
    const exact = distanceToLine(candidate.position, agreement.lineOfContact).distanceM;
    if (exact < limitM && sideOfLine(candidate.position, agreement.lineOfContact) === party.side)
      at = candidate;
  }
  if (!at) return null;
  const count = rng.int(1, 12);
  const durationS = rng.int(6, 72) * 3600;
  const weapon = rule.weaponClass;
  const observations: (Observation | null)[] = [];
  const seen = (t: number): Seen => ({
    event: 'weapon_sighting',
    weapon,
    ...(calibreMm !== undefined ? { calibreMm } : {}),
    direction: 'undetermined',
    count,
    tMs: t,
    durationS: 0,
    place: at.position,
  });
  if (rng.chance(0.45)) {
    const t = sightingTime(world, tMs, durationS);
    const patrol = patrolNear(world, at.chainageM, t);
    const evidence = rng.chance(0.7)
      ? { evidence: [{ sha256: evidenceHash(rng), mediaType: 'image/jpeg' }] }
      : {};
    observations.push(
      pointObservation(
        world.ctx,
        { kind: 'monitor', id: patrol },
        { ...seen(t), count: Math.max(1, count - rng.int(0, 2)) },
        300,
        evidence,
      ),
    );
  }
  if (rng.chance(0.35)) {
    const t = sightingTime(world, tMs, durationS);
    observations.push(
      pointObservation(
        world.ctx,
        { kind: 'sensor', id: 'uav-imagery', clockErrorS: 1 },
        seen(t),
        50,
        { evidence: [{ sha256: evidenceHash(rng), mediaType: 'image/tiff' }] },
      ),
    );
  }
  const truth: Omit<TruthEvent, 'observationIds'> = {
    eventId: world.nextEventId(),
    kind: 'heavy_weapon_in_withdrawal_zone',
    genuine: true,
    weapon,
    ...(calibreMm !== undefined ? { calibreMm } : {}),
    time: isoTime(tMs),
    endTime: isoTime(tMs + durationS * 1000),
    sector: sectors.sectorAt(at.chainageM),
    origin: { lon: at.position[0], lat: at.position[1], side: party.side, party: party.id },
    count,
    provisionsViolated: provisionsBroken(world, weapon, calibreMm, at, undefined, false),
    ...(escalation ? { escalation: true as const } : {}),
  };
  return assemble(world, truth, observations);
}

/** Troops of one party inside a disengagement area for a few hours. */
export function troopsInDisengagementArea(world: World, tMs: number): Happening | null {
  const { rng, agreement, plane, sectors } = world;
  if (agreement.disengagementAreas.length === 0) return null;
  const area = rng.pick(agreement.disengagementAreas);
  const place = randomPointIn(rng, area.polygon);
  if (!place) return null;
  const party = rng.pick(agreement.parties);
  const count = rng.int(4, 40);
  const durationS = rng.int(1, 8) * 3600;
  const foot = plane.nearest(plane.toXY(place));
  const seen: Seen = {
    event: 'troop_presence',
    weapon: 'small_arms',
    direction: 'undetermined',
    count,
    tMs,
    durationS: 0,
    place,
  };
  const observations: (Observation | null)[] = [];
  if (rng.chance(0.6)) {
    const t = sightingTime(world, tMs, durationS);
    observations.push(
      pointObservation(
        world.ctx,
        { kind: 'monitor', id: patrolNear(world, foot.chainageM, t) },
        { ...seen, tMs: t, count: Math.max(1, Math.round(count * rng.between(0.6, 1.2))) },
        200,
      ),
    );
  }
  for (const o of nearbyWatchers(world, place, foot.chainageM, tMs, 6_000, 0.5)) {
    observations.push(
      remoteObservation(world.ctx, o, seen, {
        weapon: 'undetermined',
        count: count * rng.between(0.5, 1),
        direction: 'undetermined',
        event: 'troop_presence',
      }),
    );
  }
  return assemble(
    world,
    {
      eventId: world.nextEventId(),
      kind: 'troops_in_disengagement_area',
      genuine: true,
      weapon: 'small_arms',
      time: isoTime(tMs),
      endTime: isoTime(tMs + durationS * 1000),
      sector: sectors.sectorAt(foot.chainageM),
      origin: { lon: place[0], lat: place[1], side: foot.side, party: party.id },
      count,
      provisionsViolated: [provision.disengagement(area.id)],
    },
    observations,
  );
}

/** Tanks crossing the line: only ever planted inside an escalation episode. */
export function armourCrossing(world: World, tMs: number, sector: string | null): Happening | null {
  const { rng, plane, sectors } = world;
  const side = rng.chance(0.5) ? 'left' : 'right';
  const from = placeOffLine(
    plane,
    () => sectors.randomChainage(rng, sector),
    side,
    () => rng.between(1_000, 3_000),
    world.water,
  );
  if (!from) return null;
  const toXY = plane.offset(
    from.chainageM,
    side === 'left' ? 'right' : 'left',
    rng.between(1_000, 4_000),
  );
  const to = { xy: toXY, position: plane.toLonLat(toXY) };
  const count = rng.int(5, 20);
  const party = partyOn(world, side);
  const seen: Seen = {
    event: 'weapon_sighting',
    weapon: 'tank',
    calibreMm: 125,
    direction: 'undetermined',
    count,
    tMs,
    durationS: 1800,
    place: to.position,
  };
  const observations: (Observation | null)[] = [
    pointObservation(world.ctx, { kind: 'sensor', id: 'uav-imagery', clockErrorS: 1 }, seen, 100),
  ];
  for (const o of nearbyWatchers(world, to.position, from.chainageM, tMs, 8_000, 0.8)) {
    observations.push(
      remoteObservation(world.ctx, o, seen, {
        weapon: 'tank',
        count: count * rng.between(0.5, 1),
        direction: 'undetermined',
        event: 'weapon_sighting',
      }),
    );
  }
  return assemble(
    world,
    {
      eventId: world.nextEventId(),
      kind: 'armour_crossing_line',
      genuine: true,
      weapon: 'tank',
      calibreMm: 125,
      time: isoTime(tMs),
      endTime: isoTime(tMs + 1_800_000),
      sector: sectors.sectorAt(from.chainageM),
      origin: { lon: from.position[0], lat: from.position[1], side, party: party.id },
      impact: {
        lon: to.position[0],
        lat: to.position[1],
        side: side === 'left' ? 'right' : 'left',
      },
      count,
      provisionsViolated: [
        provision.ceasefire,
        ...provisionsBroken(world, 'tank', 125, from, to, false),
      ],
      escalation: true,
    },
    observations,
  );
}
