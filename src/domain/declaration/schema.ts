/**
 * A party's force declaration, in the manner of the Vienna Document's annual exchange of military
 * information (Chapter I): as of a date, each unit with its location, personnel strength and
 * major equipment in the five CFE / Vienna Document categories.
 *
 *   {"party":"ua","asOf":"2026-01-01","units":[{"id":"bde-12","name":"12th Brigade",
 *    "location":[37.41,48.52],"personnel":4200,
 *    "equipment":{"battle_tanks":31,"armoured_combat_vehicles":120,"artillery":54}}]}
 *
 * Positions are [lon, lat] (RFC 7946 §3.1.1). An equipment category left out counts as 0.
 */
import { z } from 'zod';
import {
  EQUIPMENT_CATEGORIES,
  positionSchema,
  type EquipmentCategory,
} from '../agreement/index.js';
import { toFieldIssues } from '../agreement/issues.js';
import { validationError } from '../errors.js';

const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must be letters, digits, ".", "_" or "-", starting with a letter or digit',
  );
const count = z.number().int().nonnegative();

export const equipmentSchema = z.strictObject({
  battle_tanks: count.default(0),
  armoured_combat_vehicles: count.default(0),
  artillery: count.default(0),
  combat_aircraft: count.default(0),
  attack_helicopters: count.default(0),
});

export const declaredUnitSchema = z.strictObject({
  id,
  name: z.string().trim().min(1),
  location: positionSchema,
  personnel: count,
  equipment: equipmentSchema.default({
    battle_tanks: 0,
    armoured_combat_vehicles: 0,
    artillery: 0,
    combat_aircraft: 0,
    attack_helicopters: 0,
  }),
});

export const declarationSchema = z
  .strictObject({
    /** The declaring party's id in the agreement. */
    party: id,
    /** The date the figures hold for. */
    asOf: z.iso.date(),
    units: z.array(declaredUnitSchema).min(1),
  })
  .superRefine((d, ctx) => {
    const seen = new Map<string, number>();
    d.units.forEach((u, i) => {
      const first = seen.get(u.id);
      if (first === undefined) seen.set(u.id, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'id'],
          message: `repeats the id '${u.id}' of units[${first}]`,
        });
    });
  });

export type Declaration = z.infer<typeof declarationSchema>;
export type DeclaredUnit = z.infer<typeof declaredUnitSchema>;
export type DeclarationInput = z.input<typeof declarationSchema>;

/**
 * Parses and validates a declaration (already JSON-decoded).
 *
 * @throws TrucelineError VALIDATION listing every issue with its path, e.g.
 *   `units[2].equipment.battle_tanks: must be ≥ 0, got number -3`.
 */
export function parseDeclaration(json: unknown): Declaration {
  const result = declarationSchema.safeParse(json);
  if (!result.success)
    throw validationError(toFieldIssues(result.error.issues, json), 'declaration');
  return result.data;
}

/** What a declaration adds up to: troops (the units' personnel) and each equipment category. */
export type DeclarationTotals = { readonly troops: number } & {
  readonly [C in EquipmentCategory]: number;
};

export function declarationTotals(d: Pick<Declaration, 'units'>): DeclarationTotals {
  const totals = {
    troops: 0,
    battle_tanks: 0,
    armoured_combat_vehicles: 0,
    artillery: 0,
    combat_aircraft: 0,
    attack_helicopters: 0,
  };
  for (const u of d.units) {
    totals.troops += u.personnel;
    for (const c of EQUIPMENT_CATEGORIES) totals[c] += u.equipment[c];
  }
  return totals;
}
