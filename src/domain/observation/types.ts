/**
 * The observation exchange format of docs/ARCHITECTURE.md ("Exchange formats"): one report as
 * the reporter saw it. Vocabularies only grow; a token is never renamed.
 */
export const SOURCE_KINDS = ['monitor', 'sensor', 'party', 'osint'] as const;
export const EVENT_KINDS = [
  'explosion',
  'projectile_in_flight',
  'muzzle_flash',
  'illumination_flare',
  'small_arms_burst',
  'small_arms_shot',
  'weapon_sighting',
  'troop_presence',
  'aircraft',
  'vessel',
  'restriction',
] as const;
export const WEAPON_KINDS = [
  'undetermined',
  'small_arms',
  'heavy_machine_gun',
  'grenade_launcher',
  'mortar',
  'artillery',
  'tank',
  'anti_tank',
  'mlrs',
  'missile',
  'drone',
  'aircraft',
  'helicopter',
  'vessel',
] as const;
export const DIRECTIONS = ['impact', 'outgoing', 'in_flight', 'undetermined'] as const;

export type SourceKind = (typeof SOURCE_KINDS)[number];
export type EventKind = (typeof EVENT_KINDS)[number];
export type WeaponKind = (typeof WEAPON_KINDS)[number];
export type Direction = (typeof DIRECTIONS)[number];

/** A time window in ISO 8601 UTC; a single instant is a window with from === to. */
export interface TimeWindow {
  readonly from: string;
  readonly to: string;
}

export interface Observation {
  readonly id: string;
  readonly source: {
    readonly kind: SourceKind;
    readonly id: string;
    /** For `party` sources: which party filed it (an agreement party id). */
    readonly party?: string;
    /** Stated clock error of the source, seconds (sensors); defaults by kind in fusion. */
    readonly clockErrorS?: number;
  };
  /** As received: an instant string or a window. Use `observedWindow()` to read it. */
  readonly observedAt: string | TimeWindow;
  /** A point with an uncertainty radius in metres. */
  readonly location?: { readonly lat: number; readonly lon: number; readonly radiusM: number };
  /** Where the reporter stood; with `bearing` (and `distanceKm`) places the event. */
  readonly observer?: { readonly lat: number; readonly lon: number; readonly accuracyM?: number };
  /** Bearing sector clockwise from `fromDeg` to `toDeg`, true north; may wrap through 0. */
  readonly bearing?: { readonly fromDeg: number; readonly toDeg: number };
  readonly distanceKm?: { readonly min: number; readonly max: number };
  readonly event: EventKind;
  readonly count: number;
  readonly weapon: WeaponKind;
  readonly calibreMm?: number;
  readonly direction: Direction;
  readonly text?: string;
  readonly lang?: string;
  /** Visibility of the record: defaults to `mission`; party filings may be `party-confidential`. */
  readonly visibility?: 'public' | 'mission' | 'party-confidential';
  readonly evidence?: readonly { readonly sha256: string; readonly mediaType?: string }[];
  /** Restriction details for `event: "restriction"` (freedom of movement). */
  readonly restriction?: { readonly kind: string; readonly party?: string };
}

/** The observation's time as a window (an instant becomes from === to). */
export function observedWindow(o: Pick<Observation, 'observedAt'>): TimeWindow {
  return typeof o.observedAt === 'string' ? { from: o.observedAt, to: o.observedAt } : o.observedAt;
}
