/**
 * A daily report model written out by hand for the renderers' tests: every section filled,
 * categories that sum to their totals, counts chosen to exercise the plural forms (1, 21, 22),
 * a settlement missing from the genitive table, and hostile text (markup, quotes) in names,
 * summaries and replies. Not built by src/domain/report, so the renderers are tested against
 * the contract (types.ts) alone.
 */
import {
  VIOLATION_CATEGORIES,
  type ReportModel,
  type ReportPublication,
  type TrendDay,
  type ViolationBreakdown,
} from '../../domain/report/types.js';

/** A breakdown from its five parts; the total is their sum. */
export function breakdown(
  explosions: number,
  projectilesInFlight: number,
  muzzleFlashes: number,
  smallArmsBursts: number,
  illuminationFlares: number,
): ViolationBreakdown {
  const parts = {
    explosions,
    projectilesInFlight,
    muzzleFlashes,
    smallArmsBursts,
    illuminationFlares,
  };
  return { ...parts, total: VIOLATION_CATEGORIES.reduce((sum, c) => sum + parts[c], 0) };
}

export const HOSTILE_NAME = `<script>alert("x")</script> O'Town`;

function trend(): TrendDay[] {
  const days: TrendDay[] = [];
  for (let i = 0; i < 30; i++) {
    const date = new Date(Date.UTC(2026, 1, 0 + i)); // 2026-01-31 … 2026-03-01
    const d = date.toISOString().slice(0, 10);
    days.push({
      date: d,
      violations:
        i === 29
          ? breakdown(37, 4, 6, 21, 3)
          : breakdown(10 + ((i * 7) % 23), i % 3, (i * 5) % 4, 8 + ((i * 3) % 11), i % 2),
    });
  }
  return days;
}

export const PUBLICATION: ReportPublication = {
  approvedBy: 'chief-ops',
  approvedAt: '2026-03-01T18:05:00Z',
  modelSha256: 'a3'.repeat(32),
  ledgerIndex: 48213,
  treeSize: 48220,
  rootHash: '5f'.repeat(32),
  checkpoint:
    'truceline.example/mission\n48220\nX/M1Ey2fVt0tSgDeUTb9Yf2IX9tK7u+fb5TqHP7eh9A=\n\n— truceline.example/mission Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n',
};

