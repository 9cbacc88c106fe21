import { describe, expect, it } from 'vitest';
import { obs, offset, pointAt, bearingTo } from '../../domain/fusion/test-support/scenario.js';
import type { Observation } from '../../domain/observation/types.js';
import { f1, pairwiseGrouping } from './grouping.js';
import { RU_GUN, UA_TOWN, truthEvent } from './test-support.js';
import { endOf, indexTruth } from './truth.js';

// One shell: two reports of the impact (i1, i2), one of the firing (o1), one acoustic report of
// undetermined direction pointing at the gun (u1), one projectile seen in flight (f1). A second,
// unrelated event: two reports of small-arms fire (s1, s2).
const sensor = offset(RU_GUN, 270, 8);
const observations: Observation[] = [
  obs('i1', { ...pointAt(UA_TOWN, 300), direction: 'impact' }),
  obs('i2', { ...pointAt(UA_TOWN, 500), direction: 'impact', source: { kind: 'sensor', id: 'cam-1' } }),
  obs('o1', { ...pointAt(RU_GUN, 400), direction: 'outgoing' }),
  obs('u1', { ...bearingTo(sensor, RU_GUN, 2), direction: 'undetermined', source: { kind: 'sensor', id: 'aco-1' } }),
  obs('f1', { ...pointAt(offset(UA_TOWN, 315, 5), 2000), event: 'projectile_in_flight', direction: 'in_flight' }),
  obs('s1', { ...pointAt([38.2, 48.3], 200), event: 'small_arms_burst', direction: 'undetermined' }),
  obs('s2', { ...pointAt([38.2, 48.3], 300), event: 'small_arms_burst', direction: 'undetermined' }),
];
const byId = new Map(observations.map((o) => [o.id, o]));
const truths = [
  truthEvent('shell', ['i1', 'i2', 'o1', 'u1', 'f1']),
  truthEvent('bursts', ['s1', 's2'], { kind: 'small_arms_fire', weapon: 'small_arms', impact: undefined, origin: { lon: 38.2, lat: 48.3, side: 'right', party: 'ua' } }),
];
const truth = indexTruth(truths, byId);

describe('truth groups: one end of one event', () => {
  it.each([
    ['an impact report is of the impact', 'i1', 'impact'],
    ['an outgoing report is of the origin', 'o1', 'origin'],
    ['an undetermined bearing goes to the end it points at', 'u1', 'origin'],
    ['a projectile in flight is of neither end', 'f1', null],
    ['an event with no impact has only its origin', 's1', 'origin'],
  ])('%s', (_, id, end) => {
    const event = truth.eventOf(id)!;
    expect(endOf(byId.get(id)!, event)).toBe(end);
  });

  it("takes the end a report of undetermined direction heard from the truth's endsHeard, over where it points", () => {
    const shell = truth.eventOf('u1')!;
    expect(endOf(byId.get('u1')!, { ...shell, endsHeard: { u1: 'impact' } })).toBe('impact');
    const heard = indexTruth([{ ...truths[0]!, endsHeard: { u1: 'impact' } }, truths[1]!], byId);
    expect(heard.groupOf('u1')!.key).toBe('shell/impact');
    expect(heard.ambiguous('u1')).toBe(true);
  });

  it('marks a report of undetermined direction of a two-ended event as ambiguous, and only it', () => {
    expect(observations.filter((o) => truth.ambiguous(o.id)).map((o) => o.id)).toEqual(['u1']);
  });

  it('leaves out truth observations that are not in the evaluated set', () => {
    const partial = indexTruth(truths, new Map([['i1', byId.get('i1')!]]));
    expect([...partial.groups.values()].map((g) => [g.key, g.observationIds])).toEqual([['shell/impact', ['i1']]]);
  });
});

describe('pairwise grouping', () => {
  // True pairs: shell/impact {i1,i2}, shell/origin {o1,u1}, bursts/origin {s1,s2}: 3.
  it.each<[string, string[][], { predicted: number; correct: number; precision: number; recall: number }]>([
    ['perfect grouping', [['i1', 'i2'], ['o1', 'u1'], ['s1', 's2'], ['f1']], { predicted: 3, correct: 3, precision: 1, recall: 1 }],
    ['every report alone: nothing wrong, nothing found', [['i1'], ['i2'], ['o1'], ['u1'], ['f1'], ['s1'], ['s2']], { predicted: 0, correct: 0, precision: 1, recall: 0 }],
    ['both ends of one shell together: the impact-origin pairs are wrong', [['i1', 'i2', 'o1']], { predicted: 3, correct: 1, precision: 1 / 3, recall: 1 / 3 }],
    ['an ambiguous report and a projectile in flight with the impact are not held against it', [['i1', 'i2', 'u1', 'f1']], { predicted: 1, correct: 1, precision: 1, recall: 1 / 3 }],
    ['two events in one incident: every cross pair is wrong', [['i1', 'i2', 's1', 's2']], { predicted: 6, correct: 2, precision: 1 / 3, recall: 2 / 3 }],
    ['a projectile in flight with another event is wrong', [['f1', 's1']], { predicted: 1, correct: 0, precision: 0, recall: 0 }],
    ['ids the truth does not know are ignored', [['i1', 'i2', 'unknown-1', 'unknown-2']], { predicted: 1, correct: 1, precision: 1, recall: 1 / 3 }],
  ])('%s', (_, clusters, want) => {
    const s = pairwiseGrouping(clusters, truth);
    expect(s.truePairs).toBe(3);
    expect(s.predictedPairs).toBe(want.predicted);
    expect(s.correctPairs).toBe(want.correct);
    expect(s.precision).toBeCloseTo(want.precision, 10);
    expect(s.recall).toBeCloseTo(want.recall, 10);
    expect(s.f1).toBeCloseTo(f1(want.precision, want.recall), 10);
  });

  describe('held to the end heard (strictEnds, a reference measure)', () => {
    // u1 heard the gun (shell/origin): with the impact's reports its two pairs are wrong.
    it.each<[string, string[][], { predicted: number; correct: number }]>([
      ['an ambiguous report with the other end of its event is wrong', [['i1', 'i2', 'u1']], { predicted: 3, correct: 1 }],
      ['an ambiguous report with the end it heard is right', [['o1', 'u1'], ['i1', 'i2']], { predicted: 2, correct: 2 }],
      ['a projectile in flight is still not scored with its own event', [['i1', 'i2', 'f1']], { predicted: 1, correct: 1 }],
    ])('%s', (_, clusters, want) => {
      const s = pairwiseGrouping(clusters, truth, { strictEnds: true });
      expect(s.predictedPairs).toBe(want.predicted);
      expect(s.correctPairs).toBe(want.correct);
      expect(s.truePairs).toBe(3);
    });

    it('scores as the allowance does when no ambiguous report is with the other end', () => {
      const clusters = [['i1', 'i2', 'f1'], ['o1', 'u1'], ['s1', 's2']];
      expect(pairwiseGrouping(clusters, truth, { strictEnds: true })).toEqual(pairwiseGrouping(clusters, truth));
    });
  });

  it('gives F1 0 when precision and recall are both 0', () => {
    expect(f1(0, 0)).toBe(0);
  });
});
