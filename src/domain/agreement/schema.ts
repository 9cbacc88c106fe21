/**
 * The agreement as data: the zod schema of an agreement file and the types inferred from it.
 *
 * The schema checks each value where it stands (types, ranges, closed rings); what needs the
 * whole document (unique ids, references between lists, both sides of the line used) is checked
 * in references.ts. `parseAgreement` (parse.ts) runs both and reports every issue at once.
 *
 * Positions are [longitude, latitude] in WGS84 decimal degrees (RFC 7946 §3.1.1); polygons are
 * arrays of closed rings, outer ring first (RFC 7946 §3.1.6). Winding order is not enforced.
 */
import { z } from 'zod';
import { WEAPON_KINDS } from '../observation/types.js';

const longitude = z.number().superRefine((v, ctx) => {
  if (v < -180 || v > 180)
    ctx.addIssue({ code: 'custom', message: `longitude ${v} is outside [-180, 180]` });
});
const latitude = z.number().superRefine((v, ctx) => {
  if (v < -90 || v > 90)
    ctx.addIssue({ code: 'custom', message: `latitude ${v} is outside [-90, 90]` });
});

/** [lon, lat] in WGS84 decimal degrees. */
export const positionSchema = z.tuple([longitude, latitude], {
  error: (iss) =>
    iss.code === 'too_small' || iss.code === 'too_big'
      ? `a position is [longitude, latitude], got ${Array.isArray(iss.input) ? iss.input.length : '?'} number(s)`
      : undefined,
});

const samePosition = (a: readonly number[], b: readonly number[]): boolean =>
  a[0] === b[0] && a[1] === b[1];

