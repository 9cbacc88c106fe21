/** What the HTTP API answers, as far as the dashboard reads it. Positions are [lon, lat]. */
import type { Direction, EventKind, Role, SourceKind, WeaponKind } from './vocabulary.js';

export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];

export interface TimeWindow {
  readonly from: string;
  readonly to: string;
}

/** GET /api/v1/observations: one observation as a GeoJSON Feature (properties = the observation). */
export interface ObservationProperties {
  readonly id: string;
  readonly source: { readonly kind: SourceKind; readonly id: string; readonly party?: string };
  readonly observedAt: string | TimeWindow;
  readonly location?: { readonly lat: number; readonly lon: number; readonly radiusM: number };
  readonly observer?: { readonly lat: number; readonly lon: number; readonly accuracyM?: number };
  readonly bearing?: { readonly fromDeg: number; readonly toDeg: number };
  readonly distanceKm?: { readonly min: number; readonly max: number };
  readonly event: EventKind;
  readonly count: number;
  readonly weapon: WeaponKind;
  readonly calibreMm?: number;
  readonly direction: Direction;
  readonly text?: string;
  readonly lang?: string;
  readonly visibility?: 'public' | 'mission' | 'party-confidential';
  readonly evidence?: readonly { readonly sha256: string; readonly mediaType?: string }[];
  readonly restriction?: { readonly kind: string; readonly party?: string };
  readonly receivedAt?: string;
  readonly ledgerIndex?: number;
}

export interface ObservationFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: Position };
  readonly properties: ObservationProperties;
}

export interface ObservationPage {
  readonly type: 'FeatureCollection';
  readonly features: ObservationFeature[];
  readonly links: { rel: string; href: string }[];
  readonly numberReturned: number;
}

/** GET /api/v1/agreement (src/domain/agreement/schema.ts), the parts the map draws. */
export interface Agreement {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly effectiveFrom: string;
  readonly note?: string;
  readonly parties: readonly {
    readonly id: string;
    readonly name: string;
    readonly side: 'left' | 'right';
  }[];
  readonly lineOfContact: Position[];
  readonly securityZone: { readonly widthKm: number };
  readonly disengagementAreas: readonly {
    readonly id: string;
    readonly name: string;
    readonly polygon: PolygonCoords;
  }[];
  readonly noFlyAreas: readonly {
    readonly id: string;
    readonly name: string;
    readonly polygon: PolygonCoords;
    readonly floorM?: number;
    readonly ceilingM?: number;
  }[];
  readonly maritimeCorridors: readonly {
    readonly id: string;
    readonly name: string;
    readonly polygon?: PolygonCoords;
    readonly centreline?: Position[];
    readonly widthKm?: number;
    /** How far the parties' warships keep from the corridor, km (absent: only the corridor). */
    readonly militaryKeepOutKm?: number;
  }[];
}

export interface User {
  readonly name: string;
  readonly role: Role;
  readonly party: string | null;
  readonly mustChangePassword: boolean;
}

/** RFC 9457 problem details, as every API error is answered. */
export interface Problem {
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly { readonly path: string; readonly reason: string }[];
}

/** GET /api/v1/incidents: one fused incident as a GeoJSON Feature (Point at its location). */
export interface IncidentAttribution {
  /** A party id, or 'undetermined'. */
  readonly party: string;
  /** The largest territory share, 0–1. */
  readonly confidence: number;
  /** Why, in the server's words (English). */
  readonly reason: string;
  readonly shares: Readonly<Record<string, number>>;
}

export interface IncidentOrigin {
  /** [lon, lat]. */
  readonly location: readonly [number, number];
  readonly radius90M: number;
  readonly method?: string;
  readonly observationIds?: readonly string[];
}

export interface IncidentProvision {
  readonly provisionId: string;
  readonly kind: string;
  /** The server's statement of the match, shown as written. */
  readonly text: string;
  readonly confidence: number;
  readonly measured?: {
    readonly quantity: string;
    readonly value: number;
    readonly unit: string;
    readonly limit?: number;
  };
}

export interface IncidentProperties {
  readonly id: string;
  readonly radius90M: number;
  readonly count: number;
  readonly events: readonly EventKind[];
  readonly weapon: WeaponKind;
  readonly calibreMm?: number;
  readonly direction?: Direction;
  readonly window: TimeWindow;
  readonly status: string;
  readonly visibility?: 'public' | 'mission' | 'party-confidential';
  readonly attribution: IncidentAttribution;
  readonly origin: IncidentOrigin | null;
  readonly provisions: readonly IncidentProvision[];
  readonly observationIds: readonly string[];
  /** GET /api/v1/incidents/:id only: the members the caller may read. */
  readonly observations?: readonly ObservationFeature[];
  /** Ledger index of the event that recorded the incident's current state. */
  readonly updatedLedgerIndex?: number;
}

export interface IncidentFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: Position };
  readonly properties: IncidentProperties;
}

export interface IncidentPage {
  readonly type: 'FeatureCollection';
  readonly features: IncidentFeature[];
  readonly links: { rel: string; href: string }[];
  readonly numberReturned: number;
}
