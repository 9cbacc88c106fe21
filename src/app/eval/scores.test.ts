import { describe, expect, it } from 'vitest';
import { obs, offset, pointAt } from '../../domain/fusion/test-support/scenario.js';
import type { Observation } from '../../domain/observation/types.js';
import { attributionScores } from './attribution.js';
import { checkTargets, evaluate, formatEvalReport } from './evaluate.js';
import { incidentByGroup } from './incidents.js';
import { placementScores, quantile, spread } from './placement.js';
import { provisionScores } from './provisions.js';
import { incident, RU_GUN, truthEvent, UA_TOWN } from './test-support.js';
import { indexTruth } from './truth.js';

const impact = (id: string, sourceId: string, kind: 'monitor' | 'sensor' | 'party' = 'monitor') =>
  obs(id, { ...pointAt(UA_TOWN, 300), direction: 'impact', count: 8, source: { kind, id: sourceId } });
const outgoing = (id: string, sourceId: string) =>
  obs(id, { ...pointAt(RU_GUN, 300), direction: 'outgoing', count: 8, source: { kind: 'sensor', id: sourceId } });

function setup(observations: Observation[], truths: ReturnType<typeof truthEvent>[]) {
  const byId = new Map(observations.map((o) => [o.id, o]));
  return { byId, truth: indexTruth(truths, byId) };
}

