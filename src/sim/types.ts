/**
 * What the scenario simulator takes and gives: options, ground-truth records, stream items.
 */
import type { MultiPolygonCoords } from '../domain/units.js';
import type { Observation, WeaponKind } from '../domain/observation/types.js';
import type { LineSide } from './plane.js';

export const TEMPOS = ['low', 'normal', 'high'] as const;
export type Tempo = (typeof TEMPOS)[number];

/** A planted escalation: one sector's rate multiplied for some hours. */
export interface EscalationPlan {
  /** Sector id from the agreement. */
  readonly sector: string;
  /** Hours after `start` the episode begins. */
  readonly startHour: number;
  readonly hours: number;
  /** Rate multiplier inside the episode, e.g. 5. */
  readonly factor: number;
}

export interface SimOptions {
  /** 32-bit integer; the same seed (and options) gives the same output, byte for byte. */
  readonly seed: number;
  /** Length of the scenario, days (> 0, fractions allowed). */
  readonly days: number;
  /** Scenario start, ISO 8601 UTC instant. */
  readonly start: string;
  /** Event rate: low ≈ 0.3×, normal 1×, high 3× (default normal). */
  readonly tempo?: Tempo;
  /** Scale of every measurement error (bearing, distance, clock); 0 = perfect, default 1. */
  readonly noise?: number;
  /** Plant an escalation episode: `true` picks sector and time from the seed. */
  readonly escalation?: boolean | EscalationPlan;
  /** Areas of open water where no ground event or observer is placed (scenario data). */
  readonly water?: MultiPolygonCoords;
}

export const TRUTH_KINDS = [
  'indirect_fire',
  'direct_fire',
  'small_arms_fire',
  'heavy_weapon_in_withdrawal_zone',
  'troops_in_disengagement_area',
  'aircraft_in_no_fly',
  'vessel_off_corridor',
  'armour_crossing_line',
  'restriction',
  'false_allegation',
  'escalation_episode',
] as const;
export type TruthKind = (typeof TRUTH_KINDS)[number];

export interface TruthPlace {
  readonly lon: number;
  readonly lat: number;
  /** Side of the line of contact the place is on. */
  readonly side?: LineSide;
  /** The party holding that side (for an origin: the party responsible). */
  readonly party?: string;
}

/**
 * One true event, as the simulator made it happen. `origin` is where it came from (the firing
 * position, the weapon's or unit's position, the checkpoint); `impact` where it landed.
 */
export interface TruthEvent {
  readonly eventId: string;
  readonly kind: TruthKind;
  /** False only for fabricated party allegations: nothing happened. */
  readonly genuine: boolean;
  readonly weapon: WeaponKind;
  readonly calibreMm?: number;
  /** ISO 8601 UTC; `endTime` for events that last (weapons parked, troops present). */
  readonly time: string;
  readonly endTime?: string;
  /** Reporting sector of the event's place on the line, or null. */
  readonly sector: string | null;
  readonly origin?: TruthPlace;
  readonly impact?: TruthPlace;
  /** Rounds, bursts, pieces of equipment, personnel or aircraft, by kind. */
  readonly count: number;
  /** Provision references (see domain/agreement `provision`). */
  readonly provisionsViolated: readonly string[];
  /** Every observation this event caused, in generation order. */
  readonly observationIds: readonly string[];
  /**
   * For a shot with both ends: which end each of its reports of undetermined direction truly
   * heard (an acoustic array that could not tell firing from landing), by observation id.
   */
  readonly endsHeard?: Readonly<Record<string, 'origin' | 'impact'>>;
  /** Set on events inside a planted escalation episode. */
  readonly escalation?: true;
  /** For false allegations: the party that alleged. */
  readonly allegedBy?: string;
  /** For escalation episodes: the rate multiplier. */
  readonly factor?: number;
}

export type SimItem = { readonly observation: Observation } | { readonly truth: TruthEvent };
