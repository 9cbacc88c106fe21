/**
 * Which provisions of the agreement an incident touches, each with what was measured, the limit,
 * a sentence for the report, and a confidence (0..1): the weight of the evidence (who reported
 * it) times, for a measured place, the probability that the place is on the wrong side of the
 * limit given its uncertainty (the 90 % radius read as a circular Gaussian, 1D across the limit).
 *
 * Provisions and what triggers them (ids as agreement/provisions.ts names them):
 * - `ceasefire`: any fire (explosion, projectile, muzzle flash, small arms). Flares are not fire.
 * - `withdrawal:<id>`: a weapon of a withdrawn class and calibre whose position (the origin of its
 *   fire, or where it was seen) is nearer the line than the rule's distance. Every rule covering
 *   the weapon is its own provision (a 220 mm MLRS at 50 km breaks both the 70 km MLRS rule and
 *   the 140 km heavy-MLRS one); a rule with a calibre bound covers an unstated calibre as likely
 *   as the weapons reference (weapons.ts) makes it, a rule without one covers it fully. Where the
 *   firing position is not placed, or placed loosely, the place the named weapon's round was heard
 *   (landing, in flight, either end) bounds it: within the weapon's range of there. Whose weapon
 *   it is is not asked: each side withdraws on its own.
 * - `security_zone`: heavy weapons (a class some withdrawal rule covers) within `widthKm` of the
 *   line, either side, seen or firing (or, as for withdrawal, fired from within range of where it
 *   was heard): the zone is the one the withdrawals keep clear. Troops, and
 *   weapons identified as a class no rule withdraws, are not banned from it. A weapon not
 *   identified (seen, or firing from the place) is matched as one that may be heavy, at half the
 *   evidence's weight (UNNAMED_HEAVY): shown, not claimed.
 * - `disengagement:<id>`: weapons, troops or outgoing fire inside a disengagement area (fire that
 *   only lands in one breaks the ceasefire: it puts nothing of the firer inside).
 * - `no_fly:<id>`: an aircraft, helicopter or drone (seen, or striking) inside a no-fly area.
 *   Altitude is not reported, so floors and ceilings are not checked.
 * - `maritime:<id>`: fire landing inside a maritime corridor, or a (war)ship inside one or nearer
 *   than its `militaryKeepOutKm`: the corridors are for safe passage, and the parties' vessels
 *   keep away from them (merchant shipping is not reported as an observation).
 * - `freedom_of_movement`: a restriction of the monitors' movement.
 * Positions: the origin estimate when given, else the incident's own place for outgoing fire and
 * sightings. Impacts alone place no weapon; a named one's range bounds it (withdrawal, zone).
 */
import {
  provision,
  withdrawalRuleCovers,
  type Agreement,
  type MaritimeCorridor,
} from '../agreement/index.js';
import { distanceToLine, pointInPolygon, type Region } from '../geo/index.js';
import { isMissionSource, type Incident } from '../fusion/index.js';
import type { EventKind, Observation, SourceKind, WeaponKind } from '../observation/types.js';
import type { LonLat, PolygonCoords } from '../units.js';
import type { OriginEstimate } from './origin.js';
import { shareInside, type SamplingOptions } from './sampling.js';
import { withinLimit, withinOfLine } from './limits.js';
import { placeLaw, type LinePrior } from './line-distance.js';
import {
  firedWithin,
  coveredShare,
  systemsFor,
  WEAPON_CATALOGUE,
  type WeaponCatalogue,
  type WeaponSystem,
} from './weapons.js';

export type ProvisionKind =
  | 'ceasefire'
  | 'withdrawal'
  | 'security_zone'
  | 'disengagement'
  | 'no_fly'
  | 'maritime'
  | 'freedom_of_movement';

export interface ProvisionMatch {
  readonly provisionId: string;
  readonly kind: ProvisionKind;
  readonly measured: {
    readonly quantity: string;
    readonly value: number;
    readonly unit: string;
    readonly limit?: number;
  };
  readonly text: string;
  readonly confidence: number;
}

export interface ProvisionOptions extends SamplingOptions {
  /** Where the incident's fire came from (estimateOrigin); places the weapon for withdrawal and zones. */
  readonly origin?: OriginEstimate | null;
  /**
   * The reports the incident is made of (others are ignored): who named its weapon. Without them
   * the weapon is taken at the weight of the incident's evidence.
   */
  readonly members?: readonly Observation[];
  /** The weapons reference for calibres and ranges; default WEAPON_CATALOGUE. */
  readonly weapons?: WeaponCatalogue;
  /**
   * Where the mission has found fire of each class landing (line-distance.ts): reads a named
   * weapon heard at a place known only as a region (a lone bearing) for its range bound. Without
   * it every part of the region is as likely.
   */
  readonly linePrior?: LinePrior;
  /** Matches below this confidence are dropped; default 0.05. */
  readonly minConfidence?: number;
}

