import { describe, expect, it } from 'vitest';
import type { FusionChange, Incident } from '../../domain/fusion/index.js';
import { planIncidentEvents } from './plan-events.js';

// Snapshots reduced to what planning reads (it passes them through untouched).
const snap = (id: string, observationIds: string[], aliases: string[] = []) => ({ id, observationIds, aliases }) as unknown as Incident;
const opened = (id: string, obs: string, s = snap(id, [obs])): FusionChange => ({ kind: 'opened', incidentId: id, observationId: obs, reason: 'links to no live incident', incident: s });
const joined = (id: string, obs: string, s: Incident): FusionChange => ({ kind: 'joined', incidentId: id, observationId: obs, reason: `joins ${id}`, incident: s });
const merged = (id: string, obs: string, absorbed: string, s: Incident): FusionChange => ({ kind: 'merged', incidentId: id, observationId: obs, absorbedId: absorbed, reason: `${obs} links ${id} and ${absorbed}`, incident: s });

const brief = (events: ReturnType<typeof planIncidentEvents>) => events.map((e) => [e.kind, e.incident.id, e.observationIds.join(',')]);

describe('planning incident events from a batch of engine changes', () => {
  it('folds an opening and the joins after it into one opened event with the last snapshot', () => {
    const last = snap('inc-a', ['a', 'b', 'c']);
    const events = planIncidentEvents([opened('inc-a', 'a'), joined('inc-a', 'b', snap('inc-a', ['a', 'b'])), joined('inc-a', 'c', last)]);
    expect(brief(events)).toEqual([['opened', 'inc-a', 'a,b,c']]);
    expect(events[0]!.incident).toBe(last);
    expect(events[0]!.reason).toBe('a: links to no live incident; b: joins inc-a; c: joins inc-a');
  });

  it('records joins to an incident opened in an earlier batch as one updated event', () => {
    const events = planIncidentEvents([joined('inc-a', 'b', snap('inc-a', ['a', 'b'])), joined('inc-a', 'c', snap('inc-a', ['a', 'b', 'c']))]);
    expect(brief(events)).toEqual([['updated', 'inc-a', 'b,c']]);
  });

  it('keeps changes about other incidents in between apart', () => {
    const events = planIncidentEvents([opened('inc-a', 'a'), opened('inc-x', 'x'), joined('inc-a', 'b', snap('inc-a', ['a', 'b']))]);
    expect(brief(events)).toEqual([
      ['opened', 'inc-x', 'x'],
      ['opened', 'inc-a', 'a,b'],
    ]);
  });

  it('tells a late report that merges two incidents by the merge event alone, after both openings', () => {
    const afterMerge = snap('inc-a', ['a', 'b', 'late'], ['inc-b']);
    const events = planIncidentEvents([
      opened('inc-a', 'a'),
      opened('inc-b', 'b'),
      joined('inc-a', 'late', afterMerge),
      merged('inc-a', 'late', 'inc-b', afterMerge),
    ]);
    expect(brief(events)).toEqual([
      ['opened', 'inc-a', 'a'],
      ['opened', 'inc-b', 'b'],
      ['merged', 'inc-a', 'late'],
    ]);
    expect(events[0]!.incident.aliases).toEqual([]);
    expect(events[2]).toMatchObject({ absorbedId: 'inc-b', reason: 'late links inc-a and inc-b' });
  });

  it('records every merge of one report, and joins after a merge as an update', () => {
    const s1 = snap('inc-a', ['a', 'b', 'c', 'late'], ['inc-b', 'inc-c']);
    const s2 = snap('inc-a', ['a', 'b', 'c', 'late', 'd'], ['inc-b', 'inc-c']);
    const events = planIncidentEvents([joined('inc-a', 'late', s1), merged('inc-a', 'late', 'inc-b', s1), merged('inc-a', 'late', 'inc-c', s1), joined('inc-a', 'd', s2)]);
    expect(brief(events)).toEqual([
      ['merged', 'inc-a', 'late'],
      ['merged', 'inc-a', 'late'],
      ['updated', 'inc-a', 'd'],
    ]);
  });

  it('records a split as a split event for each new incident and an update of the one left', () => {
    const left = snap('inc-s0', ['s0', 's1']);
    const part = snap('inc-claim', ['claim']);
    const events = planIncidentEvents([
      joined('inc-s0', 's1', left),
      { kind: 'split', incidentId: 'inc-claim', fromIncidentId: 'inc-s0', observationIds: ['claim'], reason: 'does not meet the fix', incident: part },
      { kind: 'updated', incidentId: 'inc-s0', reason: 'split off inc-claim', incident: left },
    ]);
    expect(brief(events)).toEqual([
      ['updated', 'inc-s0', 's1'],
      ['split', 'inc-claim', 'claim'],
      ['updated', 'inc-s0', ''],
    ]);
    expect(events[1]).toMatchObject({ fromIncidentId: 'inc-s0' });
  });
});
