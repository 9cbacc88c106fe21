/**
 * The agreement's geography as GeoJSON features (RFC 7946) for the `line-of-contact` and `zones`
 * collections. Pure: an agreement in, features out; the plugin builds them once per server.
 *
 * Zones, each with `kind` from a closed set and the same property names, so GIS tools see one
 * attribute table:
 *   security_zone        the line of contact widened by securityZone.widthKm on each side
 *   disengagement_area   agreement.disengagementAreas[].polygon
 *   no_fly_area          agreement.noFlyAreas[].polygon, with floor_m / ceiling_m
 *   maritime_corridor    agreement.maritimeCorridors[]: its polygon, else its centreline
 *                        widened by widthKm / 2 on each side
 * Feature ids are `<kind>.<agreement id>` (`no_fly_area.nf-line`): agreement ids are unique only
 * within their own list. Withdrawal zones (distance by weapon class, on each party's own side)
 * are not drawn yet.
 */
import type { Agreement } from '../../domain/agreement/schema.js';
import type { LonLat, MultiPolygonCoords } from '../../domain/units.js';
import { bboxOf, unionBbox, type Bbox, type Geometry } from './geometry.js';
import { lineBuffer } from './line-buffer.js';

export type PropertyValue = string | number | null;

export interface StaticFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: Geometry;
  readonly properties: Readonly<Record<string, PropertyValue>>;
}

export const ZONE_KINDS = ['security_zone', 'disengagement_area', 'no_fly_area', 'maritime_corridor'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

function areaGeometry(mp: MultiPolygonCoords): Geometry {
  return mp.length === 1 ? { type: 'Polygon', coordinates: mp[0]! } : { type: 'MultiPolygon', coordinates: mp };
}

export function lineOfContactFeatures(a: Agreement): StaticFeature[] {
  const side = (s: 'left' | 'right') => a.parties.filter((p) => p.side === s).map((p) => p.id).join(',') || null;
  return [
    {
      type: 'Feature',
      id: 'line-of-contact',
      geometry: { type: 'LineString', coordinates: a.lineOfContact },
      properties: {
        name: 'Line of contact',
        agreement_id: a.id,
        agreement_version: a.version,
        effective_from: a.effectiveFrom,
        security_zone_width_km: a.securityZone.widthKm,
        left_parties: side('left'),
        right_parties: side('right'),
      },
    },
  ];
}

function zone(a: Agreement, kind: ZoneKind, id: string, name: string, geometry: Geometry, extra: { widthKm?: number; floorM?: number; ceilingM?: number } = {}): StaticFeature {
  return {
    type: 'Feature',
    id: `${kind}.${id}`,
    geometry,
    properties: {
      kind,
      zone_id: id,
      name,
      agreement_id: a.id,
      agreement_version: a.version,
      effective_from: a.effectiveFrom,
      width_km: extra.widthKm ?? null,
      floor_m: extra.floorM ?? null,
      ceiling_m: extra.ceilingM ?? null,
    },
  };
}

/** Every zone of the agreement, security zone first; `lineBuffer` draws the widened lines. */
export function zoneFeatures(a: Agreement): StaticFeature[] {
  const widthKm = a.securityZone.widthKm;
  const out: StaticFeature[] = [
    zone(a, 'security_zone', 'security-zone', `Security zone (${widthKm} km each side of the line)`, areaGeometry(lineBuffer(a.lineOfContact as LonLat[], widthKm * 1000)), {
      widthKm: 2 * widthKm,
    }),
  ];
  for (const d of a.disengagementAreas) out.push(zone(a, 'disengagement_area', d.id, d.name, { type: 'Polygon', coordinates: d.polygon }));
  for (const n of a.noFlyAreas) out.push(zone(a, 'no_fly_area', n.id, n.name, { type: 'Polygon', coordinates: n.polygon }, { floorM: n.floorM ?? 0, ceilingM: n.ceilingM }));
  for (const c of a.maritimeCorridors) {
    const geometry: Geometry = c.polygon
      ? { type: 'Polygon', coordinates: c.polygon }
      : areaGeometry(lineBuffer(c.centreline as LonLat[], (c.widthKm! * 1000) / 2));
    out.push(zone(a, 'maritime_corridor', c.id, c.name, geometry, { widthKm: c.widthKm }));
  }
  return out;
}

const KM_PER_DEGREE_LAT = 111.32;

/**
 * The mission's area, for the extent of the `observations` collection: the zones, the sectors,
 * the parties' areas, and the line of contact widened by the largest withdrawal distance (the
 * farthest from the line that the agreement regulates). Observations may lie outside it; it
 * says where the mission looks, not the bounds of what is stored.
 */
export function missionAreaBbox(a: Agreement, zones: readonly StaticFeature[]): Bbox {
  let box = bboxOf([...zones.map((z) => z.geometry), { type: 'LineString', coordinates: a.lineOfContact }]);
  for (const s of a.sectors) box = unionBbox(box, bboxOf([{ type: 'Polygon', coordinates: s.polygon }]));
  for (const p of a.parties) if (p.area) box = unionBbox(box, bboxOf([p.area as Geometry]));
  const line = bboxOf([{ type: 'LineString', coordinates: a.lineOfContact }])!;
  const reachKm = Math.max(a.securityZone.widthKm, ...a.withdrawalDistances.map((w) => w.distanceKm));
  const dLat = reachKm / KM_PER_DEGREE_LAT;
  const maxAbsLat = Math.min(89, Math.max(Math.abs(line[1]), Math.abs(line[3])) + dLat);
  const dLon = reachKm / (KM_PER_DEGREE_LAT * Math.cos((maxAbsLat * Math.PI) / 180));
  const widened: Bbox = [Math.max(-180, line[0] - dLon), Math.max(-90, line[1] - dLat), Math.min(180, line[2] + dLon), Math.min(90, line[3] + dLat)];
  return unionBbox(box, widened)!;
}