/**
 * A match at or above this confidence is claimed: the mission says the provision was broken
 * (daily reports, alert thresholds, the evaluation). Below it, a match is shown as possible.
 */
export const CLAIMED_AT = 0.5;

/** Weight of the evidence by who reported it: the mission's own, open sources, a party alone. */
export const EVIDENCE_WEIGHT = { mission: 0.95, osint: 0.6, party: 0.3 } as const;

const FIRE: ReadonlySet<EventKind> = new Set([
  'explosion',
  'projectile_in_flight',
  'muzzle_flash',
  'small_arms_burst',
  'small_arms_shot',
]);
const PRESENCE: ReadonlySet<EventKind> = new Set(['weapon_sighting', 'troop_presence']);
const AIRBORNE: ReadonlySet<WeaponKind> = new Set(['aircraft', 'helicopter', 'drone']);
/**
 * Chance that a weapon nobody named, seen or firing, is a heavy one: an even call. Such a match
 * is shown (it may be heavy) but stays under the line where a provision is claimed.
 */
export const UNNAMED_HEAVY = 0.5;
export function evidenceWeight(kinds: readonly SourceKind[]): number {
  if (kinds.some(isMissionSource)) return EVIDENCE_WEIGHT.mission;
  return kinds.includes('osint') ? EVIDENCE_WEIGHT.osint : EVIDENCE_WEIGHT.party;
}

/**
 * How far the incident's weapon can be relied on: the weight of the best source that named it
 * (a weapon named only by a party is a party's word, however the event itself was seen), times
 * its share of the weighted votes of the reports that named any weapon (one patrol's "mortar"
 * against a sensor's "artillery" is an even call).
 */
export function weaponWeight(incident: Incident, members: readonly Observation[]): number {
  const ids = new Set(incident.observationIds);
  const named: SourceKind[] = [];
  let agree = 0;
  let all = 0;
  for (const o of members) {
    if (!ids.has(o.id) || o.weapon === 'undetermined') continue;
    const w = evidenceWeight([o.source.kind]);
    all += w;
    if (o.weapon === incident.weapon) {
      agree += w;
      named.push(o.source.kind);
    }
  }
  return all > 0 && named.length > 0 ? (evidenceWeight(named) * agree) / all : 0;
}

const km = (m: number) => (m / 1000).toFixed(1);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

interface Place {
  readonly location: LonLat;
  readonly radius90M: number;
  readonly region: Region;
  readonly what: string;
}

