/**
 * What an agreement amounts to on the ground, in numbers a negotiator checks first: the length
 * of the line, the area of each zone, the ceilings.
 */
import { lineLength, polygonArea } from '../geo/index.js';
import { mToKm } from '../units.js';
import type { Agreement, EquipmentCategory, EscalationTrigger, Side } from './schema.js';
import { EQUIPMENT_CATEGORIES } from './schema.js';

export interface AgreementSummary {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly effectiveFrom: string;
  readonly note: string | null;
  readonly parties: readonly { id: string; name: string; side: Side; areaKm2: number | null }[];
  readonly lineOfContact: { readonly vertices: number; readonly lengthKm: number };
  /**
   * The band within `widthKmEachSide` of the line. Its area is taken as 2 × width × length,
   * which is exact for a line that bends no tighter than the width (the inner side of a bend
   * loses what the outer side gains); the ends are cut square.
   */
  readonly securityZone: {
    readonly widthKmEachSide: number;
    readonly totalWidthKm: number;
    readonly areaKm2: number;
  };
  /** Each withdrawal rule's band on one side, width × line length (same approximation). */
  readonly withdrawalZones: readonly {
    id: string;
    weaponClass: string;
    calibre: string | null;
    distanceKm: number;
    areaKm2EachSide: number;
  }[];
  readonly disengagementAreas: readonly { id: string; name: string; areaKm2: number }[];
  readonly noFlyAreas: readonly {
    id: string;
    name: string;
    areaKm2: number;
    floorM: number;
    ceilingM: number | null;
  }[];
  /** Length is the centreline's when one is given; area is the polygon's, else length × width. */
  readonly maritimeCorridors: readonly {
    id: string;
    name: string;
    lengthKm: number | null;
    widthKm: number | null;
    areaKm2: number;
    /** How far warships keep from it, or null when only entering it is barred. */
    keepOutKm: number | null;
  }[];
  readonly sectors: readonly { id: string; name: string; areaKm2: number }[];
  readonly ceilings: {
    readonly troops: readonly { party: string; count: number }[];
    readonly equipment: readonly { category: EquipmentCategory; party: string; count: number }[];
  };
  readonly notificationDuties: readonly { id: string; what: string; leadTimeHours: number }[];
  readonly escalationThresholds: readonly {
    id: string;
    level: number;
    trigger: string;
    recipients: readonly string[];
    ackDeadlineMinutes: number;
  }[];
  readonly replyDeadlineHours: number;
}

/** `≥ 100 mm`, `≤ 99 mm`, `100–200 mm`, or null when the rule has no calibre bound. */
export function calibreRange(min?: number, max?: number): string | null {
  if (min !== undefined && max !== undefined) return `${min}–${max} mm`;
  if (min !== undefined) return `≥ ${min} mm`;
  if (max !== undefined) return `≤ ${max} mm`;
  return null;
}

/** A trigger in a few words: `≥ 50 verified violations in 24 h in any sector`. */
export function describeTrigger(t: EscalationTrigger): string {
  switch (t.kind) {
    case 'verified_violations_in_sector':
      return `≥ ${t.count} verified violations in ${t.windowHours} h in ${t.sector ? `sector ${t.sector}` : 'any sector'}`;
    case 'weapon_used': {
      const calibre = t.minCalibreMm === undefined ? '' : ` (≥ ${t.minCalibreMm} mm)`;
      return `use of ${t.weapons.join(' or ')}${calibre}`;
    }
    case 'heavy_weapon_in_withdrawal_zone':
      return `≥ ${t.count} heavy weapons in withdrawal zones in ${t.windowHours} h`;
    case 'casualties':
      return `≥ ${t.count} ${t.civilianOnly ? 'civilian ' : ''}casualties in ${t.windowHours} h`;
    case 'aircraft_in_no_fly':
      return `aircraft in ${t.area ? `no-fly area ${t.area}` : 'any no-fly area'}`;
    case 'armour_crossing_line':
      return `≥ ${t.minVehicles} armoured vehicles crossing the line of contact`;
  }
}

/** The summary of a valid agreement (see `parseAgreement`). Lengths are geodesic, WGS84. */
export function summariseAgreement(a: Agreement): AgreementSummary {
  const lengthKm = mToKm(lineLength(a.lineOfContact));
  const width = a.securityZone.widthKm;
  return {
    id: a.id,
    version: a.version,
    title: a.title,
    effectiveFrom: a.effectiveFrom,
    note: a.note ?? null,
    parties: a.parties.map((p) => ({
      id: p.id,
      name: p.name,
      side: p.side,
      areaKm2: p.area ? polygonArea(p.area.coordinates) : null,
    })),
    lineOfContact: { vertices: a.lineOfContact.length, lengthKm },
    securityZone: {
      widthKmEachSide: width,
      totalWidthKm: 2 * width,
      areaKm2: 2 * width * lengthKm,
    },
    withdrawalZones: a.withdrawalDistances.map((w) => ({
      id: w.id,
      weaponClass: w.weaponClass,
      calibre: calibreRange(w.minCalibreMm, w.maxCalibreMm),
      distanceKm: w.distanceKm,
      areaKm2EachSide: w.distanceKm * lengthKm,
    })),
    disengagementAreas: a.disengagementAreas.map((d) => ({
      id: d.id,
      name: d.name,
      areaKm2: polygonArea(d.polygon),
    })),
    noFlyAreas: a.noFlyAreas.map((n) => ({
      id: n.id,
      name: n.name,
      areaKm2: polygonArea(n.polygon),
      floorM: n.floorM ?? 0,
      ceilingM: n.ceilingM ?? null,
    })),
    maritimeCorridors: a.maritimeCorridors.map((c) => {
      const corridorKm = c.centreline ? mToKm(lineLength(c.centreline)) : null;
      const widthKm = c.widthKm ?? null;
      const areaKm2 = c.polygon ? polygonArea(c.polygon) : (corridorKm ?? 0) * (widthKm ?? 0);
      const keepOutKm = c.militaryKeepOutKm ?? null;
      return { id: c.id, name: c.name, lengthKm: corridorKm, widthKm, areaKm2, keepOutKm };
    }),
    sectors: a.sectors.map((s) => ({ id: s.id, name: s.name, areaKm2: polygonArea(s.polygon) })),
    ceilings: {
      troops: Object.entries(a.ceilings.troops).map(([party, count]) => ({ party, count })),
      equipment: EQUIPMENT_CATEGORIES.flatMap((category) =>
        Object.entries(a.ceilings.equipment[category] ?? {}).map(([party, count]) => ({
          category,
          party,
          count,
        })),
      ),
    },
    notificationDuties: a.notificationDuties.map((d) => ({
      id: d.id,
      what: d.what,
      leadTimeHours: d.leadTimeHours,
    })),
    escalationThresholds: a.escalationThresholds.map((e) => ({
      id: e.id,
      level: e.level,
      trigger: describeTrigger(e.trigger),
      recipients: e.recipients,
      ackDeadlineMinutes: e.ackDeadlineMinutes,
    })),
    replyDeadlineHours: a.replyDeadlineHours,
  };
}