/** A closed linear ring: at least four positions, the last equal to the first. */
export const ringSchema = z.array(positionSchema).superRefine((ring, ctx) => {
  if (ring.length < 4) {
    ctx.addIssue({
      code: 'custom',
      message: `a ring needs at least 4 positions (first repeated last), got ${ring.length}`,
    });
    return;
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (!samePosition(first, last)) {
    ctx.addIssue({
      code: 'custom',
      message: `ring is not closed: first position [${first.join(', ')}] differs from last [${last.join(', ')}]`,
    });
  }
  const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`));
  if (distinct.size < 3)
    ctx.addIssue({
      code: 'custom',
      message: `a ring needs at least 3 distinct positions, got ${distinct.size}`,
    });
});

/** Outer ring first, then holes. */
export const polygonSchema = z.array(ringSchema).min(1);
export const multiPolygonSchema = z.array(polygonSchema).min(1);

/** A GeoJSON Polygon or MultiPolygon geometry (RFC 7946 §3.1.6, §3.1.7). */
export const areaGeometrySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Polygon'), coordinates: polygonSchema }),
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: multiPolygonSchema }),
]);

/** A polyline of at least two positions with no zero-length segment. */
export const lineSchema = z.array(positionSchema).superRefine((line, ctx) => {
  if (line.length < 2) {
    ctx.addIssue({
      code: 'custom',
      message: `a line needs at least 2 positions, got ${line.length}`,
    });
    return;
  }
  for (let i = 1; i < line.length; i++) {
    if (samePosition(line[i - 1]!, line[i]!)) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `repeats the previous position [${line[i]!.join(', ')}]`,
      });
    }
  }
});

const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must be letters, digits, ".", "_" or "-", starting with a letter or digit',
  );
const name = z.string().trim().min(1);
const positiveKm = z.number().positive();

export const SIDES = ['left', 'right'] as const;
export type Side = (typeof SIDES)[number];

export const partySchema = z.strictObject({
  id,
  name,
  /** Side of the line of contact, relative to the line's direction of travel. */
  side: z.enum(SIDES),
  area: areaGeometrySchema.optional(),
});

export const withdrawalDistanceSchema = z
  .strictObject({
    id,
    weaponClass: z.enum(WEAPON_KINDS),
    /** Applies to calibres at or above this, millimetres. */
    minCalibreMm: z.number().nonnegative().optional(),
    /** Applies to calibres at or below this, millimetres. */
    maxCalibreMm: z.number().positive().optional(),
    /** Distance from the line of contact, on the owner's own side, within which the class is banned. */
    distanceKm: positiveKm,
    description: z.string().optional(),
  })
  .superRefine((w, ctx) => {
    if (
      w.minCalibreMm !== undefined &&
      w.maxCalibreMm !== undefined &&
      w.maxCalibreMm < w.minCalibreMm
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxCalibreMm'],
        message: `maxCalibreMm ${w.maxCalibreMm} is below minCalibreMm ${w.minCalibreMm}`,
      });
    }
  });

export const disengagementAreaSchema = z.strictObject({ id, name, polygon: polygonSchema });

export const noFlyAreaSchema = z
  .strictObject({
    id,
    name,
    polygon: polygonSchema,
    /** Lowest altitude covered, metres above ground; default 0. */
    floorM: z.number().nonnegative().optional(),
    /** Highest altitude covered, metres; default unlimited. */
    ceilingM: z.number().positive().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.floorM !== undefined && a.ceilingM !== undefined && a.ceilingM <= a.floorM) {
      ctx.addIssue({
        code: 'custom',
        path: ['ceilingM'],
        message: `ceilingM ${a.ceilingM} is not above floorM ${a.floorM}`,
      });
    }
  });

/**
 * A corridor is given as a polygon (optionally with its centreline and nominal width) or as a
 * centreline and a width, the corridor then being every point within widthKm / 2 of it. Warships
 * stay out of it, and at least militaryKeepOutKm from it when that is set (the Black Sea Grain
 * Initiative kept military vessels 10 nautical miles from its corridor).
 */
export const maritimeCorridorSchema = z
  .strictObject({
    id,
    name,
    polygon: polygonSchema.optional(),
    centreline: lineSchema.optional(),
    widthKm: positiveKm.optional(),
    militaryKeepOutKm: positiveKm.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.polygon) return;
    if (!c.centreline)
      ctx.addIssue({
        code: 'custom',
        message: 'a corridor needs a polygon, or a centreline and widthKm',
      });
    else if (c.widthKm === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['widthKm'],
        message: 'is required with a centreline and no polygon',
      });
  });

/** Vienna Document / CFE treaty-limited equipment categories. */
export const EQUIPMENT_CATEGORIES = [
  'battle_tanks',
  'armoured_combat_vehicles',
  'artillery',
  'combat_aircraft',
  'attack_helicopters',
] as const;
export type EquipmentCategory = (typeof EQUIPMENT_CATEGORIES)[number];

const countByParty = z.record(z.string(), z.number().int().nonnegative());

export const ceilingsSchema = z.strictObject({
  /** Troops ceiling per party id. */
  troops: countByParty,
  /** Equipment ceiling per category, then per party id. */
  equipment: z.partialRecord(z.enum(EQUIPMENT_CATEGORIES), countByParty),
});

export const NOTIFICATION_SUBJECTS = [
  'military_exercise',
  'troop_rotation',
  'heavy_weapon_movement',
  'flight_in_no_fly_area',
  'demining',
  'infrastructure_repair',
] as const;

export const notificationDutySchema = z.strictObject({
  id,
  what: z.enum(NOTIFICATION_SUBJECTS),
  leadTimeHours: z.number().nonnegative(),
  /** Party ids bound by the duty; all parties when absent. */
  parties: z.array(z.string()).min(1).optional(),
  /** The duty applies from this many troops (exercises, rotations). */
  minTroops: z.number().int().positive().optional(),
  /** The duty applies from this many pieces of equipment. */
  minEquipment: z.number().int().positive().optional(),
  description: z.string().optional(),
});

const windowHours = z.number().positive();
const count = z.number().int().positive();

export const triggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('verified_violations_in_sector'),
    /** A sector id; any sector when absent. */
    sector: z.string().optional(),
    count,
    windowHours,
  }),
  z.strictObject({
    kind: z.literal('weapon_used'),
    weapons: z.array(z.enum(WEAPON_KINDS)).min(1),
    minCalibreMm: z.number().positive().optional(),
  }),
  z.strictObject({ kind: z.literal('heavy_weapon_in_withdrawal_zone'), count, windowHours }),
  z.strictObject({
    kind: z.literal('casualties'),
    count,
    windowHours,
    civilianOnly: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('aircraft_in_no_fly'),
    /** A no-fly area id; any when absent. */
    area: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('armour_crossing_line'), minVehicles: count }),
]);

export const escalationThresholdSchema = z.strictObject({
  id,
  level: z.number().int().min(1).max(3),
  trigger: triggerSchema,
  recipients: z.array(z.string().min(1)).min(1),
  ackDeadlineMinutes: z.number().positive(),
  description: z.string().optional(),
});

export const sectorSchema = z.strictObject({ id, name, polygon: polygonSchema });

export const agreementSchema = z.strictObject({
  id,
  version: z.number().int().positive(),
  effectiveFrom: z.iso.date(),
  title: name,
  /** Free text, e.g. that the geography is illustrative. */
  note: z.string().optional(),
  parties: z.array(partySchema).min(2),
  lineOfContact: lineSchema,
  securityZone: z.strictObject({ widthKm: positiveKm.describe('width on each side of the line') }),
  withdrawalDistances: z.array(withdrawalDistanceSchema),
  disengagementAreas: z.array(disengagementAreaSchema),
  noFlyAreas: z.array(noFlyAreaSchema),
  maritimeCorridors: z.array(maritimeCorridorSchema),
  ceilings: ceilingsSchema,
  notificationDuties: z.array(notificationDutySchema),
  escalationThresholds: z.array(escalationThresholdSchema),
  /** Right of reply: hours a party has to answer a finding about it. */
  replyDeadlineHours: z.number().positive(),
  sectors: z.array(sectorSchema),
});

export type Agreement = z.infer<typeof agreementSchema>;
export type Party = z.infer<typeof partySchema>;
export type WithdrawalDistance = z.infer<typeof withdrawalDistanceSchema>;
export type DisengagementArea = z.infer<typeof disengagementAreaSchema>;
export type NoFlyArea = z.infer<typeof noFlyAreaSchema>;
export type MaritimeCorridor = z.infer<typeof maritimeCorridorSchema>;
export type Ceilings = z.infer<typeof ceilingsSchema>;
export type NotificationDuty = z.infer<typeof notificationDutySchema>;
export type EscalationTrigger = z.infer<typeof triggerSchema>;
export type EscalationThreshold = z.infer<typeof escalationThresholdSchema>;
export type Sector = z.infer<typeof sectorSchema>;
export type AreaGeometry = z.infer<typeof areaGeometrySchema>;
