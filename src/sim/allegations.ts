/**
 * What the parties file: complaints that the other side fired on them. A party reports some of
 * the rounds that land on its side, exaggerating the count and sometimes the weapon; it blames
 * the other side even when its own rounds fell short; and now and then it reports shelling that
 * never happened.
 */
import type { Party } from '../domain/agreement/index.js';
import type { Observation, WeaponKind } from '../domain/observation/types.js';
import type { Fire } from './detect.js';
import { loudness } from './detect.js';
import { placeOffLine } from './observers.js';
import type { LineSide } from './plane.js';
import { isoTime, pointObservation } from './report.js';
import type { TruthEvent } from './types.js';
import { otherSideOf, partyOn, type Happening, type World } from './world.js';

const QUARTER_HOUR_MS = 900_000;

/** The weapon a party names: the true one mostly, a heavier one when it wants to be heard. */
const ESCALATED: Partial<Record<WeaponKind, WeaponKind>> = {
  small_arms: 'heavy_machine_gun',
  grenade_launcher: 'mortar',
  mortar: 'artillery',
  artillery: 'mlrs',
  drone: 'artillery',
};

function complaint(
  world: World,
  by: Party,
  accused: Party,
  place: readonly [number, number],
  tMs: number,
  durationS: number,
  weapon: WeaponKind,
  calibreMm: number | undefined,
  count: number,
): Observation | null {
  const { rng } = world;
  const named = rng.chance(0.3) ? (ESCALATED[weapon] ?? weapon) : weapon;
  const claimedCount = Math.max(1, Math.round(count * rng.between(1, 1.8)));
  const from = Math.floor((tMs - rng.between(0, 10) * 60_000) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const to =
    Math.ceil((tMs + durationS * 1000 + rng.between(0, 20) * 60_000) / QUARTER_HOUR_MS) *
    QUARTER_HOUR_MS;
  const radiusM = rng.pick([500, 1000, 2000, 3000]);
  const obs = pointObservation(
    world.ctx,
    { kind: 'party', id: `${by.id}-liaison`, party: by.id },
    {
      event: loudness(weapon) === 'light' ? 'small_arms_burst' : 'explosion',
      weapon: named,
      ...(named === weapon && calibreMm !== undefined ? { calibreMm } : {}),
      direction: loudness(weapon) === 'light' ? 'undetermined' : 'impact',
      count: claimedCount,
      tMs: from,
      durationS: (to - from) / 1000,
      place,
    },
    radiusM,
    {
      visibility: 'party-confidential',
      text: `${by.name}: ${claimedCount} × ${named.replace(/_/g, ' ')} fire on our positions at ${isoTime(tMs)}; fired by: ${accused.name}`,
    },
  );
  return obs;
}

/**
 * The reports the parties file about one burst of fire: the side it landed on (or, for small
 * arms, the side it was aimed at) complains about the other side, whoever actually fired.
 */
export function reportsByParties(
  world: World,
  shot: Fire,
  firingSide: LineSide,
  impactSide: LineSide | undefined,
): Observation[] {
  const { rng } = world;
  const victimSide = impactSide ?? otherSideOf(firingSide);
  const ownGoal = victimSide === firingSide;
  const chance = ownGoal
    ? 0.5
    : loudness(shot.weapon) === 'light'
      ? 0.04
      : loudness(shot.weapon) === 'medium'
        ? 0.15
        : 0.3;
  if (!rng.chance(chance)) return [];
  const by = partyOn(world, victimSide);
  const accused = partyOn(world, otherSideOf(victimSide));
  const place = shot.impact?.position ?? shot.origin.position;
  const obs = complaint(
    world,
    by,
    accused,
    place,
    shot.tMs,
    shot.durationS,
    shot.weapon,
    shot.calibreMm,
    shot.count,
  );
  return obs ? [obs] : [];
}

/** A complaint about shelling that never happened, with its own (non-genuine) truth record. */
export function falseAllegation(world: World, by: Party, tMs: number): Happening | null {
  const { rng, plane, sectors } = world;
  const side = by.side;
  const sector = rng.pick(sectors.sectors);
  const at = placeOffLine(
    plane,
    () => sectors.randomChainage(rng, sector),
    side,
    () => rng.between(500, 10_000),
    world.water,
  );
  if (!at) return null;
  const accused = partyOn(world, otherSideOf(side));
  const weapon = rng.weighted<WeaponKind>([
    ['mortar', 4],
    ['artillery', 4],
    ['mlrs', 1],
    ['tank', 1],
    ['drone', 2],
  ]);
  const count = rng.int(3, 30);
  const obs = complaint(world, by, accused, at.position, tMs, count * 30, weapon, undefined, count);
  if (!obs) return null;
  const truth: TruthEvent = {
    eventId: world.nextEventId(),
    kind: 'false_allegation',
    genuine: false,
    weapon,
    time: isoTime(tMs),
    sector: sectors.sectorAt(at.chainageM),
    impact: { lon: at.position[0], lat: at.position[1], side, party: by.id },
    count,
    provisionsViolated: [],
    observationIds: [obs.id],
    allegedBy: by.id,
  };
  return { truth, observations: [obs] };
}
