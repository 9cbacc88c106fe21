import { describe, expect, it } from 'vitest';
import type { EscalationTrigger } from '../agreement/schema.js';
import { TrucelineError } from '../errors.js';
import { evaluateEscalation } from './evaluate.js';
import { H, LADDER, T0, incident, threshold } from './test-support/incidents.js';
import type { EscalationIncident } from './types.js';

interface Row {
  readonly name: string;
  readonly trigger: EscalationTrigger;
  readonly incidents: readonly EscalationIncident[];
  /** Hours after T0 to evaluate at; default 6 (the default lookback is 24 h). */
  readonly now?: number;
  readonly lookbackHours?: number;
  /** Expected candidates: the crossing incident id and what was observed. */
  readonly fires: readonly { at: string; observed: number; sector?: string | null }[];
}

const win = { count: 5, windowHours: 24 } as const;

const rows: Row[] = [
  // verified_violations_in_sector
  {
    name: 'violations: fires at the incident that brings a sector to the count within the window',
    trigger: { kind: 'verified_violations_in_sector', ...win },
    incidents: [
      incident(1, { count: 2 }),
      incident(2, { count: 2 }),
      incident(3, { id: 'x', count: 1 }),
      incident(4, { count: 9 }),
    ],
    fires: [{ at: 'x', observed: 5, sector: 's1' }],
  },
  {
    name: 'violations: counts each sector on its own when no sector is named',
    trigger: { kind: 'verified_violations_in_sector', ...win },
    incidents: [
      incident(1, { count: 3 }),
      incident(2, { count: 3, sectorId: 's2' }),
      incident(3, { id: 'a', count: 2 }),
      incident(4, { id: 'b', count: 2, sectorId: 's2' }),
    ],
    fires: [
      { at: 'a', observed: 5, sector: 's1' },
      { at: 'b', observed: 5, sector: 's2' },
    ],
  },
  {
    name: 'violations: only the named sector',
    trigger: { kind: 'verified_violations_in_sector', sector: 's2', ...win },
    incidents: [incident(1, { count: 9 }), incident(2, { id: 'b', count: 9, sectorId: 's2' })],
    fires: [{ at: 'b', observed: 9, sector: 's2' }],
  },
  {
    name: 'violations: incidents further apart than the window do not add up',
    trigger: { kind: 'verified_violations_in_sector', ...win },
    incidents: [incident(-30, { count: 3 }), incident(0, { count: 3 })],
    fires: [],
  },
  {
    name: 'violations: unverified incidents, incidents outside any sector and incidents breaking no provision do not count',
    trigger: { kind: 'verified_violations_in_sector', ...win },
    incidents: [
      incident(1, { count: 9, status: 'reported' }),
      incident(2, { count: 9, sectorId: null }),
      incident(3, { count: 9, provisions: [] }),
    ],
    fires: [],
  },
  {
    name: 'violations: fires again only after the sum fell below the count',
    trigger: { kind: 'verified_violations_in_sector', ...win },
    incidents: [
      incident(1, { id: 'a', count: 5 }),
      incident(2, { count: 5 }),
      incident(26, { count: 1 }),
      incident(27.5, { id: 'b', count: 5 }),
    ],
    now: 28,
    lookbackHours: 48,
    fires: [
      { at: 'a', observed: 5 },
      { at: 'b', observed: 6 },
    ],
  },
  // weapon_used
  {
    name: 'weapon: any use of a listed weapon fires, once per incident',
    trigger: { kind: 'weapon_used', weapons: ['mlrs', 'missile'] },
    incidents: [
      incident(1, { id: 'm', weapon: 'mlrs', count: 12 }),
      incident(2, { weapon: 'artillery' }),
      incident(3, { id: 'k', weapon: 'missile', sectorId: null }),
    ],
    fires: [
      { at: 'm', observed: 12, sector: 's1' },
      { at: 'k', observed: 1, sector: null },
    ],
  },
  {
    name: 'weapon: a calibre floor excludes smaller and unknown calibres',
    trigger: { kind: 'weapon_used', weapons: ['artillery'], minCalibreMm: 152 },
    incidents: [
      incident(1, { weapon: 'artillery', calibreMm: 122 }),
      incident(2, { weapon: 'artillery' }),
      incident(3, { id: 'big', weapon: 'artillery', calibreMm: 203 }),
    ],
    fires: [{ at: 'big', observed: 1 }],
  },
  // heavy_weapon_in_withdrawal_zone
  {
    name: 'withdrawal: heavy weapons in any withdrawal zone add up within the window',
    trigger: { kind: 'heavy_weapon_in_withdrawal_zone', ...win },
    incidents: [
      incident(1, { count: 3, weapon: 'artillery', provisions: ['withdrawal:wd-art'] }),
      incident(2, { count: 9, provisions: ['ceasefire'] }),
      incident(3, {
        id: 'w',
        count: 2,
        weapon: 'mlrs',
        provisions: ['withdrawal:wd-mlrs'],
        sectorId: 's2',
      }),
    ],
    fires: [{ at: 'w', observed: 5, sector: null }],
  },
  // casualties (counted along the whole line, so no sector)
  {
    name: 'casualties: civilians and others add up',
    trigger: { kind: 'casualties', ...win },
    incidents: [
      incident(1, { casualties: { civilian: 1, other: 2 } }),
      incident(2, { id: 'c', casualties: { civilian: 2, other: 0 } }),
    ],
    fires: [{ at: 'c', observed: 5, sector: null }],
  },
  {
    name: 'casualties: civilianOnly counts civilians only',
    trigger: { kind: 'casualties', civilianOnly: true, ...win },
    incidents: [
      incident(1, { casualties: { civilian: 1, other: 20 } }),
      incident(2, { casualties: { civilian: 2, other: 0 } }),
      incident(3, { id: 'c', casualties: { civilian: 2, other: 0 } }),
    ],
    fires: [{ at: 'c', observed: 5, sector: null }],
  },
  // aircraft_in_no_fly
  {
    name: 'no-fly: only the named area',
    trigger: { kind: 'aircraft_in_no_fly', area: 'nf-line' },
    incidents: [
      incident(1, { weapon: 'aircraft', provisions: ['no_fly:nf-other'] }),
      incident(2, { id: 'f', weapon: 'aircraft', provisions: ['no_fly:nf-line'] }),
    ],
    fires: [{ at: 'f', observed: 1 }],
  },
  {
    name: 'no-fly: any area when none is named',
    trigger: { kind: 'aircraft_in_no_fly' },
    incidents: [
      incident(1, { id: 'f', weapon: 'helicopter', provisions: ['no_fly:nf-other'] }),
      incident(2, { provisions: ['ceasefire'] }),
    ],
    fires: [{ at: 'f', observed: 1 }],
  },
  // armour_crossing_line
  {
    name: 'armour: fires from minVehicles vehicles across the line',
    trigger: { kind: 'armour_crossing_line', minVehicles: 10 },
    incidents: [
      incident(1, { weapon: 'tank', armourAcrossLine: 9 }),
      incident(2, { id: 'a', weapon: 'tank', armourAcrossLine: 12 }),
      incident(3, { weapon: 'tank', count: 30 }),
    ],
    fires: [{ at: 'a', observed: 12 }],
  },
];