describe('quantiles and spreads', () => {
  it('takes the nearest-rank quantile', () => {
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('sorts before taking them', () => {
    expect(spread([30, 10, 20])).toEqual({ n: 3, median: 20, p90: 30 });
  });
});

describe('placement: localisation by mission sources, and counts', () => {
  // Shell A: impact reported by two patrols and a party (two mission sources); shell B: by one patrol.
  const { byId, truth } = setup(
    [impact('a1', 'patrol-1'), impact('a2', 'patrol-2'), impact('a3', 'ru-liaison', 'party'), impact('b1', 'patrol-3')],
    [truthEvent('A', ['a1', 'a2', 'a3'], { count: 10 }), truthEvent('B', ['b1'], { count: 4 })],
  );

  it('measures from the incident holding most of the end’s reports to its true place, bucketed by mission sources', () => {
    const incidents = [
      incident('inc-a', ['a1', 'a2', 'a3'], { location: offset(UA_TOWN, 90, 0.2), count: 12 }),
      incident('inc-b', ['b1'], { location: offset(UA_TOWN, 0, 1), count: 4 }),
    ];
    const p = placementScores(incidentByGroup(incidents, truth), truth.groups.values(), byId);
    expect(p.localisationM['2'].n).toBe(1);
    expect(p.localisationM['2'].median!).toBeCloseTo(200, 0);
    expect(p.localisationM['2+'].median!).toBeCloseTo(200, 0);
    expect(p.localisationM['1'].median!).toBeCloseTo(1000, 0);
    expect(p.localisationM['3+'].n).toBe(0);
    // Fused 12 against 10 true: 20 %; 4 against 4: 0. Summing A's reports: 24 → 140 %.
    expect(p.countError.fused.p90).toBeCloseTo(0.2, 10);
    expect(p.countError.naiveSum.p90).toBeCloseTo(1.4, 10);
    expect([p.groups, p.groupsFound]).toEqual([2, 2]);
  });

  it('breaks a tie between incidents by the smaller stated radius, and counts an end no incident holds as not found', () => {
    const incidents = [
      incident('wide', ['a1'], { location: offset(UA_TOWN, 0, 5), radius90M: 9000 }),
      incident('tight', ['a2'], { location: offset(UA_TOWN, 0, 0.1), radius90M: 300 }),
    ];
    const found = incidentByGroup(incidents, truth);
    expect([...found.values()].map((i) => i.id)).toEqual(['tight']);
    const p = placementScores(found, truth.groups.values(), byId);
    expect([p.groups, p.groupsFound]).toEqual([2, 1]);
  });
});

describe('attribution: coverage, accuracy, misattribution, calibration', () => {
  const { truth } = setup(
    [outgoing('g1', 's1'), outgoing('g2', 's2'), outgoing('g3', 's3'), outgoing('g4', 's4'), impact('x1', 'patrol-1'), impact('f1', 'ua-liaison', 'party')],
    [
      truthEvent('G1', ['g1']),
      truthEvent('G2', ['g2']),
      truthEvent('G3', ['g3']),
      truthEvent('G4', ['g4']),
      truthEvent('X', ['x1']),
      truthEvent('F', ['f1'], { kind: 'false_allegation', genuine: false, origin: undefined }),
    ],
  );

  it('scores right, wrong and undetermined attributions and says why each undetermined one is', () => {
    const a = attributionScores(
      [
        incident('i1', ['g1'], { party: 'ru', confidence: 1, origin: 'mission' }),
        incident('i2', ['g2'], { party: 'ua', confidence: 0.96, origin: 'mission' }),
        incident('i3', ['g3'], { party: 'undetermined', confidence: 0.7, origin: 'mission' }),
        incident('i4', ['x1'], { origin: 'none' }),
        incident('i5', ['f1'], { origin: 'not-mission' }),
        incident('i6', ['g4'], { party: 'undetermined', confidence: 0.3, origin: 'mission', restsOnOneReport: true }),
      ],
      truth,
    );
    expect(a).toMatchObject({ attributable: 5, attributed: 2, correct: 1, wrong: 1, coverage: 0.4, accuracy: 0.5, misattributionRate: 0.5, wrongIds: ['i2'] });
    expect(a.undetermined).toEqual({ noOrigin: 1, notMissionSourced: 1, loneBearing: 0, belowThreshold: 1, leaveOneOut: 1 });
    expect(a.calibration.n).toBe(2);
    expect(a.calibration.meanStated).toBeCloseTo(0.98, 10);
    expect(a.calibration.shareCorrect).toBe(0.5);
    expect(a.calibration.gap).toBeCloseTo(0.48, 10);
  });

  it('counts naming anyone for a fabricated allegation as wrong', () => {
    const a = attributionScores([incident('i5', ['f1'], { party: 'ru', confidence: 1, origin: 'mission' })], truth);
    expect([a.attributed, a.wrong, a.attributable]).toEqual([1, 1, 0]);
  });

  it('has no misattribution and no calibration gap when nothing is attributed', () => {
    const a = attributionScores([incident('i4', ['x1'])], truth);
    expect([a.misattributionRate, a.calibration.gap]).toEqual([0, null]);
  });
});

describe('provisions: claimed at ≥ 0.5 against what each event broke', () => {
  const { truth } = setup(
    [outgoing('w1', 's1'), impact('w2', 'patrol-1'), impact('q1', 'patrol-2'), impact('f1', 'ua-liaison', 'party')],
    [
      truthEvent('W', ['w1', 'w2'], { provisionsViolated: ['ceasefire', 'withdrawal:wd-artillery-100'] }),
      truthEvent('Q', ['q1'], { provisionsViolated: ['ceasefire'] }),
      truthEvent('F', ['f1'], { kind: 'false_allegation', genuine: false, origin: undefined, provisionsViolated: [] }),
    ],
  );
  const p = (provisionId: string, confidence: number) => ({ provisionId, confidence });

  it('finds a violation through any incident holding the event’s reports, and scores claims by kind', () => {
    const s = provisionScores(
      [
        incident('origin', ['w1'], { provisions: [p('ceasefire', 0.95), p('withdrawal:wd-artillery-100', 0.9), p('security_zone', 0.9)] }),
        incident('impact', ['w2'], { provisions: [p('ceasefire', 0.95)] }),
        incident('quiet', ['q1'], { provisions: [p('ceasefire', 0.4)] }),
        incident('fabricated', ['f1'], { provisions: [p('ceasefire', 0.3)] }),
      ],
      truth,
    );
    // Violations: W ceasefire (found), W withdrawal (found), Q ceasefire (claimed below 0.5: missed).
    expect([s.violated, s.found]).toEqual([3, 2]);
    // Claims: ceasefire ×2 right, withdrawal right, security_zone wrong; party-only 0.3 and 0.4 are no claims.
    expect([s.claimed, s.claimedRight]).toEqual([4, 3]);
    expect(s.byKind.withdrawal).toMatchObject({ claimed: 1, claimedRight: 1, violated: 1, found: 1 });
    expect(s.byKind.security_zone).toMatchObject({ claimed: 1, claimedRight: 0, violated: 0, precision: 0, recall: 1 });
    expect(s.byKind.ceasefire).toMatchObject({ violated: 2, found: 1, recall: 0.5 });
  });

  it('counts a claim against a fabricated allegation as wrong, and the violations of reported events left in no incident as missed', () => {
    const s = provisionScores([incident('fabricated', ['f1'], { provisions: [p('ceasefire', 0.95)] })], truth);
    expect([s.claimed, s.claimedRight, s.violated, s.found]).toEqual([1, 0, 3, 0]);
  });
});

describe('the whole report', () => {
  it('evaluates, checks the targets and prints one fact a line', () => {
    const { byId } = setup([impact('a1', 'patrol-1'), impact('a2', 'patrol-2')], []);
    const r = evaluate({
      truths: [truthEvent('A', ['a1', 'a2'])],
      observations: byId,
      incidents: [incident('inc-a', ['a1', 'a2'], { location: UA_TOWN, provisions: [{ provisionId: 'ceasefire', confidence: 0.95 }] })],
    });
    expect(r.grouping.f1).toBe(1);
    expect(r.placement.localisationM['2+'].median).toBe(0);
    expect(checkTargets(r).every((t) => t.met)).toBe(true);
    const text = formatEvalReport(r);
    expect(text).toContain('grouping (pairs): precision 1.000, recall 1.000, F1 1.000');
    expect(text).toContain('provisions (claimed at ≥ 0.5): precision 1.000 (1/1), recall 1.000 (1/1)');
  });
});