export function matchProvisions(
  incident: Incident,
  agreement: Agreement,
  options: ProvisionOptions = {},
): ProvisionMatch[] {
  const evidence = evidenceWeight(incident.sourceKinds);
  // What rests on the weapon's identity (withdrawal, a heavy weapon in the zone) weighs by who
  // named it rather than by who saw the event.
  const named =
    incident.weapon === 'undetermined'
      ? 0
      : options.members
        ? weaponWeight(incident, options.members)
        : evidence;
  const events = new Set(incident.events);
  const fire = incident.events.some((e) => FIRE.has(e));
  const weapon = incident.weapon === 'undetermined' ? 'weapon' : incident.weapon;
  const calibre = incident.calibreMm !== undefined ? ` ${incident.calibreMm} mm` : '';
  const out: ProvisionMatch[] = [];
  const push = (m: ProvisionMatch) => {
    if (m.confidence >= (options.minConfidence ?? 0.05))
      out.push({ ...m, confidence: round3(m.confidence) });
  };
  const line = agreement.lineOfContact as readonly LonLat[];

  if (fire) {
    push({
      provisionId: provision.ceasefire,
      kind: 'ceasefire',
      measured: { quantity: 'count', value: incident.count, unit: 'events' },
      text: `${incident.count} ${incident.events
        .filter((e) => FIRE.has(e))
        .join('/')
        .replaceAll('_', ' ')} (${weapon}${calibre}): any fire breaks the ceasefire`,
      confidence: evidence,
    });
  }
  if (events.has('restriction')) {
    push({
      provisionId: provision.freedomOfMovement,
      kind: 'freedom_of_movement',
      measured: { quantity: 'restrictions', value: incident.rawCounts.length, unit: 'reports' },
      text: "the monitors' freedom of movement was restricted",
      confidence: evidence,
    });
  }

  // Where the weapon or troops were: the origin of the fire, or the incident itself when it was
  // reported at the firing position or as a sighting.
  const origin = options.origin ?? null;
  const selfPlaced =
    incident.direction === 'outgoing' || incident.events.some((e) => PRESENCE.has(e));
  const place: Place | null = origin
    ? {
        location: origin.location,
        radius90M: origin.radius90M,
        region: origin.region,
        what: 'origin',
      }
    : selfPlaced
      ? {
          location: incident.location,
          radius90M: incident.radius90M,
          region: incident.region,
          what: 'position',
        }
      : null;

  // Where a named weapon's round was heard (landing, in flight, or either end) bounds where it
  // was fired from: within the weapon's range of that place (weapons.ts). Used where it says more
  // than the placed position, or where there is none (impacts alone).
  const systems =
    fire && incident.weapon !== 'undetermined'
      ? systemsFor(options.weapons ?? WEAPON_CATALOGUE, incident.weapon, incident.calibreMm)
      : [];
  const heardD = systems.length > 0 ? distanceToLine(incident.location, line).distanceM : 0;
  const verb = incident.direction === 'impact' ? 'landing' : 'heard';
  const d = place ? distanceToLine(place.location, line).distanceM : 0;
  const lawSampling = {
    grid: options.grid ?? 16,
    minPoints: Math.min(options.minPoints ?? 100, 100),
  };
  const placedLaw = place
    ? placeLaw(
        { ...place, method: place.what === 'origin' ? origin!.method : incident.locationMethod },
        line,
        lawSampling,
      )
    : () => 0;
  const landed = options.linePrior?.density(incident.weapon) ?? undefined;
  const heardLaw =
    systems.length > 0
      ? placeLaw({ ...incident, method: incident.locationMethod }, line, lawSampling, landed)
      : () => 0;
  const zoneKm = agreement.securityZone.widthKm;
  const heavy = agreement.withdrawalDistances.some((r) => r.weaponClass === incident.weapon);

  const rules =
    incident.weapon === 'undetermined'
      ? []
      : agreement.withdrawalDistances.filter((r) =>
          withdrawalRuleCovers(r, incident.weapon, incident.calibreMm, true),
        );
  for (const rule of rules) {
    const limitM = rule.distanceKm * 1000;
    const covers = (s: WeaponSystem) =>
      withdrawalRuleCovers(rule, incident.weapon, incident.calibreMm ?? s.calibreMm, false);
    const certain = withdrawalRuleCovers(rule, incident.weapon, incident.calibreMm, false);
    const coverage = certain ? 1 : systems.length > 0 ? coveredShare(systems, covers) : 0.5;
    const placed = place ? coverage * placedLaw(limitM) : 0;
    const reach = firedWithin(systems, covers, heardD, limitM, heardLaw);
    const limit = rule.distanceKm;
    const unstated = certain ? '' : ' (calibre not stated)';
    if (place && placed >= reach.p) {
      push({
        provisionId: provision.withdrawal(rule.id),
        kind: 'withdrawal',
        measured: { quantity: 'distance_to_line', value: round3(d / 1000), unit: 'km', limit },
        text: `${incident.weapon}${calibre} at ${km(d)} km from the line; limit ${limit} km${unstated}`,
        confidence: named * placed,
      });
    } else if (reach.p > 0) {
      push({
        provisionId: provision.withdrawal(rule.id),
        kind: 'withdrawal',
        measured: {
          quantity: 'greatest_distance_to_line',
          value: round3(reach.boundM / 1000),
          unit: 'km',
          limit,
        },
        text: `${incident.weapon}${calibre} ${verb} ${km(heardD)} km from the line: fired from within ${km(reach.boundM)} km of it (range ${km(reach.rangeM)} km); limit ${limit} km${unstated}`,
        confidence: named * reach.p,
      });
    }
  }

  const zoneReach = heavy
    ? firedWithin(systems, () => true, heardD, zoneKm * 1000, heardLaw)
    : { p: 0, boundM: 0, rangeM: 0 };
  const armed =
    incident.direction === 'outgoing' || events.has('weapon_sighting') || origin !== null;
  const zoneWeapon = heavy
    ? named
    : incident.weapon === 'undetermined' && armed
      ? evidence * UNNAMED_HEAVY
      : 0;
  const zonePlaced = place ? zoneWeapon * placedLaw(zoneKm * 1000) : 0;
  if (place && zonePlaced >= named * zoneReach.p) {
    push({
      provisionId: provision.securityZone,
      kind: 'security_zone',
      measured: {
        quantity: 'distance_to_line',
        value: round3(d / 1000),
        unit: 'km',
        limit: zoneKm,
      },
      text: `${place.what === 'origin' ? `fire from ${km(d)} km` : `${incident.events.join('/').replaceAll('_', ' ')} at ${km(d)} km`} from the line, inside the ${zoneKm} km security zone${heavy ? '' : ' (weapon not identified)'}`,
      confidence: zonePlaced,
    });
  } else if (zoneReach.p > 0) {
    push({
      provisionId: provision.securityZone,
      kind: 'security_zone',
      measured: {
        quantity: 'greatest_distance_to_line',
        value: round3(zoneReach.boundM / 1000),
        unit: 'km',
        limit: zoneKm,
      },
      text: `${incident.weapon}${calibre} ${verb} ${km(heardD)} km from the line: fired from within ${km(zoneReach.boundM)} km of it, inside the ${zoneKm} km security zone`,
      confidence: named * zoneReach.p,
    });
  }

  if (place) {
    for (const area of agreement.disengagementAreas) {
      const share = areaShare(place, area.polygon as PolygonCoords, options);
      push({
        provisionId: provision.disengagement(area.id),
        kind: 'disengagement',
        measured: { quantity: 'share_inside', value: round3(share), unit: 'ratio' },
        text: `${place.what === 'origin' ? 'fire from' : incident.events.join('/').replaceAll('_', ' ')} inside disengagement area ${area.name}`,
        confidence: evidence * share,
      });
    }
  }

  if (events.has('aircraft') || AIRBORNE.has(incident.weapon)) {
    const own: Place = {
      location: incident.location,
      radius90M: incident.radius90M,
      region: incident.region,
      what: 'position',
    };
    for (const area of agreement.noFlyAreas) {
      const share = areaShare(own, area.polygon as PolygonCoords, options);
      push({
        provisionId: provision.noFly(area.id),
        kind: 'no_fly',
        measured: { quantity: 'share_inside', value: round3(share), unit: 'ratio' },
        text: `${incident.weapon === 'undetermined' ? 'aircraft' : incident.weapon} inside no-fly area ${area.name}`,
        confidence: evidence * share,
      });
    }
  }

  if (events.has('vessel')) {
    for (const c of agreement.maritimeCorridors) {
      const fromEdge = distanceFromCorridor(incident.location, c);
      const keepOutKm = c.militaryKeepOutKm ?? 0;
      const near = withinLimit(fromEdge, keepOutKm * 1000, incident.radius90M);
      push({
        provisionId: provision.maritime(c.id),
        kind: 'maritime',
        measured: {
          quantity: 'distance_from_corridor',
          value: round3(Math.max(0, fromEdge) / 1000),
          unit: 'km',
          limit: keepOutKm,
        },
        text: `vessel ${fromEdge <= 0 ? 'inside' : `${km(fromEdge)} km from`} maritime corridor ${c.name}${keepOutKm > 0 ? `; warships keep ${keepOutKm} km from it` : ''}`,
        confidence: evidence * near,
      });
    }
  }

  if (fire && incident.direction !== 'outgoing') {
    for (const c of agreement.maritimeCorridors) {
      let inside: number;
      let measured: ProvisionMatch['measured'];
      if (c.polygon) {
        inside = areaShare(
          {
            location: incident.location,
            radius90M: incident.radius90M,
            region: incident.region,
            what: 'impact',
          },
          c.polygon as PolygonCoords,
          options,
        );
        measured = { quantity: 'share_inside', value: round3(inside), unit: 'ratio' };
      } else {
        const d = distanceToLine(incident.location, c.centreline as readonly LonLat[]).distanceM;
        inside = withinOfLine(d, (c.widthKm! * 1000) / 2, incident.radius90M);
        measured = {
          quantity: 'distance_to_centreline',
          value: round3(d / 1000),
          unit: 'km',
          limit: c.widthKm! / 2,
        };
      }
      push({
        provisionId: provision.maritime(c.id),
        kind: 'maritime',
        measured,
        text: `fire landing inside maritime corridor ${c.name}`,
        confidence: evidence * inside,
      });
    }
  }
  return out;
}

/**
 * Signed distance from a corridor's edge, metres: negative inside. A polygon's edge is its outer
 * ring; a corridor given by its centreline is every point within widthKm / 2 of it.
 */
function distanceFromCorridor(at: LonLat, c: MaritimeCorridor): number {
  if (c.polygon) {
    const ring = c.polygon[0] as readonly LonLat[];
    const d = distanceToLine(at, ring).distanceM;
    return pointInPolygon(at, c.polygon as PolygonCoords) ? -d : d;
  }
  return distanceToLine(at, c.centreline as readonly LonLat[]).distanceM - (c.widthKm! * 1000) / 2;
}

/** Share of the place's region inside the area; skipped (0) when their bounds are far apart. */
function areaShare(place: Place, polygon: PolygonCoords, options: SamplingOptions): number {
  if (!polygonNear(place, polygon)) return 0;
  return shareInside(place.region, polygon, options);
}

function polygonNear(place: Place, polygon: PolygonCoords): boolean {
  if (pointInPolygon(place.location, polygon)) return true;
  const ring = polygon[0] ?? [];
  return ring.length > 1 && distanceToLine(place.location, ring).distanceM <= place.radius90M;
}