describe('evaluateEscalation, trigger by trigger', () => {
  it.each(rows)('$name', ({ trigger, incidents, now = 6, lookbackHours, fires }) => {
    const got = evaluateEscalation(
      incidents,
      { escalationThresholds: [threshold({ trigger })] },
      T0 + now * H,
      lookbackHours ? { lookbackHours } : {},
    );
    const crossing = (c: (typeof got)[number]) => c.incidentIds[c.incidentIds.length - 1];
    expect(got.map((c) => ({ at: crossing(c), observed: c.observed, sector: c.sectorId }))).toEqual(
      fires.map((f) => ({
        at: f.at,
        observed: f.observed,
        sector: f.sector === undefined ? 's1' : f.sector,
      })),
    );
    for (const c of got) expect(c.trigger).toEqual(trigger);
  });
});

describe('evaluateEscalation', () => {
  const agreement = { escalationThresholds: LADDER };

  it('gives each candidate its level, recipients, deadline, the tiers above it and the evidence', () => {
    const burst = Array.from({ length: 5 }, (_, i) =>
      incident(1 + i / 10, { count: 10, findingIds: [`f-${i}`] }),
    );
    const [c] = evaluateEscalation(burst, agreement, T0 + 2 * H);
    expect(c).toMatchObject({
      id: `l1:s1:${burst[4]!.id}`,
      thresholdId: 'l1',
      level: 1,
      recipients: ['chief_monitor', 'party_liaisons'],
      ackDeadlineMinutes: 120,
      observed: 50,
      triggeredAtMs: T0 + 1.4 * H,
      summary: '≥ 50 verified violations in 24 h in any sector: 50 in sector s1',
      findingIds: ['f-0', 'f-1', 'f-2', 'f-3', 'f-4'],
    });
    expect(c!.ladder).toEqual([
      {
        level: 2,
        recipients: ['chief_monitor', 'guarantors', 'air_policing_force'],
        ackDeadlineMinutes: 30,
      },
      { level: 3, recipients: ['guarantors', 'chief_monitor'], ackDeadlineMinutes: 15 },
    ]);
  });

  it('gives the same ids when the same history is evaluated again later', () => {
    const history = [
      incident(1, { weapon: 'mlrs' }),
      ...Array.from({ length: 6 }, (_, i) => incident(2 + i, { count: 10 })),
    ];
    const first = evaluateEscalation(history, agreement, T0 + 8 * H).map((c) => c.id);
    const again = evaluateEscalation(history, agreement, T0 + 20 * H).map((c) => c.id);
    expect(first).toHaveLength(2);
    expect(again).toEqual(first);
  });

  it('orders by time, then the higher level first', () => {
    const same = incident(1, { weapon: 'missile', armourAcrossLine: 11 });
    expect(evaluateEscalation([same], agreement, T0 + 2 * H).map((c) => c.level)).toEqual([3, 2]);
  });

  it('ignores crossings older than the lookback and incidents that end after now', () => {
    const old = incident(-30, { weapon: 'mlrs' });
    const future = incident(5, { weapon: 'mlrs' });
    expect(evaluateEscalation([old, future], agreement, T0)).toEqual([]);
    expect(evaluateEscalation([old], agreement, T0, { lookbackHours: 48 })).toHaveLength(1);
  });

  it('counts other statuses when told to', () => {
    const reported = incident(1, { weapon: 'mlrs', status: 'corroborated' });
    expect(evaluateEscalation([reported], agreement, T0 + 2 * H)).toEqual([]);
    expect(
      evaluateEscalation([reported], agreement, T0 + 2 * H, {
        countedStatuses: ['verified', 'corroborated'],
      }),
    ).toHaveLength(1);
  });

  it('names every incident whose window end is not an instant', () => {
    const bad = [
      incident(1, { window: { from: 'x', to: 'yesterday' } }),
      incident(2),
      incident(3, { window: { from: 'x', to: '' } }),
    ];
    try {
      evaluateEscalation(bad, agreement, T0 + 4 * H);
      expect.unreachable();
    } catch (e) {
      expect((e as TrucelineError).code).toBe('VALIDATION');
      expect((e as TrucelineError).issues.map((i) => i.path)).toEqual([
        'incidents[0].window.to',
        'incidents[2].window.to',
      ]);
    }
  });
});
