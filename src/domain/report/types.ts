/**
 * The daily/weekly report model: THE CONTRACT between the report builder (src/domain/report,
 * src/app/reports) and the renderers (src/reports: HTML, PDF, the SVG map and trend chart, the
 * messages in en/uk/ru). It is pure data, JSON-serialisable and language-neutral: no sentence in
 * any language is stored here. Counts, codes, ids and ranges go in; the renderer builds "the
 * mission heard 15 undetermined explosions 3–5 km SE of Svitlodarsk" in each language from them,
 * translating settlement names from `settlements[].names` and codes (categories, weapons, compass
 * points, restriction kinds, region ids) from its own message catalogue.
 *
 * Free text that people wrote (a finding's summary, a party's reply) is carried as written, with
 * no translation: it is what was issued or filed.
 *
 * Changes to this file are additive only: a renderer written against an earlier version keeps
 * working. Instants are ISO 8601 UTC strings; dates are `YYYY-MM-DD` in the report's time zone.
 */
import type { Compass16 } from '../geo/compass.js';
import type { RestrictionKind } from '../movement/restrictions.js';
import type { Direction, EventKind, WeaponKind } from '../observation/types.js';

export const REPORT_LANGS = ['en', 'uk', 'ru'] as const;
/** The languages a report is rendered in. */
export type ReportLang = (typeof REPORT_LANGS)[number];

