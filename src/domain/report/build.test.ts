import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../agreement/index.js';
import type { ProvisionMatch } from '../assessment/index.js';
import type { Incident } from '../fusion/index.js';
import { direct, discRegion } from '../geo/index.js';
import type { EventKind, Observation, WeaponKind } from '../observation/types.js';
import type { LonLat, Meters } from '../units.js';
import type { IncidentWorkflow } from '../workflow/index.js';
import { buildReportModel, type ReportIncident, type ReportInputs } from './build.js';
import { partsSumToTotal } from './categories.js';
import { reportPeriod } from './period.js';
import type { Gazetteer } from './place.js';
import { VIOLATION_CATEGORIES, type ViolationBreakdown } from './types.js';

const read = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../../scenarios/ukraine-2026/${name}`, import.meta.url), 'utf8'),
  );
const agreement = parseAgreement(read('agreement.json'));
const gazetteer = read('gazetteer.json') as Gazetteer;
const town = (id: string): LonLat => {
  const s = gazetteer.settlements.find((x) => x.id === id)!;
  return [s.lon, s.lat];
};
const period = reportPeriod('daily', '2026-03-10'); // 2026-03-09T17:30Z .. 2026-03-10T17:30Z

function incident(
  id: string,
  at: string,
  events: EventKind[],
  count: number,
  opts: {
    where?: LonLat;
    weapon?: WeaponKind;
    calibreMm?: number;
    status?: string;
    party?: string;
    provisions?: ProvisionMatch[];
  } = {},
): ReportIncident {
  const location = opts.where ?? direct(town('bakhmut'), 135, 4000);
  const inc: Incident = {
    id,
    location,
    region: discRegion(location, 500),
    radius90M: 500 as Meters,
    locationMethod: 'single',
    window: { from: at, to: at },
    observationIds: [id.replace('inc-', '')],
    rawCounts: [],
    sourceCounts: [],
    count,
    events,
    weapon: opts.weapon ?? 'undetermined',
    ...(opts.calibreMm !== undefined ? { calibreMm: opts.calibreMm } : {}),
    direction: 'undetermined',
    sourceKinds: ['monitor'],
    aliases: [],
    bearings: null,
    placedBy: [],
    disagreeing: [],
  };
  return {
    incident: inc,
    party: opts.party ?? 'undetermined',
    provisions: opts.provisions ?? [],
    status: opts.status ?? 'reported',
  };
}

const base = (over: Partial<ReportInputs>): ReportInputs => ({
  missionId: 'truceline.local/test',
  agreement,
  gazetteer,
  period,
  generatedAt: '2026-03-10T18:00:00.000Z',
  incidents: [],
  restrictions: [],
  workflows: [],
  ...over,
});

const sumOf = (b: ViolationBreakdown) => VIOLATION_CATEGORIES.reduce((s, c) => s + b[c], 0);

describe('buildReportModel: counts', () => {
  const incidents = [
    incident('inc-a', '2026-03-10T01:00:00Z', ['explosion'], 15),
    // Muzzle flashes and explosions of one firing: counted once, as explosions.
    incident('inc-b', '2026-03-10T02:00:00Z', ['muzzle_flash', 'explosion'], 4),
    incident('inc-c', '2026-03-10T03:00:00Z', ['small_arms_shot'], 2),
    incident('inc-d', '2026-03-10T04:00:00Z', ['small_arms_burst', 'illumination_flare'], 3),
    incident('inc-e', '2026-03-10T05:00:00Z', ['illumination_flare'], 1),
    incident('inc-f', '2026-03-10T06:00:00Z', ['projectile_in_flight'], 6, {
      where: town('kupiansk'),
    }),
    incident('inc-g', '2026-03-10T07:00:00Z', ['muzzle_flash'], 5),
    // Not a violation: a sighting.
    incident('inc-h', '2026-03-10T08:00:00Z', ['weapon_sighting'], 2, { weapon: 'tank' }),
    // Found not to have happened as reported.
    incident('inc-i', '2026-03-10T09:00:00Z', ['explosion'], 40, { status: 'not_verified' }),
    // At the closing instant: the next day's.
    incident('inc-j', '2026-03-10T17:30:00Z', ['explosion'], 9),
    // Previous period.
    incident('inc-k', '2026-03-09T10:00:00Z', ['explosion'], 7),
    incident('inc-l', '2026-03-09T17:29:59Z', ['muzzle_flash'], 1),
    // The day before that: only in the trend.
    incident('inc-m', '2026-03-08T10:00:00Z', ['explosion'], 11),
  ];
  const model = buildReportModel(base({ incidents }));

  it('splits the total into the five categories, each incident once, parts summing to the total', () => {
    expect(model.totals.current).toEqual({
      total: 15 + 4 + 2 + 3 + 1 + 6 + 5,
      explosions: 19,
      projectilesInFlight: 6,
      muzzleFlashes: 5,
      smallArmsBursts: 5,
      illuminationFlares: 1,
    });
    expect(model.totals.previous).toEqual({
      total: 8,
      explosions: 7,
      projectilesInFlight: 0,
      muzzleFlashes: 1,
      smallArmsBursts: 0,
      illuminationFlares: 0,
    });
  });

  it('keeps parts summing to totals in every row of every table', () => {
    const rows = [
      model.totals.current,
      model.totals.previous,
      ...model.byRegion.flatMap((r) => [r.current, r.previous]),
      ...model.bySector.flatMap((r) => [r.current, r.previous]),
      ...model.trend.map((d) => d.violations),
      ...model.disengagementAreas.map((d) => d.violations),
    ];
    for (const b of rows) {
      expect(partsSumToTotal(b)).toBe(true);
      expect(sumOf(b)).toBe(b.total);
    }
  });

  it('adds up the regions and the sectors to the whole', () => {
    const add = (rows: readonly { current: ViolationBreakdown }[]) =>
      rows.reduce((s, r) => s + r.current.total, 0);
    expect(add(model.byRegion)).toBe(model.totals.current.total);
    expect(add(model.bySector)).toBe(model.totals.current.total);
    expect(model.byRegion.map((r) => r.id)).toEqual(['donetsk', 'kharkiv']);
    expect(model.bySector.slice(0, agreement.sectors.length).map((r) => r.id)).toEqual(
      agreement.sectors.map((s) => s.id),
    );
  });

  it('draws a 30-day trend ending on the report date, agreeing with the totals', () => {
    expect(model.trend).toHaveLength(30);
    expect(model.trend[29]!.date).toBe('2026-03-10');
    expect(model.trend[0]!.date).toBe('2026-02-09');
    expect(model.trend[29]!.violations).toEqual(model.totals.current);
    expect(model.trend[28]!.violations).toEqual(model.totals.previous);
    expect(model.trend[27]!.violations.total).toBe(11);
  });

  it('lists notable incidents largest first with place references and no sentences', () => {
    expect(model.notable.map((n) => n.incidentId)).toEqual(['inc-a']);
    expect(model.notable[0]).toMatchObject({
      kind: 'explosions',
      count: 15,
      side: 'undetermined',
      weapon: 'undetermined',
      place: { settlementId: 'bakhmut', compass: 'SE', distanceKm: { min: 3, max: 5 } },
    });
    expect(model.settlements.map((s) => s.id)).toEqual(['bakhmut']);
    expect(model.settlements[0]!.names.uk).toBe('Бахмут');
  });

  it('maps every incident of the period, violations and others', () => {
    expect(model.map.points.map((p) => [p.incidentId, p.kind])).toEqual([
      ['inc-a', 'explosions'],
      ['inc-b', 'explosions'],
      ['inc-c', 'smallArmsBursts'],
      ['inc-d', 'smallArmsBursts'],
      ['inc-e', 'illuminationFlares'],
      ['inc-f', 'projectilesInFlight'],
      ['inc-g', 'muzzleFlashes'],
      ['inc-h', 'other'],
    ]);
    expect(model.map.lineOfContact.length).toBe(agreement.lineOfContact.length);
    expect(model.map.zones.map((z) => z.id)).toEqual(agreement.disengagementAreas.map((a) => a.id));
  });

  it('is JSON data and deterministic', () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    expect(buildReportModel(base({ incidents: [...incidents].reverse() }))).toEqual(model);
  });
});

describe('buildReportModel: provisions, restrictions, findings', () => {
  const withdrawal: ProvisionMatch = {
    provisionId: 'withdrawal:wd-artillery-100',
    kind: 'withdrawal',
    measured: { quantity: 'distance_to_line', value: 12.345, unit: 'km', limit: 50 },
    text: 'x',
    confidence: 0.9,
  };
  const weak = { ...withdrawal, provisionId: 'withdrawal:wd-mortar', confidence: 0.2 };
  const da: ProvisionMatch = {
    provisionId: 'disengagement:da-chasiv-yar',
    kind: 'disengagement',
    measured: { quantity: 'share_inside', value: 1, unit: 'ratio' },
    text: 'x',
    confidence: 0.95,
  };
  const incidents = [
    incident('inc-w', '2026-03-10T10:00:00Z', ['explosion'], 3, {
      weapon: 'artillery',
      calibreMm: 152,
      party: 'ru',
      provisions: [withdrawal, weak, da],
      where: town('chasiv-yar'),
    }),
    incident('inc-x', '2026-03-09T10:00:00Z', ['weapon_sighting'], 1, { provisions: [da] }),
  ];
  const restriction = (id: string, at: string, kind: string, party?: string): Observation => ({
    id,
    source: { kind: 'monitor', id: 'p1' },
    observedAt: at,
    event: 'restriction',
    count: 1,
    weapon: 'undetermined',
    direction: 'undetermined',
    restriction: { kind, ...(party ? { party } : {}) },
  });
  const workflow = {
    incidentId: 'inc-w',
    findings: [
      {
        id: 'inc-w/finding-1',
        round: 1,
        summary: 'Shelling from 12 km of the line.',
        attributedTo: 'ru',
        provisions: ['ceasefire', 'withdrawal:wd-artillery-100'],
        escalationRelevant: true,
        proposedBy: 'a',
        confirmedBy: 'b',
        signedOffBy: 'c',
        issuedAt: '2026-03-10T12:00:00.000Z',
        superseded: false,
        reply: {
          party: 'ru',
          opensAt: '2026-03-10T12:00:00.000Z',
          deadline: '2026-03-12T12:00:00.000Z',
          status: 'replied',
          reply: { by: 'l', at: '2026-03-10T15:00:00.000Z', text: 'Not ours.', evidence: [] },
        },
        disputes: [],
      },
      {
        id: 'inc-w/finding-0',
        issuedAt: '2026-03-10T11:00:00.000Z',
        superseded: true,
        disputes: [],
        provisions: [],
        reply: null,
      },
    ],
  } as unknown as IncidentWorkflow;
  const model = buildReportModel(
    base({
      incidents,
      restrictions: [
        restriction('r1', '2026-03-10T09:00:00Z', 'denied_passage', 'ru'),
        restriction('r2', '2026-03-10T09:30:00Z', 'uav_jammed'),
        restriction('r3', '2026-03-09T09:30:00Z', 'escort_required', 'ua'),
      ],
      workflows: [workflow],
    }),
  );

  it('lists weapons in breach of withdrawal distances above the confidence bar', () => {
    expect(model.withdrawalBreaches).toEqual([
      expect.objectContaining({
        incidentId: 'inc-w',
        provisionId: 'withdrawal:wd-artillery-100',
        weaponClass: 'artillery',
        calibreMm: 152,
        count: 3,
        distanceToLineKm: 12.345,
        limitKm: 50,
        side: 'ru',
        place: expect.objectContaining({
          settlementId: 'chasiv-yar',
          distanceKm: { min: 0, max: 1 },
        }),
      }),
    ]);
  });

  it('counts incidents per disengagement area, now and before', () => {
    const cy = model.disengagementAreas.find((d) => d.areaId === 'da-chasiv-yar')!;
    expect(cy).toMatchObject({
      incidents: 1,
      previousIncidents: 1,
      violations: { total: 3, explosions: 3 },
    });
    expect(model.disengagementAreas.find((d) => d.areaId === 'da-kupiansk')!.incidents).toBe(0);
  });

  it('counts restrictions per party and kind', () => {
    expect(model.movementRestrictions.total).toBe(2);
    expect(model.movementRestrictions.previousTotal).toBe(1);
    expect(model.movementRestrictions.byParty.map((p) => [p.party, p.total])).toEqual([
      ['ru', 1],
      ['unattributed', 1],
    ]);
    expect(model.movementRestrictions.byKind.uav_jammed).toBe(1);
  });

  it('carries the findings issued in the period with the party replies, not superseded ones', () => {
    expect(model.findings).toEqual([
      {
        findingId: 'inc-w/finding-1',
        incidentId: 'inc-w',
        issuedAt: '2026-03-10T12:00:00.000Z',
        attributedTo: 'ru',
        provisions: ['ceasefire', 'withdrawal:wd-artillery-100'],
        summary: 'Shelling from 12 km of the line.',
        escalationRelevant: true,
        reply: {
          party: 'ru',
          deadline: '2026-03-12T12:00:00.000Z',
          status: 'replied',
          repliedAt: '2026-03-10T15:00:00.000Z',
          text: 'Not ours.',
        },
        disputes: [],
      },
    ]);
  });

  it('says why civilian casualties are zero', () => {
    expect(model.civilianCasualties).toEqual({ killed: 0, injured: 0, reason: 'not_recorded' });
  });
});