/** The model for the day closing 2026-03-01 19:30 Kyiv time; `publication` null (a draft). */
export function reportFixture(): ReportModel {
  return {
    v: 1,
    missionId: 'SMM-2026',
    agreement: {
      id: 'ukraine-2026',
      version: 3,
      title: 'Ceasefire & Disengagement <Agreement> "2026"',
    },
    period: {
      kind: 'daily',
      date: '2026-03-01',
      from: '2026-02-28T17:30:00Z',
      to: '2026-03-01T17:30:00Z',
      closesAtLocal: '19:30',
      timeZone: 'Europe/Kyiv',
      previous: { from: '2026-02-27T17:30:00Z', to: '2026-02-28T17:30:00Z' },
    },
    generatedAt: '2026-03-01T17:42:00Z',
    parties: [
      { id: 'party-a', name: 'Party A' },
      { id: 'party-b', name: 'Party B' },
    ],
    sectors: [
      { id: 'donetsk-north', name: 'Donetsk North' },
      { id: 'donetsk-south', name: 'Donetsk South' },
    ],
    settlements: [
      {
        id: 'svitlodarsk',
        lat: 48.434,
        lon: 38.223,
        region: 'donetsk',
        names: { en: 'Svitlodarsk', uk: 'Світлодарськ', ru: 'Светлодарск' },
      },
      {
        id: 'horlivka',
        lat: 48.3336,
        lon: 38.0925,
        region: 'donetsk',
        names: { en: 'Horlivka', uk: 'Горлівка', ru: 'Горловка' },
      },
      {
        id: 'marinka',
        lat: 47.9431,
        lon: 37.5042,
        region: 'donetsk',
        names: { en: 'Marinka', uk: "Мар'їнка", ru: 'Марьинка' },
      },
      {
        id: 'test-town',
        lat: 48.2,
        lon: 37.9,
        region: 'donetsk',
        names: { en: HOSTILE_NAME, uk: HOSTILE_NAME, ru: HOSTILE_NAME },
      },
    ],
    totals: { current: breakdown(37, 4, 6, 21, 3), previous: breakdown(30, 2, 5, 19, 2) },
    byRegion: [
      { id: 'donetsk', current: breakdown(30, 3, 4, 13, 2), previous: breakdown(22, 1, 4, 12, 1) },
      { id: 'luhansk', current: breakdown(7, 1, 2, 8, 1), previous: breakdown(8, 1, 1, 7, 1) },
    ],
    bySector: [
      {
        id: 'donetsk-north',
        current: breakdown(25, 2, 4, 11, 2),
        previous: breakdown(17, 1, 3, 11, 1),
      },
      {
        id: 'donetsk-south',
        current: breakdown(12, 2, 2, 10, 1),
        previous: breakdown(13, 1, 2, 8, 1),
      },
    ],
    notable: [
      {
        incidentId: 'inc-0001',
        kind: 'explosions',
        events: ['explosion'],
        count: 15,
        side: 'undetermined',
        weapon: 'undetermined',
        calibreMm: null,
        direction: 'impact',
        place: { settlementId: 'svitlodarsk', compass: 'SE', distanceKm: { min: 3, max: 5 } },
        sectorId: 'donetsk-north',
        window: { from: '2026-03-01T16:40:00Z', to: '2026-03-01T16:45:00Z' },
        status: 'reported',
      },
      {
        incidentId: 'inc-0002',
        kind: 'smallArmsBursts',
        events: ['small_arms_burst', 'small_arms_shot'],
        count: 21,
        side: 'party-b',
        weapon: 'heavy_machine_gun',
        calibreMm: 12.7,
        direction: 'outgoing',
        place: { settlementId: 'horlivka', compass: 'NNW', distanceKm: { min: 0, max: 1 } },
        sectorId: 'donetsk-north',
        window: { from: '2026-02-28T20:10:00Z', to: '2026-02-28T20:25:00Z' },
        status: 'verified',
      },
      {
        incidentId: 'inc-0003',
        kind: 'explosions',
        events: ['explosion', 'muzzle_flash'],
        count: 22,
        side: 'party-a',
        weapon: 'artillery',
        calibreMm: 122,
        direction: 'outgoing',
        place: { settlementId: 'test-town', compass: 'W', distanceKm: { min: 8, max: 10 } },
        sectorId: 'donetsk-south',
        window: { from: '2026-03-01T03:00:00Z', to: '2026-03-01T03:20:00Z' },
        status: 'under_investigation',
      },
      {
        incidentId: 'inc-0004',
        kind: 'illuminationFlares',
        events: ['illumination_flare'],
        count: 1,
        side: 'undetermined',
        weapon: 'undetermined',
        calibreMm: null,
        direction: 'in_flight',
        place: null,
        sectorId: 'donetsk-south',
        window: { from: '2026-02-28T22:00:00Z', to: '2026-02-28T22:00:00Z' },
        status: 'reported',
      },
    ],
    withdrawalBreaches: [
      {
        incidentId: 'inc-0005',
        provisionId: 'withdrawal:wd-artillery',
        weaponClass: 'artillery',
        calibreMm: 152,
        count: 3,
        distanceToLineKm: 12.4,
        limitKm: 50,
        side: 'party-a',
        place: { settlementId: 'marinka', compass: 'N', distanceKm: { min: 5, max: 7 } },
        status: 'verified',
        confidence: 0.8,
      },
    ],
    disengagementAreas: [
      {
        areaId: 'da-zolote',
        name: 'Zolote',
        incidents: 2,
        previousIncidents: 5,
        violations: breakdown(6, 0, 1, 4, 0),
      },
    ],
    movementRestrictions: {
      total: 4,
      byKind: {
        denied_passage: 2,
        escort_required: 0,
        area_mined: 1,
        uav_jammed: 1,
        uav_shot_at: 0,
        other: 0,
      },
      byParty: [
        {
          party: 'party-a',
          total: 1,
          byKind: {
            denied_passage: 1,
            escort_required: 0,
            area_mined: 0,
            uav_jammed: 0,
            uav_shot_at: 0,
            other: 0,
          },
        },
        {
          party: 'party-b',
          total: 2,
          byKind: {
            denied_passage: 1,
            escort_required: 0,
            area_mined: 0,
            uav_jammed: 1,
            uav_shot_at: 0,
            other: 0,
          },
        },
        {
          party: 'unattributed',
          total: 1,
          byKind: {
            denied_passage: 0,
            escort_required: 0,
            area_mined: 1,
            uav_jammed: 0,
            uav_shot_at: 0,
            other: 0,
          },
        },
      ],
      previousTotal: 6,
    },
    civilianCasualties: { killed: 0, injured: 0, reason: 'not_recorded' },
    findings: [
      {
        findingId: 'fnd-0007',
        incidentId: 'inc-0002',
        issuedAt: '2026-03-01T09:15:00Z',
        attributedTo: 'party-b',
        provisions: ['ceasefire', 'withdrawal:wd-hmg'],
        summary: 'Heavy machine-gun fire from the <b>north</b> & "east" of the town',
        escalationRelevant: true,
        reply: {
          party: 'party-b',
          deadline: '2026-03-03T09:15:00Z',
          status: 'replied',
          repliedAt: '2026-03-01T15:00:00Z',
          text: `We deny it; see 'our' log </pre><script>steal()</script>`,
        },
        disputes: [
          { id: 'dsp-0001', party: 'party-b', filedAt: '2026-03-01T15:10:00Z', status: 'filed' },
        ],
      },
    ],
    map: {
      bbox: [37.3, 47.8, 38.7, 48.7],
      lineOfContact: [
        [37.45, 47.85],
        [37.62, 48.0],
        [37.8, 48.12],
        [37.98, 48.3],
        [38.15, 48.4],
        [38.35, 48.5],
        [38.6, 48.62],
      ],
      zones: [
        {
          id: 'da-zolote',
          kind: 'disengagement',
          ring: [
            [38.5, 48.55],
            [38.62, 48.55],
            [38.62, 48.65],
            [38.5, 48.65],
            [38.5, 48.55],
          ],
        },
      ],
      points: [
        {
          incidentId: 'inc-0001',
          location: [38.27, 48.41],
          kind: 'explosions',
          count: 15,
          status: 'reported',
          weapon: 'undetermined',
        },
        {
          incidentId: 'inc-0002',
          location: [38.08, 48.34],
          kind: 'smallArmsBursts',
          count: 21,
          status: 'verified',
          weapon: 'heavy_machine_gun',
        },
        {
          incidentId: 'inc-0003',
          location: [37.78, 48.2],
          kind: 'explosions',
          count: 22,
          status: 'under_investigation',
          weapon: 'artillery',
        },
        {
          incidentId: 'inc-0004',
          location: [37.7, 48.05],
          kind: 'illuminationFlares',
          count: 1,
          status: 'reported',
          weapon: 'undetermined',
        },
        {
          incidentId: 'inc-0006',
          location: [37.95, 48.25],
          kind: 'muzzleFlashes',
          count: 6,
          status: 'reported',
          weapon: 'undetermined',
        },
        {
          incidentId: 'inc-0007',
          location: [37.6, 47.95],
          kind: 'projectilesInFlight',
          count: 4,
          status: 'reported',
          weapon: 'undetermined',
        },
        {
          incidentId: 'inc-0005',
          location: [37.5, 48.0],
          kind: 'other',
          count: 3,
          status: 'verified',
          weapon: 'artillery',
        },
      ],
    },
    trend: trend(),
    publication: null,
  };
}

/** The same model, approved and in the ledger. */
export function publishedReportFixture(): ReportModel {
  return { ...reportFixture(), publication: PUBLICATION };
}
