/** Builders for escalation tests. Test-only. */
import type { EscalationThreshold } from '../../agreement/schema.js';
import type { EscalationIncident } from '../types.js';

export const T0 = Date.UTC(2026, 2, 1, 12);
export const H = 3_600_000;
export const iso = (ms: number) => new Date(ms).toISOString();

let n = 0;
/** A verified ceasefire violation of 1 in sector s1 ending `hoursAfterT0` after T0, with overrides. */
export function incident(
  hoursAfterT0: number,
  over: Partial<EscalationIncident> = {},
): EscalationIncident {
  n += 1;
  const to = T0 + hoursAfterT0 * H;
  return {
    id: over.id ?? `inc-${String(n).padStart(4, '0')}`,
    sectorId: 's1',
    window: { from: iso(to - 10 * 60_000), to: iso(to) },
    weapon: 'undetermined',
    events: ['explosion'],
    count: 1,
    status: 'verified',
    provisions: ['ceasefire'],
    findingIds: [`fnd-${n}`],
    ...over,
  };
}

export const threshold = (
  over: Partial<EscalationThreshold> & Pick<EscalationThreshold, 'trigger'>,
): EscalationThreshold => ({
  id: 'thr',
  level: 1,
  recipients: ['chief_monitor'],
  ackDeadlineMinutes: 60,
  ...over,
});

/** The ladder of the demo agreement (scenarios/ukraine-2026), levels 1-3. */
export const LADDER: EscalationThreshold[] = [
  threshold({
    id: 'l1',
    level: 1,
    recipients: ['chief_monitor', 'party_liaisons'],
    ackDeadlineMinutes: 120,
    trigger: { kind: 'verified_violations_in_sector', count: 50, windowHours: 24 },
  }),
  threshold({
    id: 'l2',
    level: 2,
    recipients: ['chief_monitor', 'guarantors'],
    ackDeadlineMinutes: 60,
    trigger: { kind: 'weapon_used', weapons: ['mlrs', 'missile'] },
  }),
  threshold({
    id: 'l2b',
    level: 2,
    recipients: ['air_policing_force'],
    ackDeadlineMinutes: 30,
    trigger: { kind: 'aircraft_in_no_fly', area: 'nf-line' },
  }),
  threshold({
    id: 'l3',
    level: 3,
    recipients: ['guarantors', 'chief_monitor'],
    ackDeadlineMinutes: 15,
    trigger: { kind: 'armour_crossing_line', minVehicles: 10 },
  }),
];
