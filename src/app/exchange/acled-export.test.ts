import { describe, expect, test } from 'vitest';
import sample from '../../domain/observation/fixtures/design-sample.json' with { type: 'json' };
import type { Observation } from '../../domain/observation/types.js';
import { ACLED_COLUMNS, acledCsvChunks, geoPrecisionOf, observationToAcledRecord, placeRadiusM } from './acled-export.js';
import { acledRowToObservation } from './acled-import.js';
import { readCsv, type CsvRecord } from './csv-reader.js';

const designSample = sample.observation as Observation;
const square = (w: number, s: number, e: number, n: number) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]] as [number, number][][];
const ctx = {
  agreement: {
    parties: [{ id: 'ua', name: 'Ukraine', side: 'right' as const }, { id: 'ru', name: 'Russian Federation', side: 'left' as const }],
    sectors: [{ id: 's-east', name: 'Sector East', polygon: square(37, 47.5, 38.5, 48.5) }],
  },
};
const at = (over: Partial<Observation>): Observation => ({
  id: 'obs-1',
  source: { kind: 'monitor', id: 'patrol-7' },
  observedAt: { from: '2026-03-01T18:40:00Z', to: '2026-03-01T18:45:00Z' },
  location: { lat: 48.0, lon: 37.8, radiusM: 500 },
  event: 'explosion',
  count: 3,
  weapon: 'undetermined',
  direction: 'impact',
  ...over,
});

describe('observationToAcledRecord: event types', () => {
  test.each([
    ['explosion', 'undetermined', 'Explosions/Remote violence', 'Shelling/artillery/missile attack'],
    ['explosion', 'mlrs', 'Explosions/Remote violence', 'Shelling/artillery/missile attack'],
    ['explosion', 'drone', 'Explosions/Remote violence', 'Air/drone strike'],
    ['projectile_in_flight', 'aircraft', 'Explosions/Remote violence', 'Air/drone strike'],
    ['explosion', 'grenade_launcher', 'Explosions/Remote violence', 'Grenade'],
    ['muzzle_flash', 'heavy_machine_gun', 'Battles', 'Armed clash'],
    ['small_arms_burst', 'small_arms', 'Battles', 'Armed clash'],
    ['small_arms_shot', 'undetermined', 'Battles', 'Armed clash'],
    ['troop_presence', 'undetermined', 'Strategic developments', 'Other'],
    ['vessel', 'vessel', 'Strategic developments', 'Other'],
  ] as const)('%s with %s → %s / %s', (event, weapon, type, sub) => {
    expect(observationToAcledRecord(at({ event, weapon }), ctx)).toMatchObject({ event_type: type, sub_event_type: sub });
  });
});

describe('observationToAcledRecord: place and time', () => {
  test.each([
    ['a location of 500 m', at({}), 500, 1],
    ['a location of 5 km', at({ location: { lat: 48, lon: 37.8, radiusM: 5000 } }), 5000, 1],
    ['a location of 20 km', at({ location: { lat: 48, lon: 37.8, radiusM: 20000 } }), 20000, 2],
    ['the design sample (3-5 km from an observer ±15 m)', designSample, 5015, 2],
    ['a bearing alone', at({ location: undefined, observer: { lat: 48, lon: 37.8 }, bearing: { fromDeg: 10, toDeg: 20 } }), 40000, 3],
  ])('%s: radius %i m, geo_precision %i', (_name, o, radius, code) => {
    expect(placeRadiusM(o)).toBe(radius);
    expect(observationToAcledRecord(o, ctx).geo_precision).toBe(code);
    expect(geoPrecisionOf(radius)).toBe(code);
  });

  test('writes the event point, the sector holding it, the UTC date of the window\'s middle and time_precision', () => {
    const r = observationToAcledRecord(at({ observedAt: { from: '2026-03-01T20:00:00Z', to: '2026-03-02T06:00:00Z' } }), ctx);
    expect(r).toMatchObject({ event_date: '2026-03-02', latitude: 48, longitude: 37.8, location: 'Sector East', time_precision: 1, admin1: '', fatalities: '' });
    expect(observationToAcledRecord(at({ observedAt: { from: '2026-03-01T00:00:00Z', to: '2026-03-04T00:00:00Z' } }), ctx).time_precision).toBe(2);
    expect(observationToAcledRecord(at({ location: { lat: 46, lon: 30, radiusM: 10 } }), ctx).location).toBe('');
  });

  test('names the restricting party as actor1 of a restriction', () => {
    const r = observationToAcledRecord(at({ event: 'restriction', restriction: { kind: 'checkpoint_denial', party: 'ru' } }), ctx);
    expect(r).toMatchObject({ actor1: 'Russian Federation', event_type: 'Strategic developments' });
  });
});

describe('acledCsvChunks', () => {
  test('guards a text cell a spreadsheet would run as a formula, and leaves numbers alone', async () => {
    const hostile = { ...ctx, agreement: { ...ctx.agreement, parties: [{ id: 'ru', name: '=cmd|calc', side: 'left' as const }] } };
    let text = '';
    for await (const c of acledCsvChunks([at({ event: 'restriction', restriction: { kind: 'denial', party: 'ru' }, location: { lat: -33.9, lon: -73.5, radiusM: 10 } })], hostile)) text += c;
    const records: CsvRecord[] = [];
    for await (const r of readCsv([text])) records.push(r);
    const row = Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, records[1]!.fields[i]!]));
    expect([row.actor1, row.latitude, row.longitude]).toEqual(["'=cmd|calc", '-33.9', '-73.5']);
  });

  test('writes the ACLED header then one guarded record per observation, and reads back through the importer', async () => {
    let text = '';
    for await (const c of acledCsvChunks([at({ text: '=HYPERLINK("x")' }), designSample], ctx)) text += c;
    const records: CsvRecord[] = [];
    for await (const r of readCsv([text])) records.push(r);
    expect(records[0]!.fields).toEqual([...ACLED_COLUMNS]);
    const row = Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, records[1]!.fields[i]!]));
    expect(row.notes).toBe('[obs-1] 3 explosion, undetermined, impact, 2026-03-01T18:40:00Z/2026-03-01T18:45:00Z. =HYPERLINK("x")');
    expect(row.source).toBe('Truceline monitor patrol-7');
    const back = acledRowToObservation(row, { utcOffsetMinutes: null, nowMs: Date.parse('2026-11-28T00:00:00Z') });
    expect(back).toMatchObject({ kind: 'observation', observation: { event: 'explosion', location: { lat: 48, lon: 37.8, radiusM: 5000 } } });
  });
});