export const REPORT_KINDS = ['daily', 'weekly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Version of this shape; bumped only if a field ever had to change meaning (never so far). */
export const REPORT_MODEL_VERSION = 1;

/**
 * The SMM's split of ceasefire violations. An incident is counted once, with its fused count, in
 * ONE category: the first of this order among its events (an incident reported both as muzzle
 * flashes and explosions counts as explosions). `small_arms_burst` and `small_arms_shot` both count
 * as `smallArmsBursts` ("bursts and shots"). Hence the parts always sum to the total.
 */
export const VIOLATION_CATEGORIES = [
  'explosions',
  'projectilesInFlight',
  'muzzleFlashes',
  'smallArmsBursts',
  'illuminationFlares',
] as const;
export type ViolationCategory = (typeof VIOLATION_CATEGORIES)[number];

/** `total` equals the sum of the five parts, always. */
export type ViolationBreakdown = { readonly total: number } & {
  readonly [K in ViolationCategory]: number;
};

/** Side an incident is attributed to: an agreement party id, or 'undetermined'. */
export type Side = string;

export interface ReportPeriod {
  readonly kind: ReportKind;
  /** The local date on which the period closes (the report's date). */
  readonly date: string;
  /** Start, inclusive (UTC instant): the previous closing time. */
  readonly from: string;
  /** End, exclusive (UTC instant): the closing time on `date`. */
  readonly to: string;
  /** Local closing time, `HH:MM` (the SMM used 19:30). */
  readonly closesAtLocal: string;
  /** IANA time zone the closing time is read in, e.g. `Europe/Kyiv`. */
  readonly timeZone: string;
  /** The period before, same length, for the comparison figures. */
  readonly previous: { readonly from: string; readonly to: string };
}

/** A place reference: "<distance> km <compass> of <settlement>". */
export interface PlaceRef {
  /** Gazetteer id; its names are in `ReportModel.settlements`. */
  readonly settlementId: string;
  /** Direction FROM the settlement TO the place. */
  readonly compass: Compass16;
  /** Distance rounded into a range, km (e.g. {min: 3, max: 5}); {min: 0, max: 1} means "in or at". */
  readonly distanceKm: { readonly min: number; readonly max: number };
}

/** Violation counts in one region or sector, now and in the previous period. */
export interface CountRow {
  /** Sector id (agreement), or region id (lower-case gazetteer oblast, e.g. `donetsk`); `outside` when none. */
  readonly id: string;
  readonly current: ViolationBreakdown;
  readonly previous: ViolationBreakdown;
}

export interface NotableIncident {
  readonly incidentId: string;
  /** The category it is counted in. */
  readonly kind: ViolationCategory;
  /** All event kinds the reports named. */
  readonly events: readonly EventKind[];
  readonly count: number;
  readonly side: Side;
  readonly weapon: WeaponKind;
  readonly calibreMm: number | null;
  readonly direction: Direction;
  readonly place: PlaceRef | null;
  readonly sectorId: string | null;
  /** When: from the earliest start to the latest end the reports give (UTC). */
  readonly window: { readonly from: string; readonly to: string };
  /** Verification status (reported, verified, ...). */
  readonly status: string;
}

/** A weapon seen (or firing from) nearer the line than its withdrawal distance allows. */
export interface WithdrawalBreach {
  readonly incidentId: string;
  /** `withdrawal:<rule id>`. */
  readonly provisionId: string;
  readonly weaponClass: WeaponKind;
  readonly calibreMm: number | null;
  /** Number of weapons (the incident's fused count). */
  readonly count: number;
  readonly distanceToLineKm: number;
  readonly limitKm: number;
  readonly side: Side;
  readonly place: PlaceRef | null;
  readonly status: string;
  /** Assessment confidence, 0..1. */
  readonly confidence: number;
}

export interface DisengagementRow {
  readonly areaId: string;
  /** The agreement's own name for the area (as written in the agreement). */
  readonly name: string;
  /** Incidents matched to `disengagement:<areaId>` this period / the previous one. */
  readonly incidents: number;
  readonly previousIncidents: number;
  /** Ceasefire violations among them, split as everywhere else. */
  readonly violations: ViolationBreakdown;
}

export type RestrictionKindCounts = { readonly [K in RestrictionKind]: number };

export interface MovementRestrictions {
  readonly total: number;
  readonly byKind: RestrictionKindCounts;
  /** Per party id, plus `unattributed`; only parties with a restriction appear; sorted by id. */
  readonly byParty: readonly {
    readonly party: string;
    readonly total: number;
    readonly byKind: RestrictionKindCounts;
  }[];
  readonly previousTotal: number;
}

export interface CivilianCasualties {
  readonly killed: number;
  readonly injured: number;
  /**
   * Why the figures are zero without being a finding of "no casualties": a code the renderer
   * translates, or null when the figures are confirmed counts.
   * `not_recorded`: the observation format carries no casualty figures yet.
   */
  readonly reason: 'not_recorded' | null;
}

export interface ReportFinding {
  readonly findingId: string;
  readonly incidentId: string;
  readonly issuedAt: string;
  /** Party id, or null: undetermined. */
  readonly attributedTo: string | null;
  /** Provision references (`ceasefire`, `withdrawal:wd-mlrs`, ...). */
  readonly provisions: readonly string[];
  /** As issued by the mission (free text, not translated). */
  readonly summary: string;
  readonly escalationRelevant: boolean;
  readonly reply: {
    readonly party: string;
    readonly deadline: string;
    readonly status: 'open' | 'replied' | 'lapsed';
    readonly repliedAt: string | null;
    /** As filed by the party (free text, not translated). */
    readonly text: string | null;
  } | null;
  readonly disputes: readonly {
    readonly id: string;
    readonly party: string;
    readonly filedAt: string;
    readonly status: string;
  }[];
}

export interface MapPoint {
  readonly incidentId: string;
  /** [lon, lat] WGS84. */
  readonly location: readonly [number, number];
  readonly kind: ViolationCategory | 'other';
  readonly count: number;
  readonly status: string;
  readonly weapon: WeaponKind;
}

export interface ReportMap {
  /** [minLon, minLat, maxLon, maxLat]: the line of contact and the points, with a margin. */
  readonly bbox: readonly [number, number, number, number];
  /** The agreement's line of contact, [lon, lat] vertices. */
  readonly lineOfContact: readonly (readonly [number, number])[];
  /** Disengagement areas: outer ring [lon, lat] of each polygon. */
  readonly zones: readonly {
    readonly id: string;
    readonly kind: 'disengagement';
    readonly ring: readonly (readonly [number, number])[];
  }[];
  /** Every incident of the period in the report (violations and others). */
  readonly points: readonly MapPoint[];
}

export interface TrendDay {
  /** Local date whose daily period (previous closing to closing) is counted. */
  readonly date: string;
  readonly violations: ViolationBreakdown;
}

/** Filled when the chief monitor has approved the report and it is in the ledger. */
export interface ReportPublication {
  readonly approvedBy: string;
  readonly approvedAt: string;
  /** SHA-256 (hex) of the canonical JSON of the model WITHOUT `publication`. */
  readonly modelSha256: string;
  /** Index of the `report.published` ledger entry. */
  readonly ledgerIndex: number;
  /** Size and root (hex) of the tree the checkpoint signs; the entry is inside it. */
  readonly treeSize: number;
  readonly rootHash: string;
  /** The signed checkpoint note, as text (C2SP signed-note format). */
  readonly checkpoint: string;
  /**
   * RFC 9162 inclusion proof (hex hashes) of the ledger entry in the tree of `treeSize`, so a
   * reader can check the copy offline with only the mission's verifier key.
   */
  readonly inclusionProof?: readonly string[];
}

export interface ReportModel {
  readonly v: typeof REPORT_MODEL_VERSION;
  readonly missionId: string;
  readonly agreement: { readonly id: string; readonly version: number; readonly title: string };
  readonly period: ReportPeriod;
  /** When the model was built (UTC). */
  readonly generatedAt: string;
  /** Parties with the agreement's names (as written there). */
  readonly parties: readonly { readonly id: string; readonly name: string }[];
  /** Sectors of the agreement with their names (as written there). */
  readonly sectors: readonly { readonly id: string; readonly name: string }[];
  /** Settlements referred to anywhere in the model, with their names in each language. */
  readonly settlements: readonly {
    readonly id: string;
    readonly lat: number;
    readonly lon: number;
    readonly region: string;
    readonly names: { readonly [L in ReportLang]: string };
  }[];
  /** Ceasefire violations in the whole area. */
  readonly totals: { readonly current: ViolationBreakdown; readonly previous: ViolationBreakdown };
  /** Per region (lower-case gazetteer oblast of the nearest settlement), sorted by id. */
  readonly byRegion: readonly CountRow[];
  /** Per agreement sector in agreement order, then `outside` if any incident was in no sector. */
  readonly bySector: readonly CountRow[];
  /** Largest incidents and any heavy weapon, largest first (at most 20). */
  readonly notable: readonly NotableIncident[];
  readonly withdrawalBreaches: readonly WithdrawalBreach[];
  readonly disengagementAreas: readonly DisengagementRow[];
  readonly movementRestrictions: MovementRestrictions;
  readonly civilianCasualties: CivilianCasualties;
  /** Findings issued, or replied to, in the period (superseded ones left out). */
  readonly findings: readonly ReportFinding[];
  readonly map: ReportMap;
  /** 30 daily totals, oldest first, the last one the day the period closes. */
  readonly trend: readonly TrendDay[];
  readonly publication: ReportPublication | null;
}
