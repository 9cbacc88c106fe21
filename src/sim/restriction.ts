/**
 * Restrictions of the monitors' freedom of movement: a patrol stopped, delayed or turned back
 * at a checkpoint, and reporting it.
 */
import { provision } from '../domain/agreement/index.js';
import { placeOffLine } from './observers.js';
import { isoTime, pointObservation, type Seen } from './report.js';
import { assemble, patrolNear } from './sightings.js';
import { partyOn, type Happening, type World } from './world.js';

const RESTRICTIONS = [
  'denied_passage',
  'delayed_at_checkpoint',
  'road_not_demined',
  'escorted_away',
] as const;

/** Monitors stopped at a checkpoint 1-8 km from the line; the patrol reports it. */
export function restriction(world: World, tMs: number): Happening | null {
  const { rng, plane, sectors } = world;
  const sector = rng.pick(sectors.sectors);
  const side = rng.chance(0.5) ? 'left' : 'right';
  const at = placeOffLine(
    plane,
    () => sectors.randomChainage(rng, sector),
    side,
    () => rng.between(1_000, 8_000),
    world.water,
  );
  if (!at) return null;
  const party = partyOn(world, side);
  const kind = rng.pick(RESTRICTIONS);
  const seen: Seen = {
    event: 'restriction',
    weapon: 'undetermined',
    direction: 'undetermined',
    count: 1,
    tMs,
    durationS: 0,
    place: at.position,
  };
  const obs = pointObservation(
    world.ctx,
    { kind: 'monitor', id: patrolNear(world, at.chainageM, tMs) },
    seen,
    50,
    {
      restriction: { kind, party: party.id },
      text: `Patrol ${kind.replace(/_/g, ' ')} by ${party.name} forces`,
    },
  );
  return assemble(
    world,
    {
      eventId: world.nextEventId(),
      kind: 'restriction',
      genuine: true,
      weapon: 'undetermined',
      time: isoTime(tMs),
      sector: sectors.sectorAt(at.chainageM),
      origin: { lon: at.position[0], lat: at.position[1], side, party: party.id },
      count: 1,
      provisionsViolated: [provision.freedomOfMovement],
    },
    [obs],
  );
}
