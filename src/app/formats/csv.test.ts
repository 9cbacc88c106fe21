import { describe, expect, test } from 'vitest';
import sample from '../../domain/observation/fixtures/design-sample.json' with { type: 'json' };
import type { Observation } from '../../domain/observation/types.js';
import { csvChunks, guardCsvFormula, observationCsvColumns, observationToCsvRow } from './csv.js';
import { OBSERVATION_COLUMNS } from './record.js';

const base = sample.observation as Observation;

/** A minimal RFC 4180 reader, enough to check that what we write reads back cell for cell. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

function rowOf(o: Observation): Record<string, string> {
  const [cells] = readCsv(observationToCsvRow(o));
  return Object.fromEntries(OBSERVATION_COLUMNS.map((c, i) => [c, cells![i]!]));
}

describe('observationCsvColumns', () => {
  test('writes the header record with snake_case columns, ending in CRLF', () => {
    expect(observationCsvColumns()).toBe(`${OBSERVATION_COLUMNS.join(',')}\r\n`);
    expect(OBSERVATION_COLUMNS).toContain('latitude');
  });
});

describe('observationToCsvRow', () => {
  test('writes one record with a cell per column, ending in CRLF', () => {
    const line = observationToCsvRow(base);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(rowOf(base)).toMatchObject({
      id: 'obs-000123',
      source_kind: 'monitor',
      source_party: '',
      observed_from: '2026-03-01T18:40:00Z',
      place: 'observer',
      latitude: '48.0123',
      longitude: '37.8021',
      radius_m: '15',
      bearing_from_deg: '146.25',
      distance_max_km: '5',
      count: '12',
      visibility: 'mission',
      evidence_sha256: base.evidence![0]!.sha256,
      evidence_media_type: 'image/jpeg',
    });
  });

  test.each([
    ['a comma', 'north, then south'],
    ['double quotes', 'he said "incoming"'],
    ['a newline', 'line 1\nline 2'],
    ['a CRLF', 'line 1\r\nline 2'],
    ['a lone CR', 'line 1\rline 2'],
    ['Cyrillic and emoji', 'Вибухи 💥 на сході'],
    ['all of them', '"a",\r\n"b" — Ж'],
  ])('escapes text with %s so it reads back unchanged', (_name, text) => {
    const line = observationToCsvRow({ ...base, text });
    expect(readCsv(line)).toHaveLength(1);
    expect(rowOf({ ...base, text }).text).toBe(text);
  });

  test.each([
    ['=HYPERLINK("http://evil","x")'],
    ['+1+1'],
    ['-2+3'],
    ['@SUM(A1:A2)'],
    ['\t=1'],
    ['\r=1'],
    ['＝1+1'],
  ])('guards the formula-like text %j with a leading single quote', (text) => {
    expect(rowOf({ ...base, text }).text).toBe(`'${text}`);
  });

  test('guards every text cell, ids and list cells too', () => {
    const row = rowOf({
      ...base,
      id: '-obs',
      source: { kind: 'monitor', id: '=cmd' },
      evidence: [{ sha256: 'a'.repeat(64), mediaType: 'image/png' }],
    });
    expect([row.id, row.source_id]).toEqual(["'-obs", "'=cmd"]);
  });

  test('never prefixes numbers, so negative coordinates stay numbers', () => {
    const row = rowOf({
      ...base,
      observer: undefined,
      bearing: undefined,
      distanceKm: undefined,
      location: { lat: -33.9, lon: -73.5, radiusM: 10 },
    });
    expect([row.latitude, row.longitude, row.place]).toEqual(['-33.9', '-73.5', 'location']);
  });

  test('joins evidence with ; and leaves absent values empty', () => {
    const row = rowOf({
      ...base,
      evidence: [{ sha256: 'a'.repeat(64) }, { sha256: 'b'.repeat(64), mediaType: 'video/mp4' }],
      text: undefined,
    });
    expect(row.evidence_sha256).toBe(`${'a'.repeat(64)};${'b'.repeat(64)}`);
    expect(row.evidence_media_type).toBe(';video/mp4');
    expect(row.text).toBe('');
  });
});

describe('guardCsvFormula and csvChunks', () => {
  test('leaves ordinary text alone', () => {
    expect(guardCsvFormula('12 explosions')).toBe('12 explosions');
    expect(guardCsvFormula('')).toBe('');
  });

  test('streams the header then one record per observation', async () => {
    const out: string[] = [];
    for await (const c of csvChunks([base, { ...base, id: 'obs-2' }])) out.push(c);
    expect(out).toHaveLength(3);
    expect(readCsv(out.join('')).map((r) => r[0])).toEqual(['id', 'obs-000123', 'obs-2']);
  });
});
