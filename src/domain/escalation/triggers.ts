/**
 * Which incidents meet a trigger, kind by kind. Two shapes of rule:
 *
 * - Windowed counts (violations in a sector, heavy weapons in withdrawal zones, casualties): the
 *   sum over incidents whose time falls in (t − window, t]. The trigger fires at the incident
 *   whose addition first brings the sum to the count, and fires again only after the sum has
 *   fallen below the count; so re-evaluating the same history gives the same crossings.
 * - Single incidents (a weapon used, an aircraft in a no-fly area, armour across the line):
 *   every counted incident that meets the trigger fires once.
 *
 * An incident's time is the end of its window.
 */
import type { EscalationTrigger } from '../agreement/schema.js';
import type { EscalationIncident } from './types.js';

/** An incident with its time parsed. */
export interface TimedIncident {
  readonly incident: EscalationIncident;
  readonly atMs: number;
}

/** The trigger met: at which incident, by how much, and on which incidents it rests. */
export interface Crossing {
  readonly sectorId: string | null;
  readonly at: TimedIncident;
  readonly observed: number;
  readonly members: readonly EscalationIncident[];
}

const HOUR_MS = 3_600_000;

/** Violations per the agreement: incidents that broke at least one provision. */
const isViolation = (i: EscalationIncident) => i.provisions.length > 0;
const hasProvision = (i: EscalationIncident, kind: string, id?: string) =>
  i.provisions.some((p) =>
    id === undefined ? p === kind || p.startsWith(`${kind}:`) : p === `${kind}:${id}`,
  );

/** Crossings of one trigger among incidents already filtered to the counted statuses and sorted by time. */
export function crossings(
  trigger: EscalationTrigger,
  incidents: readonly TimedIncident[],
): Crossing[] {
  switch (trigger.kind) {
    case 'verified_violations_in_sector': {
      const bySector = new Map<string, TimedIncident[]>();
      for (const t of incidents) {
        const s = t.incident.sectorId;
        if (
          s === null ||
          !isViolation(t.incident) ||
          (trigger.sector !== undefined && s !== trigger.sector)
        )
          continue;
        bySector.set(s, [...(bySector.get(s) ?? []), t]);
      }
      return [...bySector.entries()].flatMap(([sector, list]) =>
        windowedCrossings(list, trigger.windowHours, trigger.count, (i) => i.count, sector),
      );
    }
    case 'heavy_weapon_in_withdrawal_zone':
      return windowedCrossings(
        incidents.filter((t) => hasProvision(t.incident, 'withdrawal')),
        trigger.windowHours,
        trigger.count,
        (i) => i.count,
        null,
      );
    case 'casualties':
      return windowedCrossings(
        incidents.filter((t) => t.incident.casualties !== undefined),
        trigger.windowHours,
        trigger.count,
        (i) => i.casualties!.civilian + (trigger.civilianOnly ? 0 : i.casualties!.other),
        null,
      );
    case 'weapon_used':
      return single(incidents, (i) => {
        if (!trigger.weapons.includes(i.weapon)) return null;
        if (
          trigger.minCalibreMm !== undefined &&
          !(i.calibreMm !== undefined && i.calibreMm >= trigger.minCalibreMm)
        )
          return null;
        return i.count;
      });
    case 'aircraft_in_no_fly':
      return single(incidents, (i) => (hasProvision(i, 'no_fly', trigger.area) ? i.count : null));
    case 'armour_crossing_line':
      return single(incidents, (i) =>
        i.armourAcrossLine !== undefined && i.armourAcrossLine >= trigger.minVehicles
          ? i.armourAcrossLine
          : null,
      );
  }
}

function single(
  incidents: readonly TimedIncident[],
  observed: (i: EscalationIncident) => number | null,
): Crossing[] {
  const out: Crossing[] = [];
  for (const t of incidents) {
    const n = observed(t.incident);
    if (n !== null)
      out.push({ sectorId: t.incident.sectorId, at: t, observed: n, members: [t.incident] });
  }
  return out;
}

function windowedCrossings(
  list: readonly TimedIncident[],
  windowHours: number,
  count: number,
  weight: (i: EscalationIncident) => number,
  sectorId: string | null,
): Crossing[] {
  const windowMs = windowHours * HOUR_MS;
  const out: Crossing[] = [];
  let front = 0;
  let sum = 0;
  let above = false;
  for (let k = 0; k < list.length; k++) {
    const t = list[k]!;
    while (list[front]!.atMs <= t.atMs - windowMs) sum -= weight(list[front++]!.incident);
    if (sum < count) above = false;
    sum += weight(t.incident);
    if (!above && sum >= count) {
      above = true;
      out.push({
        sectorId,
        at: t,
        observed: sum,
        members: list.slice(front, k + 1).map((m) => m.incident),
      });
    }
  }
  return out;
}
