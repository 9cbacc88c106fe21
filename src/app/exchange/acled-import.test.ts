import { describe, expect, test } from 'vitest';
import { validateObservation } from '../../domain/observation/validate.js';
import { acledRowToObservation } from './acled-import.js';
import type { Row, RowMapping } from './row-mapping.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const base: Row = {
  event_id_cnty: 'XX42',
  event_date: '2026-03-01',
  event_type: 'Explosions/Remote violence',
  sub_event_type: 'Shelling/artillery/missile attack',
  latitude: '48.0123',
  longitude: '37.8021',
  geo_precision: '1',
  time_precision: '1',
};
const map = (over: Partial<Record<string, string>> = {}, utcOffsetMinutes: number | null = null, nowMs = NOW) =>
  acledRowToObservation({ ...base, ...over } as Row, { utcOffsetMinutes, nowMs });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const obs = (m: RowMapping): any => {
  if (m.kind !== 'observation') throw new Error(`not an observation: ${JSON.stringify(m)}`);
  const checked = validateObservation(m.observation, { nowMs: NOW });
  if (!checked.ok) throw new Error(`invalid observation: ${JSON.stringify(checked.issues)}`);
  return m.observation;
};

describe('acledRowToObservation: place from geo_precision', () => {
  test.each([
    ['1', 5_000],
    ['2', 25_000],
    ['3', 100_000],
  ])('geo_precision %s → a %i m radius about the coordinates', (geo, radiusM) => {
    expect(obs(map({ geo_precision: geo })).location).toEqual({ lat: 48.0123, lon: 37.8021, radiusM });
  });
});

describe('acledRowToObservation: time from time_precision', () => {
  test.each([
    ['1, zone unknown: the day in every zone (50 h)', '1', null, '2026-02-28T10:00:00Z', '2026-03-02T12:00:00Z'],
    ['1, zone +03:00: the local day', '1', 180, '2026-02-28T21:00:00Z', '2026-03-01T21:00:00Z'],
    ['2, zone unknown: 7 days centred on the date, in UTC', '2', null, '2026-02-26T00:00:00Z', '2026-03-05T00:00:00Z'],
    ['2, zone +03:00: 7 local days centred on the date', '2', 180, '2026-02-25T21:00:00Z', '2026-03-04T21:00:00Z'],
  ])('time_precision %s', (_name, tp, offset, from, to) => {
    expect(obs(map({ time_precision: tp }, offset)).observedAt).toEqual({ from, to });
  });

  test('time_precision 3 (the month alone) is excluded, not an error', () => {
    expect(map({ time_precision: '3' })).toEqual({ kind: 'excluded', reason: expect.stringMatching(/time_precision 3: only the month/) });
  });

  test('a window ending after now is cut at now', () => {
    const nowMs = Date.parse('2026-03-01T15:00:00Z');
    expect(map({}, null, nowMs)).toMatchObject({ kind: 'observation', observation: { observedAt: { from: '2026-02-28T10:00:00Z', to: '2026-03-01T15:00:00Z' } } });
  });
});

describe('acledRowToObservation: event types', () => {
  test.each([
    ['Explosions/Remote violence', 'Shelling/artillery/missile attack', 'explosion', 'impact'],
    ['explosions/remote violence', 'air/drone strike', 'explosion', 'impact'],
    ['Explosions/Remote violence', 'Remote explosive/landmine/IED', 'explosion', 'impact'],
    ['Battles', 'Armed clash', 'small_arms_burst', 'undetermined'],
    ['Battles', 'Government regains territory', 'troop_presence', 'undetermined'],
    ['Strategic Developments', 'Headquarters or base established', 'troop_presence', 'undetermined'],
  ])('%s / %s → %s (%s)', (event_type, sub_event_type, event, direction) => {
    expect(obs(map({ event_type, sub_event_type }))).toMatchObject({ event, direction, weapon: 'undetermined', count: 1, source: { kind: 'osint', id: 'acled' } });
  });

  test.each([
    ['Protests', 'Peaceful protest'],
    ['Riots', 'Mob violence'],
    ['Violence against civilians', 'Abduction/forced disappearance'],
    ['Protests', 'Excessive force against protestors'],
    ['Strategic developments', 'Disrupted weapons use'],
  ])('excludes %s / %s as outside what a ceasefire mission observes', (event_type, sub_event_type) => {
    expect(map({ event_type, sub_event_type })).toMatchObject({ kind: 'excluded', reason: expect.stringMatching(/not something ceasefire observations record/) });
  });
});

describe('acledRowToObservation: errors name every wrong column', () => {
  test('reports each bad cell at once', () => {
    const m = map({ event_date: '2026-02-30', latitude: '95', longitude: 'east', geo_precision: '4', time_precision: '', fatalities: '-1', event_type: 'Explosions', sub_event_type: 'Shelling' });
    expect(m.kind).toBe('rejected');
    expect(m.kind === 'rejected' && m.issues.map((i) => i.path)).toEqual(['event_type', 'event_date', 'latitude', 'longitude', 'geo_precision', 'time_precision', 'fatalities']);
  });
});

describe('acledRowToObservation: id and text', () => {
  test('takes the id from event_id_cnty, else from the row content, so a re-import is a duplicate', () => {
    expect(obs(map()).id).toBe('acled:XX42');
    const a = obs(map({ event_id_cnty: '' })).id;
    expect(a).toMatch(/^acled:row-[0-9a-f]{20}$/);
    expect(obs(map({ event_id_cnty: '' })).id).toBe(a);
    expect(obs(map({ event_id_cnty: '', latitude: '48.1' })).id).not.toBe(a);
  });

  test('keeps actors, place, fatalities, precision, sources and notes in the text', () => {
    const o = obs(map({ actor1: 'Forces of Aland', actor2: 'Civilians (Aland)', location: 'Town Alpha', admin1: 'Region North', fatalities: '2', source: 'Local Paper', notes: 'Shelling hit a school.' }));
    expect(o.text).toBe(
      'ACLED Explosions/Remote violence / Shelling/artillery/missile attack; Forces of Aland vs Civilians (Aland); Town Alpha, Region North; fatalities 2; geo_precision 1, time_precision 1; source: Local Paper; Shelling hit a school.',
    );
  });
});
